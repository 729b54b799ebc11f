package io.wsproxy.api;

import io.vertx.core.net.SocketAddress;
import io.wsproxy.backend.BackendConnection;
import io.wsproxy.backend.BackendListener;
import io.wsproxy.backend.Credentials;
import io.wsproxy.backend.EngineTls;
import io.wsproxy.link.EngineLink;
import io.wsproxy.wire.ProxyHeaderV2;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Data API's engine connections of one proxy generation, one {@link UserPool} per user name
 * ({@code http_api_pool_capacity} each). A generation has its own engine socket and settings, so
 * it has its own pools; {@link #close()} ends them when the generation is replaced.
 */
public final class DataApiPools {
    private final DataApiSettings settings;
    private final SocketAddress engine;
    private final EngineTls tls;
    private final Map<String, UserPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public DataApiPools(DataApiSettings settings, SocketAddress engine, EngineTls tls) {
        this.settings = settings;
        this.engine = engine;
        this.tls = tls;
    }

    public DataApiSettings settings() {
        return settings;
    }

    UserPool of(String user) {
        UserPool pool = pools.computeIfAbsent(user, u -> new UserPool(u, settings, engine, tls));
        if (closed) {
            pool.close();
        }
        return pool;
    }

    /** A connection outside the pools, with a request's own credentials: to KILL QUERY its pooled one. */
    BackendConnection side(EngineLink link, Credentials credentials, ProxyHeaderV2 header, BackendListener listener) {
        return BackendConnection.open(link, engine, tls, credentials, header, listener);
    }

    /** Engine connections held for {@code user} now. */
    public int connections(String user) {
        UserPool pool = pools.get(user);
        return pool == null ? 0 : pool.size();
    }

    /** Idle connections close now, lent ones when their request ends; later requests get 503. From any thread. */
    public void close() {
        closed = true;
        pools.values().forEach(UserPool::close);
    }
}
