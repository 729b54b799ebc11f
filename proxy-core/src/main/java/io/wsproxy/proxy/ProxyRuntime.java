package io.wsproxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.wsproxy.link.EngineLink;
import org.slf4j.Logger;

/**
 * What the proxy instances of a process share: one {@link EngineLink} (its selector threads serve
 * the engine side of every session). Each instance gets its own Vert.x (its event loops serve the
 * HTTP(S) side), so two instances never share a listening socket by accident — Vert.x shares
 * servers on one host:port within one Vert.x — and an HTTP instance can hand its port over to an
 * HTTPS one. The thread count is fixed per instance, whatever the number of sessions.
 */
public final class ProxyRuntime implements AutoCloseable {
    private final int eventLoops;
    private final EngineLink link;

    public ProxyRuntime() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()), 1);
    }

    public ProxyRuntime(int eventLoops, int linkThreads) {
        this.eventLoops = eventLoops;
        this.link = new EngineLink(linkThreads, "wsproxy-engine-link");
    }

    /** Starts an instance; the future fails (and nothing listens) when it cannot bind or load TLS. */
    public Future<ProxyInstance> start(ProxyConfig config, Logger log) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        return ProxyInstance.start(vertx, link, config, log).onFailure(e -> vertx.close());
    }

    public EngineLink link() {
        return link;
    }

    /** Closes the engine link; instances close their own Vert.x when they stop. */
    @Override
    public void close() {
        link.close();
    }
}
