package io.wsproxy.proxy;

import io.vertx.core.Future;
import io.wsproxy.api.DataApiSettings;
import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.proxy.ProxyFault;
import io.wsproxy.control.proxy.ProxyLaunchException;
import io.wsproxy.control.proxy.ProxyLauncher;
import io.wsproxy.control.proxy.ProxyProtocol;
import io.wsproxy.control.proxy.ProxySettings;
import io.wsproxy.control.proxy.ProxySpec;
import io.wsproxy.control.proxy.RunningProxy;
import io.wsproxy.tls.TlsMaterial;
import io.wsproxy.tls.TlsMaterialException;
import io.wsproxy.ws.CloseCode;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;

/**
 * {@link ProxyLauncher} on Vert.x. A start loads the TLS material first (9105), opens the engine
 * socket of the new generation, then either swaps the new generation in behind the running
 * listener (same protocol, port and limits: the port never refuses a connection), or binds a
 * listener of its own: beside the running one when it is on the same port (SO_REUSEPORT), on a
 * free port otherwise (9103 when the port is taken). Either way the running instance is untouched
 * until the manager lets it go, so a failed start changes nothing (I1).
 *
 * <p>I2: a watchdog thread checks every live instance five times a second for each way it can
 * stop serving (server closed, event loop dead, engine link closed, engine socket gone) and
 * reports the first it finds; nothing here ever starts an instance on its own.
 */
public final class VertxProxyLauncher implements ProxyLauncher, AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final long WATCH_PERIOD_MS = 200;
    private static final long UNBIND_TIMEOUT_MS = 5000;
    /** How long a failed instance's listener is waited for before the failure is reported anyway (I2: within 1 s). */
    private static final long UNBIND_ON_FAILURE_MS = 500;
    private static final long STOP_TIMEOUT_SECONDS = 10;
    /** A failed instance gets this long to stop cleanly before its threads are shut down. */
    private static final long FAILED_STOP_TIMEOUT_SECONDS = 2;
    /** Test hook: each start waits this long before it binds (a slow launch, DESIGN.md section 4). */
    static final String BIND_DELAY_PROPERTY = "wsproxy.test.bind-delay-ms";

    /** Loads the node's TLS material afresh at each start, so RESTART PROXY picks up renewed files. */
    public interface TlsSource {
        TlsMaterial load() throws TlsMaterialException;
    }

    private final ProxyRuntime runtime;
    private final String host;
    private final TlsSource tls;
    private final EngineSockets sockets;
    private final Logger log;
    private final Duration bindDelay = Duration.ofMillis(Long.getLong(BIND_DELAY_PROPERTY, 0));
    /** Instances replaced on another endpoint, still draining their sessions. */
    private final Set<ProxyInstance> draining = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "proxy-watchdog");
        t.setDaemon(true);
        return t;
    });

    public VertxProxyLauncher(ProxyRuntime runtime, String host, TlsSource tls, EngineSockets sockets, Logger log) {
        this.runtime = runtime;
        this.host = host;
        this.tls = tls;
        this.sockets = sockets;
        this.log = log;
    }

    @Override
    public RunningProxy start(ProxySpec spec, RunningProxy current, Consumer<String> onFailure)
            throws ProxyLaunchException {
        TlsMaterial material = spec.protocol() == ProxyProtocol.HTTPS ? loadTls() : null;
        delayForTests();
        Instance previous = current instanceof Instance p && p.alive() ? p : null;
        boolean beside = previous != null && previous.spec().port() == spec.port();
        if (!beside) {
            requireFree(spec.port());
        }
        Path socket;
        try {
            socket = sockets.open(spec.generation());
        } catch (IOException e) {
            throw new ProxyLaunchException(ErrorCode.PROXY_BIND_FAILED,
                    "cannot open the engine socket for the proxy: " + e.getMessage());
        }
        ProxyConfig config = config(spec, material, socket);
        try {
            if (previous != null && previous.instance.canServe(config) && previous.instance.deadPart().isEmpty()) {
                long oldGeneration = previous.spec().generation();
                await(previous.instance.swap(config, () -> sockets.close(oldGeneration)));
                return watch(new Instance(spec, previous.instance, onFailure));
            }
            return watch(new Instance(spec, await(runtime.start(config, log)), onFailure));
        } catch (Exception e) {
            sockets.close(spec.generation());
            throw launchError(spec, e);
        }
    }

    /**
     * Node shutdown: sessions of instances still draining after a move get 1001 too (I7); the
     * current instance is shut down by the manager.
     */
    public void shutdownDraining() {
        for (ProxyInstance instance : draining) {
            try {
                await(instance.stop(CloseCode.GOING_AWAY));
            } catch (Exception e) {
                log.warn("proxy stop: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private TlsMaterial loadTls() throws ProxyLaunchException {
        try {
            TlsMaterial material = tls.load();
            material.serverContext();
            return material;
        } catch (TlsMaterialException e) {
            throw new ProxyLaunchException(ErrorCode.PROXY_TLS_INVALID, e.getMessage());
        }
    }

    private void delayForTests() {
        if (!bindDelay.isZero()) {
            log.warn("test hook {}: waiting {} ms before binding", BIND_DELAY_PROPERTY, bindDelay.toMillis());
            try {
                Thread.sleep(bindDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A port nobody listens on: our listeners set SO_REUSEPORT, so the kernel would let a second
     * one of ours (another node of this uid, say) bind it too; only a restart beside our own live
     * listener may share a port.
     */
    private void requireFree(int port) throws ProxyLaunchException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new ProxyLaunchException(ErrorCode.PROXY_BIND_FAILED, "cannot listen on port " + port + ": "
                    + e.getMessage());
        }
    }

    private ProxyConfig config(ProxySpec spec, TlsMaterial material, Path socket) {
        ProxySettings s = spec.settings();
        // http_api and its pool capacity apply here, at RESTART PROXY, like every proxy variable.
        return new ProxyConfig(host, spec.port(), material, socket, true, s.allowedOrigins(), s.maxMessageSize(),
                Duration.ofSeconds(s.authTimeoutSeconds()), s.maxSessions())
                .withDataApi(DataApiSettings.of(s.httpApi(), s.httpApiPoolCapacity()));
    }

    /** Waits for a start; a start that outlives the wait is stopped when it completes, never left unowned. */
    private <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.onSuccess(late -> {
                if (late instanceof ProxyInstance instance) {
                    log.warn("a proxy start finished after {} s; stopping it", START_TIMEOUT_SECONDS);
                    instance.stop(CloseCode.GOING_AWAY);
                }
            });
            throw new TimeoutException("no answer within " + START_TIMEOUT_SECONDS + " s");
        }
    }

    private static ProxyLaunchException launchError(ProxySpec spec, Exception e) {
        Throwable cause = rootCause(e);
        if (cause instanceof SSLException) {
            return new ProxyLaunchException(ErrorCode.PROXY_TLS_INVALID, "TLS material refused: " + cause.getMessage());
        }
        String why = cause instanceof BindException ? cause.getMessage() : cause.toString();
        return new ProxyLaunchException(ErrorCode.PROXY_BIND_FAILED, "cannot listen on port " + spec.port() + ": " + why);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private Instance watch(Instance instance) {
        instance.watch = watchdog.scheduleWithFixedDelay(instance::check, WATCH_PERIOD_MS, WATCH_PERIOD_MS,
                TimeUnit.MILLISECONDS);
        return instance;
    }

    /** One generation as the manager sees it; several may share one {@link ProxyInstance} after swaps. */
    private final class Instance implements RunningProxy {
        private final ProxySpec spec;
        private final ProxyInstance instance;
        private final Consumer<String> onFailure;
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile ScheduledFuture<?> watch;

        Instance(ProxySpec spec, ProxyInstance instance, Consumer<String> onFailure) {
            this.spec = spec;
            this.instance = instance;
            this.onFailure = onFailure;
        }

        boolean alive() {
            return !over.get();
        }

        @Override
        public ProxySpec spec() {
            return spec;
        }

        @Override
        public int sessions() {
            return instance.sessions();
        }

        @Override
        public void replacedBy(RunningProxy next, int drainSeconds) {
            if (!end()) {
                return;
            }
            if (next instanceof Instance n && n.instance == instance) {
                return; // swapped behind the same listener: this generation's sessions run to their end
            }
            boolean sameEndpoint = next != null && spec.sameEndpoint(next.spec());
            draining.add(instance);
            instance.retire(sameEndpoint ? -1 : drainSeconds).onComplete(ar -> {
                draining.remove(instance);
                sockets.close(spec.generation());
            });
            try {
                if (!instance.awaitUnbound(UNBIND_TIMEOUT_MS)) {
                    log.warn("proxy generation {}: port {} still listened {} ms after it was released",
                            spec.generation(), spec.port(), UNBIND_TIMEOUT_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void shutdown() {
            if (end()) {
                stopNow(CloseCode.GOING_AWAY, STOP_TIMEOUT_SECONDS);
            }
        }

        @Override
        public void crash(String reason) {
            if (end()) {
                log.error("proxy generation {} crashed: {}", spec.generation(), reason);
                stopNow(CloseCode.INTERNAL_ERROR, FAILED_STOP_TIMEOUT_SECONDS);
            }
        }

        @Override
        public void sabotage(ProxyFault fault) {
            try {
                log.warn("fault injection: breaking {} of proxy generation {}", fault.switchValue(), spec.generation());
                instance.sabotage(fault);
            } catch (IOException | RuntimeException e) {
                log.warn("fault injection {} failed: {}", fault.switchValue(), e.toString());
            }
        }

        /**
         * On the watchdog thread: the first dead part found ends this instance. Its listener is let
         * go first (briefly waited for), so that once FAILED is reported the port refuses rather
         * than accept connections nobody will serve; then the failure is reported, then the rest
         * is cleaned up.
         */
        void check() {
            try {
                checkOnce();
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again: this instance would go unwatched.
                log.warn("proxy generation {}: watchdog check failed: {}", spec.generation(), e.toString());
            }
        }

        private void checkOnce() {
            instance.deadPart().ifPresent(reason -> {
                if (end()) {
                    log.error("proxy generation {} failed: {}", spec.generation(), reason);
                    if (!letGoOfListener()) {
                        log.warn("proxy generation {}: its listener did not close; shutting its threads down",
                                spec.generation());
                        instance.kill();
                    }
                    onFailure.accept(reason);
                    stopNow(CloseCode.INTERNAL_ERROR, FAILED_STOP_TIMEOUT_SECONDS);
                }
            });
        }

        /** Closes the listener, waiting briefly; false when it still listens (a dead event loop holds it). */
        private boolean letGoOfListener() {
            try {
                return instance.stopListening() && instance.awaitUnbound(UNBIND_ON_FAILURE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (RuntimeException deadLoop) {
                return false;
            }
        }

        /** True for the one caller that ends this generation's life. */
        private boolean end() {
            if (!over.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> w = watch;
            if (w != null) {
                w.cancel(false);
            }
            return true;
        }

        /** Stops the whole instance; bounded, since a dead event loop may never answer. */
        private void stopNow(CloseCode code, long timeoutSeconds) {
            try {
                instance.stop(code).toCompletionStage().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("proxy generation {}: stop did not complete in {} s ({}); shutting its threads down",
                        spec.generation(), timeoutSeconds, e.toString());
                instance.kill();
            } finally {
                sockets.close(spec.generation());
            }
        }
    }
}
