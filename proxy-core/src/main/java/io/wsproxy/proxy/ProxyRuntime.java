package io.wsproxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.wsproxy.link.EngineLink;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * Starts proxy instances. Each instance gets its own Vert.x, whose event loops serve both its
 * HTTP(S) side and its engine side ({@link EngineLink}, one per instance), so two instances never
 * share a listening socket by accident — Vert.x shares servers on one host:port within one Vert.x
 * — and an HTTP instance can hand its port over to an HTTPS one. The thread count is fixed per
 * instance, whatever the number of sessions.
 *
 * <p>Transport: {@link #TRANSPORT_PROPERTY} (system property, or the environment variable
 * {@code WSPROXY_TRANSPORT}) is {@code epoll} or {@code io_uring} (Netty's native transports, both
 * shipped for Linux x86-64), {@code native} (the default: epoll, else io_uring) or {@code nio}
 * (the JDK's, Unix domain sockets included since Java 16). A native transport that cannot load
 * falls back to the next one, then to NIO, with a warning. docs/performance.md has the
 * measurements: under many sessions io_uring spends about a third less CPU per query than epoll,
 * for one session the two measured within noise; and why io_uring is not the default.
 */
public final class ProxyRuntime implements AutoCloseable {
    public static final String TRANSPORT_PROPERTY = "wsproxy.transport";
    /**
     * Native: Vert.x sets SO_REUSEPORT only there, and a same-port protocol switch needs it
     * (DESIGN.md I1). Epoll before io_uring: on io_uring the real-proxy model test once found a
     * failed instance's port that accepted and never answered (docs/performance.md).
     */
    private static final String DEFAULT_TRANSPORT = "native";

    private final int eventLoops;
    private final String requested;

    public ProxyRuntime() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public ProxyRuntime(int eventLoops) {
        this(eventLoops, System.getProperty(TRANSPORT_PROPERTY, System.getenv("WSPROXY_TRANSPORT")));
    }

    /** @param transport {@code native}, {@code io_uring}, {@code epoll}, {@code nio}, or null for the default */
    public ProxyRuntime(int eventLoops, String transport) {
        this.eventLoops = eventLoops;
        this.requested = transport(transport);
    }

    private static String transport(String value) {
        String transport = value == null || value.isBlank() ? DEFAULT_TRANSPORT : value.strip().toLowerCase(Locale.ROOT);
        if (!List.of("native", "io_uring", "epoll", "nio").contains(transport)) {
            throw new IllegalArgumentException(
                    TRANSPORT_PROPERTY + " must be native, io_uring, epoll or nio, not '" + value + "'");
        }
        return transport;
    }

    /**
     * The transport to run on: the first of the requested order that loads here, NIO last. Every
     * native one that does not load is named in one warning, with its cause (Vert.x itself would
     * fall back silently).
     */
    static Transport choose(String requested, Logger log) {
        List<String> order = switch (requested) {
            case "native" -> List.of("epoll", "io_uring");
            case "io_uring" -> List.of("io_uring", "epoll");
            case "epoll" -> List.of("epoll");
            default -> List.of();
        };
        StringBuilder unavailable = new StringBuilder();
        for (String name : order) {
            // Vert.x names a transport whose Netty classes are not on the class path null.
            Transport t = name.equals("epoll") ? Transport.EPOLL : Transport.IO_URING;
            if (t != null && t.available()) {
                if (unavailable.length() > 0) {
                    log.warn("{} transport unavailable ({}), using {}", requested, unavailable, t.name());
                }
                return t;
            }
            unavailable.append(unavailable.length() > 0 ? "; " : "").append(name).append(": ")
                    .append(t == null ? "not on the class path" : String.valueOf(t.unavailabilityCause()));
        }
        if (unavailable.length() > 0) {
            log.warn("{} transport unavailable ({}), using NIO", requested, unavailable);
        }
        return Transport.NIO;
    }

    /** Starts an instance; the future fails (and nothing listens) when it cannot bind or load TLS. */
    public Future<ProxyInstance> start(ProxyConfig config, Logger log) {
        Transport transport = choose(requested, log);
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)).withTransport(transport).build();
        return ProxyInstance.start(vertx, new EngineLink(vertx), config, log).onFailure(e -> vertx.close());
    }

    /** Nothing is shared between instances any more; each closes its own Vert.x and engine link when it stops. */
    @Override
    public void close() {
        // kept for callers that manage a runtime's lifetime
    }
}
