package io.wsproxy.control.proxy;

import io.wsproxy.control.SqlException;

/**
 * What the {@link ProxyMachine} asks for, in order. The {@link ProxyManager} logs at once and
 * carries out the rest on its effect thread, outside any lock; launcher outcomes come back as
 * {@link ProxyEvent}s stamped with their generation.
 */
public sealed interface ProxyEffect {

    /** Start {@code spec} while {@code current} (possibly null) keeps serving; report Launched or LaunchFailed. */
    record Launch(ProxySpec spec, RunningProxy current) implements ProxyEffect {
    }

    /** {@code instance} lets go of its port for {@code next} (null: turned off, or demoted); report Released. */
    record Release(RunningProxy instance, RunningProxy next, int drainSeconds) implements ProxyEffect {
    }

    /** Node shutdown: {@code instance} closes its sessions with 1001 and stops; report Released. */
    record Stop(RunningProxy instance) implements ProxyEffect {
    }

    /** {@code instance} fails as a crash would, or, when it failed by itself, is made sure to be gone. */
    record Crash(RunningProxy instance, String reason) implements ProxyEffect {
    }

    /** The fault switch breaks one part of {@code instance} for real; its watchdog must report it. */
    record Sabotage(RunningProxy instance, ProxyFault fault) implements ProxyEffect {
    }

    /** The command's caller gets OK ({@code error} null) or the error. */
    record Answer(Reply reply, SqlException error) implements ProxyEffect {
    }

    /** A line for websocket_proxy.log; every transition gets one. */
    record Log(boolean error, String message) implements ProxyEffect {
    }
}
