package io.wsproxy.control.proxy;

/**
 * A started instance, as the {@link ProxyManager} sees it. Every method may block (it does I/O)
 * and is called by the manager's effect thread, never under a lock.
 */
public interface RunningProxy {

    ProxySpec spec();

    /** Open WebSocket sessions. */
    int sessions();

    /**
     * This instance is being replaced by {@code next}, which is already bound (I1), or turned off
     * ({@code next} null, also on demotion). Returns once this instance no longer accepts
     * connections. On the same endpoint its sessions run to their end; otherwise they get
     * {@code drainSeconds} to finish, then close with 1012 (I7).
     */
    void replacedBy(RunningProxy next, int drainSeconds);

    /** Node shutdown: close every session with 1001 and stop listening; returns once stopped. */
    void shutdown();

    /**
     * Fails as a crash would (the listener goes away, sessions close with 1011), at once. Also
     * how the manager makes sure that an instance reported failed is gone. Idempotent.
     */
    void crash(String reason);

    /** The fault-injection switch: breaks one part for real; the instance's watchdog must report it. */
    void sabotage(ProxyFault fault);
}
