package io.wsproxy.control.proxy;

import java.util.function.Consumer;

/**
 * Starts proxy instances for the {@link ProxyManager}; proxy-core implements it with Vert.x, tests
 * with a fake that keeps the same rules. Called on the manager's effect thread, one call at a
 * time, never under a lock: it may block for as long as a start takes.
 */
public interface ProxyLauncher {

    /**
     * Starts an instance for {@code spec} while {@code current} (possibly null) keeps serving, and
     * returns once the new instance accepts connections. On failure nothing of the new instance
     * remains and {@code current} is untouched: still listening, with its TLS material and its
     * sessions (I1).
     *
     * @param onFailure called at most once if the instance later stops serving by itself (server
     *                  closed, event loop dead, engine link dead, engine socket gone); may be called
     *                  from any thread
     * @throws ProxyLaunchException 9103 when the port cannot be bound, 9105 for TLS material
     */
    RunningProxy start(ProxySpec spec, RunningProxy current, Consumer<String> onFailure) throws ProxyLaunchException;
}
