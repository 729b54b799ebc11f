package io.wsproxy.proxy;

import io.vertx.core.net.SocketAddress;
import io.wsproxy.ws.CloseCode;
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
    private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    private final AtomicInteger limit;
    private Runnable whenEmpty;

    Generation(ProxyConfig config, AtomicInteger sharedReservations) {
        this.config = config;
        this.origins = new OriginPolicy(config.allowedOrigins(), config.scheme(), config.host());
        this.engine = SocketAddress.domainSocketAddress(config.engineSocket().toString());
        this.limit = sharedReservations;
    }

    ProxyConfig config() {
        return config;
    }

    /** Where this generation's sessions open their engine connections. */
    SocketAddress engine() {
        return engine;
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

    void sessionOpened(WsSession session) {
        sessions.add(session);
    }

    void sessionClosed(WsSession session) {
        if (sessions.remove(session)) {
            releaseReservation();
        }
    }

    /** Runs {@code action} once this generation has no sessions left (now, if it has none). */
    synchronized void whenEmpty(Runnable action) {
        whenEmpty = action;
        runIfEmpty();
    }

    private synchronized void runIfEmpty() {
        if (whenEmpty != null && sessions.isEmpty() && reserved.get() == 0) {
            Runnable action = whenEmpty;
            whenEmpty = null;
            action.run();
        }
    }

    void closeAll(CloseCode code) {
        sessions.forEach(s -> s.closeWith(code));
    }
}
