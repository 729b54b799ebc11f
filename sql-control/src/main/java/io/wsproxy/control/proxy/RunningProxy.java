package io.wsproxy.control.proxy;

/** A started instance, as the {@link ProxyManager} sees it. */
public interface RunningProxy {

    ProxySpec spec();

    /** Open WebSocket sessions. */
    int sessions();

    /**
     * This instance is being replaced by {@code next} (already bound). On the same endpoint,
     * {@code next} has taken over the listening socket and this instance's sessions simply run
     * to their end; on another endpoint, this instance stops accepting at once, lets its
     * sessions drain for {@code drainSeconds}, then closes them with 1012 (I1, I7).
     * {@code next} is null when the proxy is turned off.
     */
    void replacedBy(RunningProxy next, int drainSeconds);

    /** Node shutdown or demotion: close every session with 1001 and stop listening, now. */
    void shutdown();

    /**
     * The fault-injection switch: fail as a crash would (the listener goes away, sessions drop),
     * and report it through the failure listener like any other failure.
     */
    void crash(String reason);
}
