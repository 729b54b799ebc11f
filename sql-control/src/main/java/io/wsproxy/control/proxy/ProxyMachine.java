package io.wsproxy.control.proxy;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.proxy.ProxyEffect.Answer;
import io.wsproxy.control.proxy.ProxyEffect.Crash;
import io.wsproxy.control.proxy.ProxyEffect.Launch;
import io.wsproxy.control.proxy.ProxyEffect.Log;
import io.wsproxy.control.proxy.ProxyEffect.Release;
import io.wsproxy.control.proxy.ProxyEffect.Sabotage;
import io.wsproxy.control.proxy.ProxyEffect.Stop;
import io.wsproxy.control.proxy.ProxyEvent.Boot;
import io.wsproxy.control.proxy.ProxyEvent.Command;
import io.wsproxy.control.proxy.ProxyEvent.InjectFailure;
import io.wsproxy.control.proxy.ProxyEvent.InstanceFailed;
import io.wsproxy.control.proxy.ProxyEvent.LaunchFailed;
import io.wsproxy.control.proxy.ProxyEvent.Launched;
import io.wsproxy.control.proxy.ProxyEvent.Released;
import io.wsproxy.control.proxy.ProxyEvent.Restart;
import io.wsproxy.control.proxy.ProxyEvent.RoleChange;
import io.wsproxy.control.proxy.ProxyEvent.SettingsChanged;
import io.wsproxy.control.proxy.ProxyEvent.Shutdown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxy's state machine (DESIGN.md section 4) as one pure function, {@link #next}: a machine
 * and an event in, the next machine and the effects out, in order. No I/O, no clock, no threads;
 * the {@link ProxyManager} feeds it one event at a time and carries out the effects.
 *
 * <ul>
 *   <li>I1: RESTART PROXY launches the new instance while the old one keeps serving, and lets the
 *       old one go only once the new one is bound; a failed launch answers the error and changes
 *       nothing. The answer waits until the old instance no longer accepts.</li>
 *   <li>I2: an instance failure makes the state FAILED; nothing here ever launches on its own.</li>
 *   <li>I3/I4: both ports set (9101) or HTTPS without SSL (9102) refuse to start.</li>
 *   <li>I5: only a MASTER launches; the role lives here and nowhere else.</li>
 *   <li>I6: {@link Machine#state()} is what runs, not what the variables say.</li>
 *   <li>I7: shutdown stops with 1001; a replaced or demoted instance drains, then 1012.</li>
 * </ul>
 */
public final class ProxyMachine {

    /** The work in flight that commands must wait for. */
    public sealed interface Task {
        /** A launch of {@code spec} for {@code cause} (RESTART PROXY, boot or promotion). */
        record Launching(ProxySpec spec, Command cause) implements Task {
        }

        /** Generation {@code generation} is letting go of its port; then {@code reply} is answered. */
        record Releasing(long generation, Reply reply) implements Task {
        }
    }

    /**
     * Everything the machine knows. {@code live} is the instance that serves, exactly when the
     * state is RUNNING; {@code waiting} are the commands that arrived while {@code task} ran.
     */
    public record Machine(NodeRole role, ProxyState state, RunningProxy live, Task task, List<Command> waiting,
            long generation, String lastError, String configFile) {
        public Machine {
            waiting = List.copyOf(waiting);
            if ((state.kind() == ProxyState.Kind.RUNNING) != (live != null)) {
                throw new IllegalStateException("a live instance exactly when RUNNING: " + state + ", " + live);
            }
        }

        public static Machine initial(Instant now) {
            return new Machine(NodeRole.MASTER, new ProxyState.Stopped(now), null, null, List.of(), 0, null, "memsql.cnf");
        }
    }

    public record Step(Machine machine, List<ProxyEffect> effects) {
        public Step {
            effects = List.copyOf(effects);
        }
    }

    private NodeRole role;
    private ProxyState state;
    private RunningProxy live;
    private Task task;
    private final List<Command> waiting;
    private long generation;
    private String lastError;
    private String configFile;
    private final Instant now;
    private final List<ProxyEffect> effects = new ArrayList<>();

    private ProxyMachine(Machine m, Instant now) {
        role = m.role();
        state = m.state();
        live = m.live();
        task = m.task();
        waiting = new ArrayList<>(m.waiting());
        generation = m.generation();
        lastError = m.lastError();
        configFile = m.configFile();
        this.now = now;
    }

    /** Every transition: commands wait while a task runs, notices act at once, then waiting commands run. */
    public static Step next(Machine machine, ProxyEvent event, Instant now) {
        ProxyMachine t = new ProxyMachine(machine, now);
        switch (event.kind()) {
            case BOOT, RESTART, ROLE_CHANGE, INJECT_FAILURE, SHUTDOWN -> t.waiting.add((Command) event);
            case SETTINGS_CHANGED -> t.settingsChanged(((SettingsChanged) event).settings());
            case LAUNCHED -> t.launched((Launched) event);
            case LAUNCH_FAILED -> t.launchFailed((LaunchFailed) event);
            case RELEASED -> t.released((Released) event);
            case INSTANCE_FAILED -> t.instanceFailed((InstanceFailed) event);
            default -> throw new AssertionError(event.kind());
        }
        while (t.task == null && !t.waiting.isEmpty()) {
            t.run(t.waiting.remove(0));
        }
        return new Step(new Machine(t.role, t.state, t.live, t.task, t.waiting, t.generation, t.lastError,
                t.configFile), t.effects);
    }

    private void run(Command command) {
        switch (command.kind()) {
            case BOOT -> {
                Boot boot = (Boot) command;
                role = boot.role();
                configFile = boot.configFile();
                start(boot.settings(), "at boot", boot);
            }
            case RESTART -> restart((Restart) command);
            case ROLE_CHANGE -> roleChange((RoleChange) command);
            case INJECT_FAILURE -> inject((InjectFailure) command);
            case SHUTDOWN -> shutdown((Shutdown) command);
            default -> throw new AssertionError(command.kind());
        }
    }

    // ---- commands ----

    /** Boot and promotion: a refusal is a FAILED state to log, naming the file to fix, not an error for anyone. */
    private void start(ProxySettings s, String when, Command cause) {
        if (s.off()) {
            moveTo(new ProxyState.Stopped(now), when + ": both proxy ports are 0");
        } else if (role != NodeRole.MASTER) {
            moveTo(new ProxyState.Dormant(now), when + ": this node is " + role
                    + "; only the Master Aggregator runs a proxy");
        } else {
            SqlException refused = refusal(s, " in " + configFile);
            if (refused == null) {
                launch(s, cause);
                return;
            }
            fail("proxy not started " + when + ": ERROR " + refused.code() + ": " + refused.getMessage());
        }
        answer(cause.reply(), null);
    }

    private void restart(Restart r) {
        ProxySettings s = r.settings();
        SqlException refused = role != NodeRole.MASTER
                ? ErrorCode.PROXY_NOT_MASTER.error("RESTART PROXY runs on the Master Aggregator only; this node is " + role)
                : refusal(s, "");
        if (refused != null) {
            log(true, "RESTART PROXY failed, nothing changed: ERROR " + refused.code() + ": " + refused.getMessage());
            answer(r.reply(), refused);
        } else if (!s.off()) {
            launch(s, r);
        } else if (live != null) {
            let(live, s.drainSeconds(), new ProxyState.Stopped(now), "RESTART PROXY: both ports are 0", r.reply());
        } else {
            moveTo(new ProxyState.Stopped(now), "RESTART PROXY: both ports are 0");
            answer(r.reply(), null);
        }
    }

    /** I5: only a change of role acts; a repeated notice is neither promotion nor demotion. */
    private void roleChange(RoleChange c) {
        if (c.role() == role) {
            answer(c.reply(), null);
            return;
        }
        role = c.role();
        if (role == NodeRole.MASTER) {
            start(c.settings(), "on promotion to MASTER", c);
            return;
        }
        ProxyState after = c.settings().off() ? new ProxyState.Stopped(now) : new ProxyState.Dormant(now);
        if (live != null) {
            let(live, c.settings().drainSeconds(), after, "node is now " + role, c.reply());
        } else {
            moveTo(after, "node is now " + role);
            answer(c.reply(), null);
        }
    }

    private void inject(InjectFailure f) {
        Optional<ProxyFault> part = ProxyFault.parse(f.value());
        if (live == null) {
            log(false, "fault injection '" + f.value() + "': no proxy is running, nothing to fail");
        } else if (part.isPresent()) {
            log(false, "fault injection: breaking " + part.get().switchValue() + " of " + live.spec().describe());
            effects.add(new Sabotage(live, part.get()));
        } else {
            RunningProxy crashed = live;
            live = null;
            fail(crashed.spec().describe() + " failed: " + f.value() + " (fault injection); it stays down until RESTART PROXY");
            effects.add(new Crash(crashed, f.value()));
        }
        answer(f.reply(), null);
    }

    private void shutdown(Shutdown s) {
        if (live != null) {
            RunningProxy stopping = live;
            live = null;
            moveTo(new ProxyState.Stopped(now), "node shutdown");
            effects.add(new Stop(stopping));
            task = new Task.Releasing(stopping.spec().generation(), s.reply());
        } else {
            moveTo(new ProxyState.Stopped(now), "node shutdown");
            answer(s.reply(), null);
        }
    }

    // ---- notices ----

    /**
     * I3: a conflict is logged; what runs keeps running unchanged (I6). On a node that is not the
     * Master Aggregator nothing runs either way, and DORMANT says whether the variables ask for a
     * proxy it would start on promotion.
     */
    private void settingsChanged(ProxySettings s) {
        if (role != NodeRole.MASTER && task == null && state.kind() != ProxyState.Kind.FAILED) {
            ProxyState.Kind wanted = s.off() ? ProxyState.Kind.STOPPED : ProxyState.Kind.DORMANT;
            if (state.kind() != wanted) {
                moveTo(s.off() ? new ProxyState.Stopped(now) : new ProxyState.Dormant(now),
                        "proxy variables set on a " + role);
            }
        }
        if (s.conflict()) {
            log(true, "https_proxy_port (" + s.httpsPort() + ") and http_proxy_port (" + s.httpPort()
                    + ") are both set: RESTART PROXY will fail with 9101 until one is 0"
                    + (live != null ? "; " + live.spec().describe() + " keeps running unchanged" : ""));
        }
    }

    private void launched(Launched l) {
        if (!(task instanceof Task.Launching t) || t.spec().generation() != l.generation()) {
            // Cannot happen while launches are serialized; never leave an instance nobody owns.
            log(true, "generation " + l.generation() + " started unasked; stopping it");
            effects.add(new Release(l.instance(), null, 0));
            return;
        }
        task = null;
        RunningProxy previous = live;
        ProxySpec spec = t.spec();
        live = l.instance();
        String cause = t.cause().kind() == ProxyEvent.Kind.RESTART ? "RESTART PROXY" : "started";
        moveTo(new ProxyState.Running(spec.protocol(), spec.port(), spec.generation(), now), cause);
        if (previous == null) {
            answer(t.cause().reply(), null);
            return;
        }
        // I1: the new instance is bound; only now does the old one let go.
        log(false, spec.describe() + " replaces " + previous.spec().describe()
                + (spec.sameEndpoint(previous.spec()) ? " on the same port; open sessions run on"
                        : "; the old one drains for " + spec.settings().drainSeconds() + " s, then closes its sessions with 1012"));
        effects.add(new Release(previous, live, spec.settings().drainSeconds()));
        task = new Task.Releasing(previous.spec().generation(), t.cause().reply());
    }

    private void launchFailed(LaunchFailed f) {
        if (!(task instanceof Task.Launching t) || t.spec().generation() != f.generation()) {
            return;
        }
        task = null;
        if (t.cause().kind() == ProxyEvent.Kind.RESTART) {
            log(true, "RESTART PROXY failed, nothing changed: ERROR " + f.code().code() + ": " + f.message());
            answer(t.cause().reply(), new SqlException(f.code(), f.message()));
        } else {
            String when = t.cause().kind() == ProxyEvent.Kind.BOOT ? "at boot" : "on promotion to MASTER";
            fail("proxy not started " + when + ": ERROR " + f.code().code() + ": " + f.message());
            answer(t.cause().reply(), null);
        }
    }

    private void released(Released r) {
        if (task instanceof Task.Releasing t && t.generation() == r.generation()) {
            task = null;
            answer(t.reply(), null);
        }
    }

    /** I2: only the live instance's failure counts, and nothing restarts it. */
    private void instanceFailed(InstanceFailed f) {
        if (live == null || live.spec().generation() != f.generation()) {
            log(false, "late failure report of generation " + f.generation() + " ignored: " + f.reason());
            return;
        }
        RunningProxy failed = live;
        live = null;
        fail(failed.spec().describe() + " failed: " + f.reason() + "; it stays down until RESTART PROXY");
        effects.add(new Crash(failed, f.reason()));
    }

    // ---- helpers ----

    private void launch(ProxySettings s, Command cause) {
        ProxySpec spec = ProxySpec.of(s, ++generation);
        task = new Task.Launching(spec, cause);
        effects.add(new Launch(spec, live));
    }

    /** {@code instance} stops serving for good (off, demotion); {@code reply} waits until it no longer accepts. */
    private void let(RunningProxy instance, int drainSeconds, ProxyState after, String cause, Reply reply) {
        live = null;
        moveTo(after, cause + "; " + instance.spec().describe() + " drains for " + drainSeconds
                + " s, then closes its sessions with 1012");
        effects.add(new Release(instance, null, drainSeconds));
        task = new Task.Releasing(instance.spec().generation(), reply);
    }

    /** I3, I4: what refuses to start before any launch; {@code where} names the file to fix, if any. */
    private static SqlException refusal(ProxySettings s, String where) {
        if (s.conflict()) {
            return ErrorCode.PROXY_PORT_CONFLICT.error("https_proxy_port (" + s.httpsPort() + ") and http_proxy_port ("
                    + s.httpPort() + ") are both set; set one of them to 0" + where);
        }
        if (s.httpsPort() != 0 && !s.sslEnabled()) {
            return ErrorCode.PROXY_SSL_REQUIRED.error("https_proxy_port is " + s.httpsPort()
                    + " but SSL is not enabled; set ssl_cert and ssl_key" + where);
        }
        return null;
    }

    private void moveTo(ProxyState next, String cause) {
        String from = describe(state);
        state = next;
        log(false, from + " -> " + describe(next) + " (" + cause + ")");
    }

    private void fail(String message) {
        lastError = message;
        String from = describe(state);
        state = new ProxyState.Failed(message, now);
        log(true, from + " -> FAILED (" + message + ")");
    }

    private void answer(Reply reply, SqlException error) {
        effects.add(new Answer(reply, error));
    }

    private void log(boolean error, String message) {
        effects.add(new Log(error, message));
    }

    private static String describe(ProxyState s) {
        return s instanceof ProxyState.Running r
                ? "RUNNING(" + r.protocol().scheme() + " port " + r.port() + ", generation " + r.generation() + ")"
                : s.kind().name();
    }
}
