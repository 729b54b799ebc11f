package io.wsproxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.wsproxy.link.EngineLink;
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
 * {@code WSPROXY_TRANSPORT}) is {@code native} (Netty's epoll when its library loads, else NIO) or
 * {@code nio} (the JDK's, Unix domain sockets included since Java 16). The README has the
 * measurements behind the default.
 */
public final class ProxyRuntime implements AutoCloseable {
    public static final String TRANSPORT_PROPERTY = "wsproxy.transport";
    /**
     * Native: Vert.x sets SO_REUSEPORT only there, and a same-port protocol switch needs it
     * (DESIGN.md I1); NIO and native measured within each other's noise (README, Performance).
     */
    private static final String DEFAULT_TRANSPORT = "native";

    private final int eventLoops;
    private final boolean preferNative;

    public ProxyRuntime() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public ProxyRuntime(int eventLoops) {
        this(eventLoops, System.getProperty(TRANSPORT_PROPERTY, System.getenv("WSPROXY_TRANSPORT")));
    }

    /** @param transport {@code native}, {@code nio}, or null (or blank) for the default */
    public ProxyRuntime(int eventLoops, String transport) {
        this.eventLoops = eventLoops;
        this.preferNative = "native".equals(transport(transport));
    }

    private static String transport(String value) {
        String transport = value == null || value.isBlank() ? DEFAULT_TRANSPORT : value.strip().toLowerCase(Locale.ROOT);
        if (!transport.equals("nio") && !transport.equals("native")) {
            throw new IllegalArgumentException(TRANSPORT_PROPERTY + " must be nio or native, not '" + value + "'");
        }
        return transport;
    }

    /** Starts an instance; the future fails (and nothing listens) when it cannot bind or load TLS. */
    public Future<ProxyInstance> start(ProxyConfig config, Logger log) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2).setPreferNativeTransport(preferNative));
        if (preferNative && !vertx.isNativeTransportEnabled()) {
            log.warn("native transport unavailable ({}), using NIO", vertx.unavailableNativeTransportCause().toString());
        }
        return ProxyInstance.start(vertx, new EngineLink(vertx), config, log).onFailure(e -> vertx.close());
    }

    /** Nothing is shared between instances any more; each closes its own Vert.x and engine link when it stops. */
    @Override
    public void close() {
        // kept for callers that manage a runtime's lifetime
    }
}
