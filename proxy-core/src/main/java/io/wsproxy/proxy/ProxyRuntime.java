package io.wsproxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.wsproxy.link.EngineLink;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * What every proxy instance of a process shares: one Vert.x (its event loops serve the HTTP(S)
 * side of all sessions) and one {@link EngineLink} (its selector threads serve the engine side).
 * The thread count is fixed here, whatever the number of sessions.
 */
public final class ProxyRuntime implements AutoCloseable {
    private final Vertx vertx;
    private final EngineLink link;

    public ProxyRuntime() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()), 1);
    }

    public ProxyRuntime(int eventLoops, int linkThreads) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        this.link = new EngineLink(linkThreads, "wsproxy-engine-link");
    }

    /** Starts an instance; the future fails (and nothing listens) when it cannot bind or load TLS. */
    public Future<ProxyInstance> start(ProxyConfig config, Logger log) {
        return ProxyInstance.start(vertx, link, config, log);
    }

    public Vertx vertx() {
        return vertx;
    }

    public EngineLink link() {
        return link;
    }

    @Override
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // shutting down anyway
        }
        link.close();
    }
}
