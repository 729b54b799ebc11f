package io.wsproxy.control.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.proxy.FakeLauncher.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Every transition is serialized" (DESIGN.md section 4): eight threads issue RESTART PROXY, SET
 * GLOBAL, crashes and status reads at once; the fake launcher reports overlapping starts or a
 * {@code current} that is not the live instance, and at the end one RESTART PROXY must leave
 * exactly what the variables say.
 */
class ProxyManagerConcurrencyTest {
    private static final int THREADS = 8;
    private static final Duration RUN_FOR = Duration.ofSeconds(2);
    private static final int TAKEN = 9999;
    private static final long SEED = 0x9e37_79b9L;

    private final SettingsSource settings = new SettingsSource();
    private final FakeLauncher launcher = new FakeLauncher().occupy(TAKEN);
    private final Control manager = Control.threaded(launcher, settings, ProxyEvents.NONE, new MutableClock());
    private final AtomicInteger restartsOk = new AtomicInteger();
    private final AtomicInteger restartsRefused = new AtomicInteger();

    @Test
    void concurrentRestartsAndSetsLeaveExactlyWhatTheLastRestartRead() throws Exception {
        settings.httpPort(8080);
        manager.boot(NodeRole.MASTER);
        CountDownLatch go = new CountDownLatch(1);
        long deadline = System.nanoTime() + RUN_FOR.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(SEED + t);
                workers.add(pool.submit(() -> {
                    go.await();
                    int operations = 0;
                    while (System.nanoTime() < deadline) {
                        act(random);
                        operations++;
                    }
                    return operations;
                }));
            }
            go.countDown();
            int operations = 0;
            for (Future<Integer> worker : workers) {
                operations += worker.get(RUN_FOR.toSeconds() + 30, TimeUnit.SECONDS); // rethrows a worker's failure
            }
            assertThat(operations).as("operations").isGreaterThan(1_000);
        } finally {
            pool.shutdownNow();
        }
        assertThat(launcher.violations()).isEmpty();
        assertThat(restartsOk).as("successful restarts").hasPositiveValue();
        assertThat(restartsRefused).as("refused restarts").hasPositiveValue();

        launcher.disarm();
        ProxySettings wanted = settleOnAValidConfiguration();
        manager.restart();

        assertThat(launcher.violations()).isEmpty();
        if (wanted.off()) {
            assertThat(manager.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
            assertThat(manager.runningSpec()).isNull();
            assertThat(launcher.listening()).isEmpty();
        } else {
            Endpoint endpoint = new Endpoint(wanted.protocol(), wanted.port());
            assertThat(manager.state()).isInstanceOfSatisfying(ProxyState.Running.class,
                    r -> assertThat(new Endpoint(r.protocol(), r.port())).isEqualTo(endpoint));
            assertThat(manager.runningSpec().settings()).isEqualTo(wanted);
            assertThat(launcher.live().spec()).isSameAs(manager.runningSpec());
            assertThat(launcher.listening()).containsExactly(endpoint);
        }
    }

    @AfterEach
    void stopThreads() {
        manager.manager().close();
    }

    @Test
    void readsAndSetsAnswerWhileARestartWaitsOnASlowLaunchAndTheNextRestartWaitsItsTurn() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch bind = new CountDownLatch(1);
        ProxyLauncher slow = (spec, current, onFailure) -> {
            entered.countDown();
            try {
                bind.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return launcher.start(spec, current, onFailure);
        };
        Control control = Control.threaded(slow, settings.httpPort(8080), ProxyEvents.NONE, new MutableClock());
        ExecutorService sessions = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = sessions.submit(control::restart);
            settings.httpPort(8081);
            Future<?> second = sessions.submit(control::restart);
            Eventually.until(() -> entered.getCount() == 1, "the first launch to start");

            // When the launch hangs, the snapshot and SET GLOBAL still answer (a hang fails the test here).
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(control.state().kind()).isEqualTo(ProxyState.Kind.STOPPED);
                control.variablesChanged();
                assertThat(control.status().sessions()).isZero();
            });
            assertThat(first.isDone()).isFalse();
            assertThat(second.isDone()).as("the second RESTART waits for the first").isFalse();
            assertThat(entered.getCount()).as("the second launch has not begun").isEqualTo(1);

            bind.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            assertThat(launcher.listening()).containsExactly(new Endpoint(ProxyProtocol.HTTP, 8081));
            assertThat(launcher.violations()).isEmpty();
        } finally {
            bind.countDown();
            sessions.shutdownNow();
            control.manager().close();
        }
    }

    @Test
    void closingTheManagerAnswersACommandStillWaitingWith1053() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ProxyLauncher stuck = (spec, current, onFailure) -> {
            entered.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ProxyLaunchException(ErrorCode.PROXY_BIND_FAILED, "interrupted");
        };
        Control control = Control.threaded(stuck, settings.httpPort(8080), ProxyEvents.NONE, new MutableClock());
        ExecutorService session = Executors.newSingleThreadExecutor();
        try {
            Future<?> restart = session.submit(control::restart);
            entered.await(10, TimeUnit.SECONDS);

            control.manager().close();

            Throwable thrown = catchThrowable(() -> restart.get(10, TimeUnit.SECONDS));
            assertThat(thrown).hasCauseInstanceOf(SqlException.class);
            assertThat(((SqlException) thrown.getCause()).code()).isEqualTo(1053);
        } finally {
            never.countDown();
            session.shutdownNow();
        }
    }

    private void act(Random random) {
        switch (random.nextInt(12)) {
            case 0, 1, 2 -> restart();
            case 3 -> settings.ports(0, pick(random, 0, 8080, 8081, TAKEN));
            case 4 -> settings.ports(pick(random, 8443, 9443), 0);
            case 5 -> settings.httpsPort(pick(random, 0, 8443, 9443));
            case 6 -> settings.ssl(random.nextInt(4) != 0);
            case 7 -> manager.variablesChanged();
            case 8 -> checkStatus();
            case 9 -> {
                FakeProxy live = launcher.live();
                if (live != null) {
                    live.openSessions(random.nextInt(10));
                }
            }
            case 10 -> {
                if (random.nextInt(10) == 0) {
                    manager.injectFailure("concurrency test");
                }
            }
            default -> {
                if (random.nextInt(10) == 0) {
                    launcher.failNextStart(random.nextBoolean() ? ErrorCode.PROXY_BIND_FAILED : ErrorCode.PROXY_TLS_INVALID);
                }
            }
        }
    }

    private void restart() {
        try {
            manager.restart();
            restartsOk.incrementAndGet();
        } catch (SqlException e) {
            assertThat(e.code()).isIn(9101, 9102, 9103, 9105);
            restartsRefused.incrementAndGet();
        }
    }

    /** One status row is one snapshot: its parts agree with each other. */
    private void checkStatus() {
        ProxyStatus status = manager.status();
        if (status.state() instanceof ProxyState.Failed f) {
            assertThat(status.lastError()).isEqualTo(f.reason());
        }
        if (!(status.state() instanceof ProxyState.Running)) {
            assertThat(status.sessions()).isZero();
        }
    }

    /** Whatever the threads left: conflict resolved, SSL on, a free port. */
    private ProxySettings settleOnAValidConfiguration() {
        settings.ssl(true);
        if (settings.peek().conflict()) {
            settings.httpsPort(0);
        }
        if (settings.peek().httpPort() == TAKEN) {
            settings.httpPort(8082);
        }
        return settings.peek();
    }

    private static int pick(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
