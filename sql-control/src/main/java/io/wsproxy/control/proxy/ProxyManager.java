package io.wsproxy.control.proxy;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.proxy.ProxyMachine.Machine;
import io.wsproxy.control.proxy.ProxyMachine.Step;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the node's {@link ProxyMachine}: events go through one serialized executor (the loop),
 * which computes each transition, publishes the new machine and logs; every other effect runs in
 * order on a second executor (the effect thread), where launcher I/O may take as long as it takes
 * without holding anything. Launcher outcomes and instance failures come back as events.
 *
 * <p>Reads never wait: {@link #status()} and {@link #state()} read the last published machine, so
 * SHOW PROXY STATUS and SET GLOBAL answer at once even while a RESTART PROXY waits on a slow bind.
 * Commands ({@link #restart}, {@link #roleChanged}, ...) block their caller until their answer.
 */
public final class ProxyManager implements AutoCloseable {
    private final ProxyLauncher launcher;
    private final ProxyEvents events;
    private final Clock clock;
    private final Executor loop;
    private final Executor effects;
    private final Runnable onClose;
    /** Replies not yet answered: failed with 1053 by {@link #close()}, so no caller waits for ever. */
    private final Set<Reply> pending = ConcurrentHashMap.newKeySet();
    /** Touched on the loop only. */
    private Machine machine;
    private volatile Machine published;

    ProxyManager(ProxyLauncher launcher, ProxyEvents events, Clock clock, Executor loop, Executor effects,
            Runnable onClose) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loop = loop;
        this.effects = effects;
        this.onClose = onClose;
        this.machine = Machine.initial(clock.instant());
        this.published = machine;
    }

    /** A manager with its own two daemon threads, stopped by {@link #close()}. */
    public static ProxyManager start(ProxyLauncher launcher, ProxyEvents events, Clock clock) {
        ExecutorService loop = Executors.newSingleThreadExecutor(daemon("proxy-manager"));
        ExecutorService effects = Executors.newSingleThreadExecutor(daemon("proxy-effects"));
        return new ProxyManager(launcher, events, clock, loop, effects, () -> {
            loop.shutdown();
            effects.shutdown();
        });
    }

    /** Node start: a proxy if the settings ask for one and this node is MASTER; a refusal is FAILED, not thrown. */
    public void boot(NodeRole role, ProxySettings settings, String configFile) {
        await(reply -> new ProxyEvent.Boot(role, settings, configFile, reply));
    }

    /** RESTART PROXY with the settings the statement read; throws 9101 to 9105 and then nothing changed. */
    public void restart(ProxySettings settings) {
        await(reply -> new ProxyEvent.Restart(settings, reply));
    }

    /** The node's role changed (or was confirmed): I5. */
    public void roleChanged(NodeRole role, ProxySettings settings) {
        await(reply -> new ProxyEvent.RoleChange(role, settings, reply));
    }

    /**
     * After a SET GLOBAL of a proxy variable: logged if it creates a conflict, applied by nothing
     * (I6). Returns once the loop has seen it, so the session's next SHOW PROXY STATUS does too;
     * never longer, since the loop does no I/O.
     */
    public void settingsChanged(ProxySettings settings) {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        if (post(new ProxyEvent.SettingsChanged(settings), () -> seen.complete(null))) {
            seen.join();
        }
    }

    /** The fault-injection switch; returns once the fault is applied (a crash is FAILED by then). */
    public void injectFailure(String value) {
        await(reply -> new ProxyEvent.InjectFailure(value, reply));
    }

    /** Node shutdown: the running instance closes its sessions with 1001 (I7). */
    public void shutdown() {
        await(ProxyEvent.Shutdown::new);
    }

    /** SHOW PROXY STATUS: the actual state (I6), never waiting for a transition in flight. */
    public ProxyStatus status() {
        Machine m = published;
        return new ProxyStatus(m.state(), m.live() == null ? 0 : m.live().sessions(), m.lastError());
    }

    public ProxyState state() {
        return published.state();
    }

    public NodeRole role() {
        return published.role();
    }

    /** The running instance's spec, if any. */
    public ProxySpec runningSpec() {
        RunningProxy live = published.live();
        return live == null ? null : live.spec();
    }

    /** Stops the threads; call after {@link #shutdown()}. Commands still waiting, and later ones, fail with 1053. */
    @Override
    public void close() {
        onClose.run();
        for (Reply reply : List.copyOf(pending)) {
            reply.fail(ErrorCode.SERVER_SHUTDOWN.error());
        }
    }

    // ---- the loop ----

    private void await(Function<Reply, ProxyEvent.Command> command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Reply reply = new Reply() {
            @Override
            public void ok() {
                done.complete(null);
            }

            @Override
            public void fail(SqlException error) {
                done.completeExceptionally(error);
            }
        };
        pending.add(reply);
        done.whenComplete((v, e) -> pending.remove(reply));
        if (!post(command.apply(reply))) {
            reply.fail(ErrorCode.SERVER_SHUTDOWN.error());
        }
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SqlException sql) {
                throw new SqlException(sql.code(), sql.sqlState(), sql.getMessage()); // this caller's stack
            }
            throw e;
        }
    }

    private boolean post(ProxyEvent event) {
        return post(event, () -> { });
    }

    private boolean post(ProxyEvent event, Runnable afterwards) {
        try {
            loop.execute(() -> {
                try {
                    handle(event);
                } finally {
                    afterwards.run();
                }
            });
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    private void handle(ProxyEvent event) {
        Step step = ProxyMachine.next(machine, event, clock.instant());
        machine = step.machine();
        published = machine;
        for (ProxyEffect effect : step.effects()) {
            if (effect instanceof ProxyEffect.Log log) {
                if (log.error()) {
                    events.error(log.message());
                } else {
                    events.info(log.message());
                }
            } else {
                try {
                    effects.execute(() -> carryOut(effect));
                } catch (RejectedExecutionException closed) {
                    events.error("node closing: " + effect + " not carried out");
                }
            }
        }
    }

    // ---- the effect thread ----

    private void carryOut(ProxyEffect effect) {
        try {
            if (effect instanceof ProxyEffect.Launch l) {
                launch(l);
            } else if (effect instanceof ProxyEffect.Release r) {
                try {
                    r.instance().replacedBy(r.next(), r.drainSeconds());
                } finally {
                    post(new ProxyEvent.Released(r.instance().spec().generation()));
                }
            } else if (effect instanceof ProxyEffect.Stop s) {
                try {
                    s.instance().shutdown();
                } finally {
                    post(new ProxyEvent.Released(s.instance().spec().generation()));
                }
            } else if (effect instanceof ProxyEffect.Crash c) {
                c.instance().crash(c.reason());
            } else if (effect instanceof ProxyEffect.Sabotage s) {
                s.instance().sabotage(s.fault());
            } else if (effect instanceof ProxyEffect.Answer a) {
                if (a.error() == null) {
                    a.reply().ok();
                } else {
                    a.reply().fail(a.error());
                }
            }
        } catch (RuntimeException e) {
            events.error("proxy effect " + effect.getClass().getSimpleName() + " failed: " + e);
        }
    }

    private void launch(ProxyEffect.Launch l) {
        long generation = l.spec().generation();
        FailureGate gate = new FailureGate(generation);
        RunningProxy started;
        try {
            started = launcher.start(l.spec(), l.current(), gate);
        } catch (ProxyLaunchException e) {
            post(new ProxyEvent.LaunchFailed(generation, e.code(), e.getMessage()));
            return;
        } catch (RuntimeException e) {
            post(new ProxyEvent.LaunchFailed(generation, ErrorCode.PROXY_BIND_FAILED, e.toString()));
            return;
        }
        gate.open(started);
    }

    /**
     * An instance may fail before its start has even been reported; its failure must then reach the
     * loop after Launched, or the machine would take it for a late report and keep a dead instance.
     */
    private final class FailureGate implements Consumer<String> {
        private final long generation;
        private boolean open;
        private String early;

        FailureGate(long generation) {
            this.generation = generation;
        }

        @Override
        public synchronized void accept(String reason) {
            if (open) {
                post(new ProxyEvent.InstanceFailed(generation, reason));
            } else if (early == null) {
                early = reason;
            }
        }

        synchronized void open(RunningProxy started) {
            post(new ProxyEvent.Launched(generation, started));
            open = true;
            if (early != null) {
                post(new ProxyEvent.InstanceFailed(generation, early));
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
