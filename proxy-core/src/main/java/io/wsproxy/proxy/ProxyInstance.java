package io.wsproxy.proxy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.wsproxy.link.EngineLink;
import io.wsproxy.ws.CloseCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * One bound proxy endpoint: {@link ProxyVerticle} instances sharing one HTTP(S) port, the
 * {@link Generation} new sessions join, and the older generations whose sessions still run.
 * Start with {@link #start}; the future fails when the port cannot be bound or the TLS material
 * is refused, and then nothing is left listening.
 */
public final class ProxyInstance {
    private final Vertx vertx;
    private final EngineLink link;
    private final Logger log;
    private final String endpoint;
    private final AtomicInteger reservations = new AtomicInteger();
    private final List<Generation> generations = new CopyOnWriteArrayList<>();
    private final Set<HttpServer> servers = ConcurrentHashMap.newKeySet();
    private volatile Generation active;
    private volatile boolean accepting = true;
    private final AtomicBoolean unbound = new AtomicBoolean();
    private volatile int actualPort;
    private String deploymentId;

    private ProxyInstance(Vertx vertx, EngineLink link, ProxyConfig config, Logger log) {
        this.vertx = vertx;
        this.link = link;
        this.log = log;
        this.endpoint = config.scheme() + "://" + config.host();
        this.active = new Generation(config, reservations);
        generations.add(active);
    }

    public static Future<ProxyInstance> start(Vertx vertx, EngineLink link, ProxyConfig config, Logger log) {
        ProxyInstance instance = new ProxyInstance(vertx, link, config, log);
        // Several verticles on one port spread sessions over the event loops; port 0 would give
        // each its own random port, so an ephemeral port gets one verticle.
        int verticles = config.port() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        return vertx.deployVerticle(() -> new ProxyVerticle(instance), new DeploymentOptions().setInstances(verticles))
                .map(id -> {
                    instance.deploymentId = id;
                    log.info("proxy started: {}:{} -> {} ({} event loops)", instance.endpoint, instance.actualPort,
                            config.engineSocket(), verticles);
                    return instance;
                });
    }

    public int port() {
        return actualPort;
    }

    /** This instance's Vert.x, for timers that live as long as it does. */
    public Vertx vertx() {
        return vertx;
    }

    /** The settings new sessions get. */
    public ProxyConfig config() {
        return active.config();
    }

    /** Open sessions, all generations. */
    public int sessions() {
        return generations.stream().mapToInt(Generation::sessions).sum();
    }

    /**
     * Same-port restart (I1): new sessions get {@code next} (a new engine socket, origins, limits,
     * TLS material) from now on, with no moment where the port refuses a connection; sessions of
     * the previous generation run to their end, then {@code previousDone} runs (the engine may
     * close that generation's socket).
     */
    public Future<Void> swap(ProxyConfig next, Runnable previousDone) {
        ProxyConfig now = active.config();
        if (next.port() != actualPort && next.port() != now.port() || next.https() != now.https()
                || !next.host().equals(now.host())) {
            return Future.failedFuture(new IllegalArgumentException("swap needs the same endpoint"));
        }
        Future<Void> tls = Future.succeededFuture();
        if (next.https()) {
            List<Future<Boolean>> updates = new ArrayList<>();
            for (HttpServer server : servers) {
                updates.add(server.updateSSLOptions(ProxyVerticle.sslOptions(next.tls()), true));
            }
            tls = Future.all(updates).mapEmpty();
        }
        return tls.map(v -> {
            Generation previous = active;
            active = new Generation(next, reservations);
            generations.add(active);
            previous.whenEmpty(() -> {
                generations.remove(previous);
                previousDone.run();
            });
            return null;
        });
    }

    /**
     * Replaced on another port or protocol (I1, I7): stop accepting at once, let sessions run
     * for {@code drainSeconds}, then close them with 1012 and let go of the port.
     */
    public Future<Void> retire(int drainSeconds) {
        stopListening();
        Promise<Void> done = Promise.promise();
        Runnable finish = () -> stop(CloseCode.SERVICE_RESTART).onComplete(ar -> done.complete());
        if (drainSeconds == 0 || sessions() == 0) {
            finish.run();
        } else {
            vertx.setTimer(TimeUnit.SECONDS.toMillis(drainSeconds), t -> finish.run());
        }
        return done.future();
    }

    /**
     * Unbinds the port now; open sessions stay until {@link #stop} closes them. Vert.x's graceful
     * shutdown does exactly this, with a timeout far beyond any drain we use.
     */
    public void stopListening() {
        accepting = false;
        if (unbound.compareAndSet(false, true)) {
            servers.forEach(s -> s.shutdown(1, TimeUnit.HOURS));
        }
    }

    /**
     * Blocks (never call it on an event loop) until the port refuses connections after
     * {@link #stopListening}: Vert.x closes the listening socket on its event loop, a moment later,
     * and RESTART PROXY must not return while the old port still accepts (I1).
     *
     * @return false when the port still accepted connections at the deadline
     */
    public boolean awaitPortClosed(long timeoutMillis) throws InterruptedException {
        String host = active.config().host();
        String probe = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(probe, actualPort), 250);
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                // a timeout under load: try again
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Closes every session with {@code code}, then stops listening. */
    public Future<Void> stop(CloseCode code) {
        accepting = false;
        generations.forEach(g -> g.closeAll(code));
        Promise<Void> done = Promise.promise();
        if (deploymentId == null) {
            done.complete();
        } else {
            vertx.undeploy(deploymentId).onComplete(ar -> {
                log.info("proxy stopped: {}:{} ({})", endpoint, actualPort, code.reason());
                // This instance's own Vert.x (see ProxyRuntime) goes with it.
                vertx.close().onComplete(closed -> done.complete());
            });
        }
        return done.future();
    }

    // ---- for the verticles and sessions ----

    Logger log() {
        return log;
    }

    /** This instance's engine link: {@link EngineLink#isClosed()} tells it is dead, {@link EngineLink#close()} kills it. */
    public EngineLink link() {
        return link;
    }

    Generation active() {
        return active;
    }

    boolean accepting() {
        return accepting;
    }

    void bound(HttpServer server) {
        servers.add(server);
        actualPort = server.actualPort();
    }
}
