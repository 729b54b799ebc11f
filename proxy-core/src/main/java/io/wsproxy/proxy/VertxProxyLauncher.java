package io.wsproxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.proxy.ProxyLaunchException;
import io.wsproxy.control.proxy.ProxyLauncher;
import io.wsproxy.control.proxy.ProxyProtocol;
import io.wsproxy.control.proxy.ProxySettings;
import io.wsproxy.control.proxy.ProxySpec;
import io.wsproxy.control.proxy.RunningProxy;
import io.wsproxy.tls.TlsMaterial;
import io.wsproxy.tls.TlsMaterialException;
import io.wsproxy.ws.CloseCode;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;

/**
 * {@link ProxyLauncher} on Vert.x: each start opens the engine socket of a new generation, then
 * either binds a new endpoint or, on the same protocol and port, swaps the new generation in
 * behind the bound one (I1). Failures of a running instance (its engine socket vanishing, or the
 * fault-injection switch) reach the manager from a thread of their own (I2).
 */
public final class VertxProxyLauncher implements ProxyLauncher {
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final long WATCHDOG_MS = 1000;
    private static final long PORT_RELEASE_MS = 5000;

    /** Loads the node's TLS material afresh at each start, so RESTART PROXY picks up renewed files. */
    public interface TlsSource {
        TlsMaterial load() throws TlsMaterialException;
    }

    private final ProxyRuntime runtime;
    private final String host;
    private final TlsSource tls;
    private final EngineSockets sockets;
    private final Logger log;
    /** Instances replaced on another endpoint, still draining their sessions. */
    private final Set<ProxyInstance> draining = ConcurrentHashMap.newKeySet();

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
        TlsMaterial material = null;
        if (spec.protocol() == ProxyProtocol.HTTPS) {
            try {
                material = tls.load();
                material.serverContext();
            } catch (TlsMaterialException e) {
                throw new ProxyLaunchException(ErrorCode.PROXY_TLS_INVALID, e.getMessage());
            }
        }
        Path socket;
        try {
            socket = sockets.open(spec.generation());
        } catch (java.io.IOException e) {
            throw new ProxyLaunchException(ErrorCode.PROXY_BIND_FAILED,
                    "cannot open the engine socket for the proxy: " + e.getMessage());
        }
        ProxyConfig config = config(spec, material, socket);
        try {
            if (current instanceof Instance previous && spec.sameEndpoint(previous.spec()) && previous.alive()) {
                long oldGeneration = previous.spec().generation();
                await(previous.instance.swap(config, () -> sockets.close(oldGeneration)));
                return watch(new Instance(spec, previous.instance, onFailure));
            }
            if (current instanceof Instance previous && previous.alive() && previous.spec().port() == spec.port()) {
                return watch(new Instance(spec, handOver(previous, config), onFailure));
            }
            return watch(new Instance(spec, await(runtime.start(config, log)), onFailure));
        } catch (Exception e) {
            sockets.close(spec.generation());
            throw launchError(spec, e);
        }
    }

    /**
     * Same port, other protocol: HTTP and HTTPS cannot share one listener, so the port changes
     * hands. The old instance stops accepting (its sessions drain as after a move), then the new
     * one binds, retrying while the kernel releases the port. TLS material was checked before, so
     * what remains to fail is a third party taking the port in between: then the old instance is
     * gone too, and it reports a failure (state FAILED) rather than pretend to run.
     */
    private ProxyInstance handOver(Instance previous, ProxyConfig config) throws Exception {
        previous.releasePort();
        previous.instance().awaitPortClosed(PORT_RELEASE_MS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return await(runtime.start(config, log));
            } catch (Exception e) {
                if (!(rootCause(e) instanceof BindException) || System.nanoTime() > deadline) {
                    previous.crash("its port was handed over to " + config.scheme() + " and the new instance failed: "
                            + rootCause(e).getMessage());
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
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

    private ProxyConfig config(ProxySpec spec, TlsMaterial material, Path socket) {
        ProxySettings s = spec.settings();
        return new ProxyConfig(host, spec.port(), material, socket, true, s.allowedOrigins(), s.maxMessageSize(),
                Duration.ofSeconds(s.authTimeoutSeconds()), s.maxSessions());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static ProxyLaunchException launchError(ProxySpec spec, Exception e) {
        Throwable cause = rootCause(e);
        if (cause instanceof SSLException) {
            return new ProxyLaunchException(ErrorCode.PROXY_TLS_INVALID, "TLS material refused: " + cause.getMessage());
        }
        String why = cause instanceof BindException ? cause.getMessage() : cause.toString();
        return new ProxyLaunchException(ErrorCode.PROXY_BIND_FAILED,
                "cannot listen on port " + spec.port() + ": " + why);
    }

    /** I2: the engine socket going away is a failure of the instance (checked every second). */
    private Instance watch(Instance instance) {
        long timer = instance.instance.vertx().setPeriodic(WATCHDOG_MS, id -> {
            if (!instance.alive()) {
                instance.instance.vertx().cancelTimer(id);
            } else if (!Files.exists(instance.instance.config().engineSocket())) {
                instance.crash("the engine socket " + instance.instance.config().engineSocket() + " vanished");
            }
        });
        instance.watchdog = timer;
        return instance;
    }

    private final class Instance implements RunningProxy {
        private final ProxySpec spec;
        private final ProxyInstance instance;
        private final Consumer<String> onFailure;
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile long watchdog = -1;

        Instance(ProxySpec spec, ProxyInstance instance, Consumer<String> onFailure) {
            this.spec = spec;
            this.instance = instance;
            this.onFailure = onFailure;
        }

        boolean alive() {
            return !over.get();
        }

        ProxyInstance instance() {
            return instance;
        }

        Vertx vertx() {
            return instance.vertx();
        }

        /** Stops accepting now, sessions kept: the port is about to be bound by a successor. */
        void releasePort() {
            instance.stopListening();
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
            if (!over.compareAndSet(false, true)) {
                return;
            }
            instance.vertx().cancelTimer(watchdog);
            if (next instanceof Instance n && n.instance == instance) {
                return; // swapped behind the same port: this generation's sessions run to their end
            }
            draining.add(instance);
            instance.retire(drainSeconds).onComplete(ar -> {
                draining.remove(instance);
                sockets.close(spec.generation());
            });
            try {
                if (!instance.awaitPortClosed(PORT_RELEASE_MS)) {
                    log.warn("proxy generation {}: port {} still accepted connections {} ms after it was released",
                            spec.generation(), spec.port(), PORT_RELEASE_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void shutdown() {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            instance.vertx().cancelTimer(watchdog);
            try {
                await(instance.stop(CloseCode.GOING_AWAY));
            } catch (Exception e) {
                log.warn("proxy stop: {}", e.toString());
            }
            sockets.close(spec.generation());
        }

        @Override
        public void crash(String reason) {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            instance.vertx().cancelTimer(watchdog);
            log.error("proxy generation {} crashed: {}", spec.generation(), reason);
            instance.stop(CloseCode.INTERNAL_ERROR).onComplete(ar -> {
                sockets.close(spec.generation());
                // Never on an event loop: the manager may be waiting on one inside a RESTART.
                Thread report = new Thread(() -> onFailure.accept(reason), "proxy-failure");
                report.setDaemon(true);
                report.start();
            });
        }
    }
}
