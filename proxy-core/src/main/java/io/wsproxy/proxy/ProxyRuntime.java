package io.wsproxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.wsproxy.link.EngineLink;
import org.slf4j.Logger;

/**
 * What the proxy instances of a process share: one {@link EngineLink} (its selector threads serve
 * the engine side of every session), replaced by a fresh one if it has died. Each instance gets
 * its own Vert.x (its event loops serve the HTTP(S) side), so two instances never share a
 * listening socket by accident (Vert.x shares servers on one host:port within one Vert.x), and
 * an instance of another protocol can bind beside an old one on the same port (SO_REUSEPORT,
 * which Vert.x applies with the native epoll transport; it falls back to NIO where epoll is
 * missing). The thread count is fixed per instance, whatever the number of sessions.
 */
public final class ProxyRuntime implements AutoCloseable {
    private final int eventLoops;
    private final int linkThreads;
    private EngineLink link;

    public ProxyRuntime() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()), 1);
    }

    public ProxyRuntime(int eventLoops, int linkThreads) {
        this.eventLoops = eventLoops;
        this.linkThreads = linkThreads;
        this.link = new EngineLink(linkThreads, "wsproxy-engine-link");
    }

    /** Starts an instance; the future fails (and nothing listens) when it cannot bind or load TLS. */
    public Future<ProxyInstance> start(ProxyConfig config, Logger log) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2).setPreferNativeTransport(true));
        return ProxyInstance.start(vertx, link(), config, log).onFailure(e -> vertx.close());
    }

    /** The engine link, a fresh one if the last one died (I2 reported it; a RESTART must not inherit it). */
    public synchronized EngineLink link() {
        if (link.isClosed()) {
            link.close();
            link = new EngineLink(linkThreads, "wsproxy-engine-link");
        }
        return link;
    }

    /** Closes the engine link; instances close their own Vert.x when they stop. */
    @Override
    public synchronized void close() {
        link.close();
    }
}
