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
 * ({@code http_api_pool_capacity} each) while that user holds or waits for a connection: an
 * emptied pool is removed, and at most {@link #MAX_USERS} exist at once (503 with 9111 past it). A
 * generation has its own engine socket and settings, so it has its own pools; {@link #close()}
 * ends them when the generation is replaced.
 */
public final class DataApiPools {
    /** Users whose pools exist at once; a pool lives while it holds or awaits a connection. */
    static final int MAX_USERS = 4096;

    private final DataApiSettings settings;
    private final SocketAddress engine;
    private final EngineTls tls;
    private final Map<String, UserPool> pools = new ConcurrentHashMap<>();
    private final int maxUsers;
    private volatile boolean closed;

    public DataApiPools(DataApiSettings settings, SocketAddress engine, EngineTls tls) {
        this(settings, engine, tls, MAX_USERS);
    }

    /** @param maxUsers how many users may hold or wait for engine connections at once */
    DataApiPools(DataApiSettings settings, SocketAddress engine, EngineTls tls, int maxUsers) {
        this.settings = settings;
        this.engine = engine;
        this.tls = tls;
        this.maxUsers = maxUsers;
    }

    public DataApiSettings settings() {
        return settings;
    }

    /** Serves {@code request} from the pool of {@code user}, made for it if need be. */
    void acquire(String user, UserPool.Request request) {
        while (true) {
            UserPool pool = pools.get(user);
            if (pool == null) {
                if (pools.size() >= maxUsers) {
                    request.lessee().failed(ApiError.busy("engine connections are held for " + maxUsers
                            + " users at once, the most the proxy keeps; try again"));
                    return;
                }
                pool = pools.computeIfAbsent(user, u -> new UserPool(u, settings, engine, tls,
                        empty -> pools.remove(empty.user(), empty)));
            }
            if (closed) {
                pool.close();
            }
            if (pool.acquire(request)) {
                return;
            }
            pools.remove(user, pool); // emptied and removed meanwhile: its successor serves
        }
    }

    /** Users with a pool now: those that hold or wait for an engine connection. */
    int users() {
        return pools.size();
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
