package io.wsproxy.control.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An instance the {@link FakeLauncher} started: records what the manager asked of it, holds a
 * session count, and can fail by itself the way a real instance reports a dead event loop.
 */
final class FakeProxy implements RunningProxy {

    enum Status {
        /** Accepting on its endpoint. */
        LISTENING,
        /** Same-endpoint replacement: the successor owns the socket, these sessions run to their end. */
        HANDED_OVER,
        /** Replaced elsewhere or turned off: not accepting, sessions get 1012 after the drain period. */
        DRAINING,
        /** Node shutdown or demotion: sessions closed with 1001. */
        STOPPED,
        /** Crashed or failed by itself. */
        FAILED
    }

    record Replacement(RunningProxy next, int drainSeconds) {
    }

    private final FakeLauncher launcher;
    private final ProxySpec spec;
    private final Consumer<String> onFailure;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final List<Replacement> replacements = new ArrayList<>();
    private final List<String> crashes = new ArrayList<>();
    private final List<ProxyFault> sabotaged = new ArrayList<>();
    private Status status = Status.LISTENING;
    private int shutdowns;
    private volatile int sessions;

    FakeProxy(FakeLauncher launcher, ProxySpec spec, Consumer<String> onFailure) {
        this.launcher = launcher;
        this.spec = spec;
        this.onFailure = onFailure;
    }

    @Override
    public ProxySpec spec() {
        return spec;
    }

    @Override
    public int sessions() {
        return sessions;
    }

    void openSessions(int count) {
        sessions = count;
    }

    @Override
    public void replacedBy(RunningProxy next, int drainSeconds) {
        synchronized (launcher) {
            replacements.add(new Replacement(next, drainSeconds));
            if (status != Status.LISTENING) {
                launcher.violation(this + " replaced while " + status);
                return;
            }
            if (next != null && !launcher.isListening((FakeProxy) next)) {
                launcher.violation(this + " let go before its successor " + next + " listens");
            }
            if (launcher.isListening(this)) {
                launcher.releaseIfOwner(this);
                status = Status.DRAINING;
            } else {
                status = Status.HANDED_OVER;
            }
            launcher.ended(this);
        }
    }

    @Override
    public void shutdown() {
        synchronized (launcher) {
            shutdowns++;
            if (status != Status.LISTENING) {
                launcher.violation(this + " shut down while " + status);
            }
            launcher.releaseIfOwner(this);
            launcher.ended(this);
            status = Status.STOPPED;
            sessions = 0;
        }
    }

    /**
     * The manager's crash: fails at once, or makes sure an instance that failed by itself is gone.
     * Like the real launcher it reports nothing: the manager asked for it.
     */
    @Override
    public void crash(String reason) {
        synchronized (launcher) {
            crashes.add(reason);
            if (status != Status.LISTENING && status != Status.FAILED) {
                launcher.violation(this + " crashed while " + status);
            }
            fail();
        }
    }

    /** Like the real launcher: the part breaks, and the instance's watchdog reports it from its own thread. */
    @Override
    public void sabotage(ProxyFault fault) {
        synchronized (launcher) {
            sabotaged.add(fault);
        }
        failByItself(fault.switchValue() + " (fault injection)");
    }

    List<ProxyFault> sabotaged() {
        synchronized (launcher) {
            return List.copyOf(sabotaged);
        }
    }

    /**
     * Fails by itself (its server closed, its event loop died) and reports from another thread, as
     * the contract promises; returns once the report has been handled.
     */
    void failByItself(String reason) {
        synchronized (launcher) {
            fail();
        }
        Thread reporter = new Thread(() -> report(reason), "fake-proxy-" + spec.generation() + "-failure");
        reporter.start();
        try {
            reporter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void fail() {
        launcher.releaseIfOwner(this);
        launcher.ended(this);
        status = Status.FAILED;
        sessions = 0;
    }

    private void report(String reason) {
        if (reported.compareAndSet(false, true)) {
            onFailure.accept(reason);
        }
    }

    Status status() {
        synchronized (launcher) {
            return status;
        }
    }

    List<Replacement> replacements() {
        synchronized (launcher) {
            return List.copyOf(replacements);
        }
    }

    int shutdowns() {
        synchronized (launcher) {
            return shutdowns;
        }
    }

    List<String> crashes() {
        synchronized (launcher) {
            return List.copyOf(crashes);
        }
    }

    @Override
    public String toString() {
        return "instance " + spec.generation() + " (" + FakeLauncher.Endpoint.of(spec) + ")";
    }
}
