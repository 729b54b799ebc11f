package io.wsproxy.control.proxy;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The proxy's state machine (DESIGN.md section 4): one per node, every transition serialized
 * and reported. It owns the contract between the variables, RESTART PROXY and what runs:
 *
 * <ul>
 *   <li>I1: {@link #restart} reads the settings once; it either throws and changes nothing, or
 *       returns with an instance running on exactly that protocol and port (none when both are 0).
 *       The new instance is bound before the old one is let go.</li>
 *   <li>I2: a failed instance leaves the state {@code FAILED} until RESTART PROXY, a role change
 *       to MASTER or a node restart; the manager never retries by itself.</li>
 *   <li>I3/I4: both ports set (9101) or HTTPS without SSL (9102) refuse to start, at boot
 *       (logged, naming the config file) and at RESTART (thrown).</li>
 *   <li>I5: only a MASTER runs a proxy; otherwise the state is {@code DORMANT} when the
 *       variables ask for one.</li>
 *   <li>I6: {@link #status} is the actual state, not the variables.</li>
 *   <li>I7: shutdown closes sessions with 1001; a replaced instance drains, then 1012.</li>
 * </ul>
 */
public final class ProxyManager {
    private final ProxyLauncher launcher;
    private final Supplier<ProxySettings> settings;
    private final ProxyEvents events;
    private final Clock clock;
    private final String configFile;
    private ProxyState state;
    private NodeRole role;
    private RunningProxy current;
    private String lastError;
    private long generation;

    /**
     * @param configFile named in boot-time refusals (memsql.cnf), so the operator knows what to fix
     */
    public ProxyManager(ProxyLauncher launcher, Supplier<ProxySettings> settings, ProxyEvents events, Clock clock,
            String configFile) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.configFile = Objects.requireNonNull(configFile, "configFile");
        this.state = new ProxyState.Stopped(clock.instant());
    }

    /** Node start: a proxy if the settings ask for one and this node is MASTER; a refusal is logged, not thrown. */
    public synchronized void boot(NodeRole role) {
        this.role = role;
        startFromConfig(role, "at boot");
    }

    /** RESTART PROXY. */
    public synchronized void restart(NodeRole role) {
        if (role != NodeRole.MASTER) {
            throw ErrorCode.PROXY_NOT_MASTER.error("RESTART PROXY runs on the Master Aggregator only; this node is "
                    + role);
        }
        ProxySettings s = settings.get();
        check(s, "");
        if (s.off()) {
            if (current != null) {
                events.info("RESTART PROXY: proxy turned off (both ports are 0); " + describe(current.spec())
                        + " drains for " + s.drainSeconds() + " s");
                current.replacedBy(null, s.drainSeconds());
                current = null;
            } else {
                events.info("RESTART PROXY: both ports are 0, no proxy");
            }
            state = new ProxyState.Stopped(clock.instant());
            return;
        }
        ProxySpec spec = new ProxySpec(s.protocol(), s.port(), ++generation, s);
        RunningProxy next;
        try {
            next = launcher.start(spec, current, reason -> failed(spec, reason));
        } catch (ProxyLaunchException e) {
            events.error("RESTART PROXY failed, nothing changed: ERROR " + e.code().code() + ": " + e.getMessage());
            throw e.toSqlException();
        }
        RunningProxy previous = current;
        current = next;
        state = new ProxyState.Running(spec.protocol(), spec.port(), spec.generation(), clock.instant());
        if (previous != null) {
            previous.replacedBy(next, s.drainSeconds());
            events.info("RESTART PROXY: " + describe(spec) + " replaces " + describe(previous.spec())
                    + (spec.sameEndpoint(previous.spec()) ? " on the same socket"
                            : "; the old one drains for " + s.drainSeconds() + " s, then closes its sessions with 1012"));
        } else {
            events.info("RESTART PROXY: " + describe(spec) + " started");
        }
    }

    /**
     * I5: promotion starts a proxy if the settings ask for one; demotion stops it. A notice of the
     * role the node already has is neither: a FAILED proxy stays FAILED (I2) and new variables
     * wait for RESTART PROXY (I6).
     */
    public synchronized void roleChanged(NodeRole role) {
        NodeRole was = this.role;
        this.role = role;
        if (role == was) {
            return;
        }
        if (role == NodeRole.MASTER) {
            if (state.kind() != ProxyState.Kind.RUNNING) {
                startFromConfig(role, "on promotion to MASTER");
            }
            return;
        }
        if (current != null) {
            events.info("node is now " + role + ": stopping " + describe(current.spec()));
            current.shutdown();
            current = null;
        }
        ProxySettings s = settings.get();
        state = s.off() ? new ProxyState.Stopped(clock.instant()) : new ProxyState.Dormant(clock.instant());
    }

    /**
     * After a SET GLOBAL of a proxy variable: nothing restarts (I6); a conflict is logged, and the
     * running instance keeps serving unchanged (I3).
     */
    public synchronized void variablesChanged() {
        ProxySettings s = settings.get();
        if (s.conflict()) {
            events.error("https_proxy_port (" + s.httpsPort() + ") and http_proxy_port (" + s.httpPort()
                    + ") are both set: RESTART PROXY will fail with 9101 until one is 0"
                    + (current != null ? "; " + describe(current.spec()) + " keeps running unchanged" : ""));
        }
    }

    /** Node shutdown: sessions get 1001. */
    public synchronized void shutdown() {
        if (current != null) {
            events.info("node shutdown: stopping " + describe(current.spec()));
            current.shutdown();
            current = null;
        }
        state = new ProxyState.Stopped(clock.instant());
    }

    /**
     * The fault-injection switch: the running instance fails as a crash would, and the state
     * becomes FAILED like after any real failure (I2).
     *
     * @return false when no instance is running
     */
    public synchronized boolean injectFailure(String reason) {
        if (current == null) {
            return false;
        }
        ProxySpec spec = current.spec();
        events.info("fault injection: crashing " + describe(spec) + ": " + reason);
        current.crash(reason);
        // FAILED at once, as SHOW PROXY STATUS right after the switch expects; the launcher's own
        // report of this crash then finds no current instance and is ignored.
        current = null;
        fail(describe(spec) + " failed: " + reason + "; it stays down until RESTART PROXY");
        return true;
    }

    public synchronized ProxyStatus status() {
        return new ProxyStatus(state, current == null ? 0 : current.sessions(), lastError);
    }

    public synchronized ProxyState state() {
        return state;
    }

    /** The running instance's spec, if any. */
    public synchronized ProxySpec runningSpec() {
        return current == null ? null : current.spec();
    }

    private void startFromConfig(NodeRole role, String when) {
        ProxySettings s = settings.get();
        if (s.off()) {
            state = new ProxyState.Stopped(clock.instant());
            return;
        }
        if (role != NodeRole.MASTER) {
            events.info("proxy dormant " + when + ": this node is " + role + ", only the Master Aggregator runs one");
            state = new ProxyState.Dormant(clock.instant());
            return;
        }
        try {
            check(s, " in " + configFile);
            ProxySpec spec = new ProxySpec(s.protocol(), s.port(), ++generation, s);
            current = launcher.start(spec, null, reason -> failed(spec, reason));
            state = new ProxyState.Running(spec.protocol(), spec.port(), spec.generation(), clock.instant());
            events.info(describe(spec) + " started " + when);
        } catch (SqlException e) {
            fail("proxy not started " + when + ": ERROR " + e.code() + ": " + e.getMessage());
        } catch (ProxyLaunchException e) {
            fail("proxy not started " + when + ": ERROR " + e.code().code() + ": " + e.getMessage());
        }
    }

    private static void check(ProxySettings s, String where) {
        if (s.conflict()) {
            throw ErrorCode.PROXY_PORT_CONFLICT.error("https_proxy_port (" + s.httpsPort() + ") and http_proxy_port ("
                    + s.httpPort() + ") are both set; set one of them to 0" + where);
        }
        if (s.httpsPort() != 0 && !s.sslEnabled()) {
            throw ErrorCode.PROXY_SSL_REQUIRED.error("https_proxy_port is " + s.httpsPort()
                    + " but SSL is not enabled; set ssl_cert and ssl_key" + where);
        }
    }

    /** The launcher's report: only the instance that is current can change the state. */
    private synchronized void failed(ProxySpec spec, String reason) {
        if (current == null || current.spec().generation() != spec.generation()) {
            return; // an instance already replaced or stopped
        }
        current = null;
        fail(describe(spec) + " failed: " + reason + "; it stays down until RESTART PROXY");
    }

    private void fail(String message) {
        lastError = message;
        state = new ProxyState.Failed(message, clock.instant());
        events.error(message);
    }

    private static String describe(ProxySpec spec) {
        return "proxy generation " + spec.generation() + " (" + spec.protocol().scheme() + " port " + spec.port() + ")";
    }
}
