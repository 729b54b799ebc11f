package io.wsproxy.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.transport.Transport;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.WsClient;
import io.wsproxy.proxy.ProxyConfig;
import io.wsproxy.proxy.ProxyInstance;
import io.wsproxy.proxy.ProxyRuntime;
import io.wsproxy.ws.CloseCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Every transport the proxy can run on ({@code wsproxy.transport}: {@code native}, which is
 * Netty's epoll here, {@code epoll}, {@code io_uring}, or {@code nio}, the JDK's) serves a session
 * end to end, both sides of the proxy on it: the /ws server and the engine link's Unix socket, with
 * a result large enough that both sides stop and resume reading. On the native transports a second
 * listener binds the same port beside the first (SO_REUSEPORT), which the same-port protocol switch
 * of RESTART PROXY needs.
 */
class TransportsIT {
    private static final String ROOT_PASSWORD = "transports-root";
    private static final int ROWS = 50_000;

    @TempDir
    static Path dir;

    private static EngineNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = EngineNode.start(dir.resolve("node"), ROOT_PASSWORD);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "epoll", "io_uring", "nio"})
    void aSessionRunsEndToEndOnTheTransport(String requested) throws Exception {
        ProxyInstance proxy = start(new ProxyRuntime(2, requested), 0);
        try {
            assertThat(proxy.transport()).isEqualTo(expected(requested));
            try (WsClient session = WsClient.session(HttpClient.newHttpClient(), ws(proxy), "root", ROOT_PASSWORD)) {
                session.selectOne(1);
                // About 5 MB each way of the proxy: more than the socket buffers hold.
                List<JsonNode> rows = session.rows(2, "SELECT X, REPEAT('x', 100) FROM SYSTEM_RANGE(1, " + ROWS + ")");
                assertThat(rows).hasSize(ROWS);
                assertThat(rows.get(ROWS - 1).get(0).asLong()).isEqualTo(ROWS);
                session.selectOne(3);
            }
        } finally {
            proxy.stop(CloseCode.GOING_AWAY).await(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "io_uring"})
    void onANativeTransportASecondListenerBindsTheSamePortBesideTheFirst(String requested) throws Exception {
        ProxyRuntime runtime = new ProxyRuntime(2, requested);
        ProxyInstance first = start(runtime, 0);
        ProxyInstance second;
        try {
            assertThat(first.transport()).isEqualTo(expected(requested));
            second = start(runtime, first.port());
        } finally {
            first.stop(CloseCode.GOING_AWAY).await(30, TimeUnit.SECONDS);
        }
        try {
            assertThat(second.port()).isEqualTo(first.port());
            try (WsClient session = WsClient.session(HttpClient.newHttpClient(), ws(second), "root", ROOT_PASSWORD)) {
                session.selectOne(1);
            }
        } finally {
            second.stop(CloseCode.GOING_AWAY).await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theStandaloneProxyRefusesAnUnknownTransportAndSaysWhichItKnows() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dwsproxy.transport=kqueue", "-jar", ProxyProcess.jar().toString(), "--engine-socket",
                node.socket().toString(), "--http-port", "0", "--host", "127.0.0.1", "--log-file",
                dir.resolve("refused.log").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("refused.stderr").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("refused.stderr")).strip())
                .isEqualTo("error: wsproxy.transport must be native, io_uring, epoll or nio, not 'kqueue'");
    }

    /**
     * What runs: native is epoll on Linux when its library loads (both native transports ship in
     * proxy-core.jar), else io_uring; io_uring falls back to epoll where the kernel refuses it;
     * anything falls back to NIO.
     */
    private static String expected(String requested) {
        boolean epoll = Transport.EPOLL != null && Transport.EPOLL.available();
        boolean ioUring = Transport.IO_URING != null && Transport.IO_URING.available();
        return switch (requested) {
            case "native" -> epoll ? "epoll" : ioUring ? "io_uring" : "nio";
            case "io_uring" -> ioUring ? "io_uring" : epoll ? "epoll" : "nio";
            case "epoll" -> epoll ? "epoll" : "nio";
            default -> "nio";
        };
    }

    private static ProxyInstance start(ProxyRuntime runtime, int port) throws Exception {
        ProxyConfig config = new ProxyConfig("127.0.0.1", port, null, node.socket(), false, List.of(), 1 << 20,
                Duration.ofSeconds(10), 100);
        return runtime.start(config, LoggerFactory.getLogger("websocket_proxy")).await(30, TimeUnit.SECONDS);
    }

    private static URI ws(ProxyInstance proxy) {
        return URI.create("ws://127.0.0.1:" + proxy.port() + "/ws");
    }
}
