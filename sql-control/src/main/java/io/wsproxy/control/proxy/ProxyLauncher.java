package io.wsproxy.control.proxy;

import java.util.function.Consumer;

/**
 * Starts proxy instances for the {@link ProxyManager}; proxy-core implements it with Vert.x, tests
 * with a fake.
 */
public interface ProxyLauncher {

    /**
     * Starts an instance for {@code spec} while {@code current} (possibly null) keeps serving.
     * When both are on the same endpoint the new instance takes over {@code current}'s bound
     * socket, so the port never refuses a connection. Returns once the instance accepts
     * connections; on failure nothing of the new instance remains and {@code current} is untouched.
     *
     * @param onFailure called at most once if the instance later fails by itself (its server or
     *                  engine socket goes away, or {@link RunningProxy#crash}); never on a thread
     *                  that {@code start} could be waiting on
     * @throws ProxyLaunchException 9103 when the port cannot be bound, 9105 for TLS material
     */
    RunningProxy start(ProxySpec spec, RunningProxy current, Consumer<String> onFailure) throws ProxyLaunchException;
}
