package io.wsproxy.proxy;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.wsproxy.api.DataApiPools;
import io.wsproxy.backend.EngineTls;
import io.wsproxy.tls.TlsMaterial;
import io.wsproxy.ws.CloseCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One generation of a proxy: the settings new sessions get (engine socket, origins, limits) and
 * the sessions opened under them. A same-port RESTART PROXY swaps the generation behind the bound
 * port; sessions of the old generation run on to their end.
 */
final class Generation {
    private final ProxyConfig config;
    private final OriginPolicy origins;
    private final SocketAddress engine;
    private final EngineTls engineTls;
    private final DataApiPools dataApi;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    private final AtomicInteger limit;
    private final List<Runnable> whenEmpty = new ArrayList<>();

    Generation(ProxyConfig config, AtomicInteger sharedReservations) {
        this.config = config;
        this.origins = new OriginPolicy(config.allowedOrigins(), config.scheme(), config.host());
        this.engine = config.engineAddress();
        this.engineTls = engineTls(config.engineTcp());
        this.dataApi = new DataApiPools(config.dataApi(), engine, engineTls);
        this.limit = sharedReservations;
    }

    private static EngineTls engineTls(EngineTcp tcp) {
        if (tcp == null || !tcp.tls()) {
            return null;
        }
        ClientSSLOptions options = new ClientSSLOptions()
                .setEnabledSecureTransportProtocols(Set.of(TlsMaterial.PROTOCOLS))
                .setHostnameVerificationAlgorithm(tcp.verifyHost() ? "HTTPS" : "");
        if (tcp.caFile() != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(tcp.caFile().toString()));
        }
        return new EngineTls(options, tcp.host());
    }

    ProxyConfig config() {
        return config;
    }

    /** Where this generation's sessions open their engine connections. */
    SocketAddress engine() {
        return engine;
    }

    /** TLS to the engine, or null (a Unix socket, or plain TCP). */
    EngineTls engineTls() {
        return engineTls;
    }

    /** The Data API's engine connections of this generation, per user. */
    DataApiPools dataApi() {
        return dataApi;
    }

    OriginPolicy origins() {
        return origins;
    }

    int sessions() {
        return sessions.size();
    }

    /** Takes a session slot (counted across the generations of one port), false at {@code maxSessions}. */
    boolean reserveSession() {
        if (limit.incrementAndGet() > config.maxSessions()) {
            limit.decrementAndGet();
            return false;
        }
        reserved.incrementAndGet();
        return true;
    }

    void releaseReservation() {
        reserved.decrementAndGet();
        limit.decrementAndGet();
        runIfEmpty();
    }

    void sessionOpened(ClientSession session) {
        sessions.add(session);
    }

    void sessionClosed(ClientSession session) {
        if (sessions.remove(session)) {
            releaseReservation();
        }
    }

    /** Runs {@code action} once this generation has no sessions left (now, if it has none). */
    void whenEmpty(Runnable action) {
        synchronized (this) {
            whenEmpty.add(action);
        }
        runIfEmpty();
    }

    private void runIfEmpty() {
        List<Runnable> due;
        synchronized (this) {
            if (whenEmpty.isEmpty() || !sessions.isEmpty() || reserved.get() != 0) {
                return;
            }
            due = List.copyOf(whenEmpty);
            whenEmpty.clear();
        }
        due.forEach(Runnable::run); // outside the lock: an action may take other locks
    }

    /** Replaced behind the same listener: the Data API's idle connections of this generation close now. */
    void retire() {
        dataApi.close();
    }

    /** Asks every session to close; one whose event loop is gone (a crash) does not stop the others. */
    void closeAll(CloseCode code) {
        for (ClientSession session : sessions) {
            try {
                session.closeWith(code);
            } catch (RuntimeException deadLoop) {
                sessions.remove(session);
            }
        }
    }
}
