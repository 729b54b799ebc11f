package io.wsproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.transport.Transport;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which transport {@code wsproxy.transport} picks: the one asked for when it loads here, else the
 * next in line, named in a warning; never a value it does not know. The expectations follow what
 * this machine can load, so the test holds where io_uring is refused (a kernel or a sandbox that
 * forbids it) as well as where it runs.
 */
class ProxyRuntimeTest {
    private static final boolean EPOLL = Transport.EPOLL != null && Transport.EPOLL.available();
    private static final boolean IO_URING = Transport.IO_URING != null && Transport.IO_URING.available();

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Logger log;

    @BeforeEach
    void capture() {
        log = new LoggerContext().getLogger("websocket_proxy");
        log.setLevel(Level.DEBUG);
        logged.start();
        log.addAppender(logged);
    }

    @Test
    void nioIsTheJdksAndNeedsNoWarning() {
        assertThat(ProxyRuntime.choose("nio", log)).isSameAs(Transport.NIO);
        assertThat(logged.list).isEmpty();
    }

    @Test
    void nativeAndEpollRunOnEpollWhereItLoads() {
        for (String requested : List.of("native", "epoll")) {
            logged.list.clear();
            Transport chosen = ProxyRuntime.choose(requested, log);
            if (EPOLL || !requested.equals("native")) {
                assertThat(chosen).isSameAs(EPOLL ? Transport.EPOLL : Transport.NIO);
                assertThat(warnings()).hasSize(EPOLL ? 0 : 1);
            } else {
                assertThat(chosen).isSameAs(IO_URING ? Transport.IO_URING : Transport.NIO);
                assertThat(warnings()).singleElement().asString().startsWith("native transport unavailable (epoll: ");
            }
        }
    }

    @Test
    void ioUringFallsBackToEpollWithAWarningThatSaysWhy() {
        Transport chosen = ProxyRuntime.choose("io_uring", log);
        if (IO_URING) {
            assertThat(chosen).isSameAs(Transport.IO_URING);
            assertThat(warnings()).isEmpty();
        } else {
            assertThat(chosen).isSameAs(EPOLL ? Transport.EPOLL : Transport.NIO);
            assertThat(warnings()).singleElement().asString().startsWith("io_uring transport unavailable (io_uring: ");
        }
    }

    @Test
    void anUnknownTransportIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> new ProxyRuntime(2, "kqueue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wsproxy.transport must be native, io_uring, epoll or nio, not 'kqueue'");
    }

    @Test
    void blankIsTheDefaultAndCaseDoesNotMatter() {
        new ProxyRuntime(2, " ");
        new ProxyRuntime(2, "IO_URING");
        assertThat(ProxyRuntime.choose("native", log)).isSameAs(ProxyRuntime.choose("epoll", log));
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
