package io.wsproxy.proxy;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.http.HttpServerInternal;
import io.vertx.core.transport.Transport;
import io.wsproxy.control.proxy.ProxyFault;
import io.wsproxy.link.EngineLink;
import io.wsproxy.ws.ByteBudget;
import io.wsproxy.ws.CloseCode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * One bound proxy endpoint on its own Vert.x: {@link ProxyVerticle} instances sharing one HTTP(S)
 * listener, the {@link Generation} new sessions join, and the older generations whose sessions
 * still run. Start with {@link #start}; the future fails when the port cannot be bound or the TLS
 * material is refused, and then nothing is left listening.
 *
 * <p>The listener sets SO_REUSEPORT, so that a restart on the same port that cannot take this
 * listener over (another protocol, another message limit) binds its own listener beside this one
 * before this one closes (I1). {@link #listenInodes} are the kernel's names for this listener.
 */
public final class ProxyInstance {
    private final Vertx vertx;
    private final EngineLink link;
    private final Logger log;
    private final String endpoint;
    private final AtomicInteger reservations = new AtomicInteger();
    private final ByteBudget queueBudget = new ByteBudget(MemoryBounds.proxyQueueBytes(Runtime.getRuntime().maxMemory()));
    private final List<Generation> generations = new CopyOnWriteArrayList<>();
    private final Set<HttpServer> servers = ConcurrentHashMap.newKeySet();
    private final Set<Context> eventLoops = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean unbound = new AtomicBoolean();
    private volatile Generation active;
    private volatile boolean accepting = true;
    private volatile int actualPort;
    private volatile Set<Long> listenInodes = Set.of();
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
        Set<Long> before = ListenSockets.on(config.port());
        // Several verticles on one port spread sessions over the event loops; port 0 would give
        // each its own random port, so an ephemeral port gets one verticle.
        int verticles = config.port() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        return vertx.deployVerticle(() -> new ProxyVerticle(instance), new DeploymentOptions().setInstances(verticles))
                .map(id -> {
                    instance.deploymentId = id;
                    Set<Long> mine = ListenSockets.on(instance.actualPort);
                    mine.removeAll(before);
                    instance.listenInodes = Set.copyOf(mine);
                    log.info("proxy started: {}:{} -> {} ({} event loops, {} transport)", instance.endpoint,
                            instance.actualPort, config.engineName(), verticles, instance.transport());
                    return instance;
                });
    }

    public int port() {
        return actualPort;
    }

    /**
     * The network transport its Vert.x runs on, as Vert.x names it: {@code epoll} (or another
     * native one) or {@code nio}.
     */
    public String transport() {
        Class<?> running = ((VertxInternal) vertx).transport().getClass();
        for (Transport t : new Transport[] {Transport.EPOLL, Transport.IO_URING, Transport.KQUEUE}) {
            if (t != null && t.implementation() != null && t.implementation().getClass() == running) {
                return t.name();
            }
        }
        return Transport.NIO.name();
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
     * Whether {@code next} can be served by this listener, swapped in behind it: same protocol,
     * address and port, and the same WebSocket limits, which the listener fixed when it bound.
     */
    public boolean canServe(ProxyConfig next) {
        ProxyConfig now = active.config();
        return accepting && next.https() == now.https() && next.host().equals(now.host())
                && (next.port() == actualPort || next.port() == now.port())
                && next.maxMessageSize() == now.maxMessageSize();
    }

    /**
     * Same-endpoint restart (I1): new sessions get {@code next} (a new engine socket, origins,
     * limits, TLS material) from now on, with no moment where the port refuses a connection;
     * sessions of the previous generation run to their end, then {@code previousDone} runs (the
     * engine may close that generation's socket).
     */
    public Future<Void> swap(ProxyConfig next, Runnable previousDone) {
        if (!canServe(next)) {
            return Future.failedFuture(new IllegalArgumentException("swap needs the same endpoint and limits"));
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
            previous.retire();
            previous.whenEmpty(() -> {
                generations.remove(previous);
                previousDone.run();
            });
            return null;
        });
    }

    /**
     * Replaced (I1, I7): stops accepting now; the sessions either run to their end
     * ({@code drainSeconds} negative: the same endpoint, served on by a successor) or get
     * {@code drainSeconds}, then close with 1012. Then this instance's Vert.x goes.
     */
    public Future<Void> retire(int drainSeconds) {
        stopListening();
        Promise<Void> done = Promise.promise();
        Runnable finish = () -> stop(CloseCode.SERVICE_RESTART).onComplete(ar -> done.complete());
        if (drainSeconds < 0) {
            whenNoSessions(finish);
        } else if (drainSeconds == 0 || sessions() == 0) {
            finish.run();
        } else {
            vertx.setTimer(TimeUnit.SECONDS.toMillis(drainSeconds), t -> finish.run());
        }
        return done.future();
    }

    private void whenNoSessions(Runnable action) {
        AtomicInteger left = new AtomicInteger(generations.size());
        for (Generation g : generations) {
            g.whenEmpty(() -> {
                if (left.decrementAndGet() == 0) {
                    action.run();
                }
            });
        }
    }

    /**
     * Unbinds the port now; open sessions stay until {@link #stop} closes them. Vert.x's graceful
     * shutdown does exactly this, with a timeout far beyond any drain we use.
     *
     * @return false when a server refused to shut down (its event loop is dead: see {@link #kill})
     */
    public boolean stopListening() {
        accepting = false;
        boolean all = true;
        if (unbound.compareAndSet(false, true)) {
            for (HttpServer server : servers) {
                try {
                    server.shutdown(1, TimeUnit.HOURS);
                } catch (RejectedExecutionException deadLoop) {
                    all = false;
                }
            }
        }
        return all;
    }

    /**
     * Blocks (never on an event loop) until the kernel no longer lists this instance's listener,
     * after {@link #stopListening}; Vert.x closes it on its acceptor thread a moment later.
     *
     * @return false when it was still listening at the deadline
     */
    public boolean awaitUnbound(long timeoutMillis) throws InterruptedException {
        return ListenSockets.awaitClosed(actualPort, listenInodes, timeoutMillis);
    }

    /** Closes every session with {@code code}, then stops listening and closes this instance's Vert.x. */
    public Future<Void> stop(CloseCode code) {
        accepting = false;
        generations.forEach(g -> g.closeAll(code));
        Promise<Void> done = Promise.promise();
        if (deploymentId == null) {
            done.complete();
        } else {
            vertx.undeploy(deploymentId).onComplete(ar -> {
                log.info("proxy stopped: {}:{} ({})", endpoint, actualPort, code.reason());
                vertx.close().onComplete(closed -> done.complete());
            });
        }
        return done.future();
    }

    /**
     * After a failure, when {@link #stop} cannot complete (its event loop is dead): shuts the
     * instance's Netty threads down, which closes every channel they hold, the listener included,
     * so a failed instance never leaves a port that accepts and never answers.
     */
    public void kill() {
        VertxInternal internal = (VertxInternal) vertx;
        internal.acceptorEventLoopGroup().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        internal.eventLoopGroup().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        vertx.close();
    }

    /**
     * I2: what no longer serves, if anything: the server closed, an event loop dead, the engine
     * link closed, or the engine socket gone. Cheap: no I/O but a stat.
     */
    public Optional<String> deadPart() {
        for (HttpServer server : servers) {
            // Vert.x has no public "closed" signal for a server; what createHttpServer returns
            // implements its internal HttpServerInternal. Cast, not instanceof: a Vert.x upgrade
            // that changes that fails this check loudly instead of passing it silently.
            if (((HttpServerInternal) server).isClosed()) {
                return Optional.of("its HTTP server closed");
            }
        }
        for (Context context : eventLoops) {
            if (((ContextInternal) context).nettyEventLoop().isShuttingDown()) {
                return Optional.of("an event loop died");
            }
        }
        if (link.isClosed()) {
            return Optional.of("its engine link closed");
        }
        // A TCP engine has no socket file to watch; its connections report their own failures.
        if (active.config().engineSocket() != null && !Files.exists(active.config().engineSocket())) {
            return Optional.of("the engine socket " + active.config().engineSocket() + " vanished");
        }
        return Optional.empty();
    }

    /** The fault-injection switch: breaks {@code fault}'s part for real, and nothing else. */
    public void sabotage(ProxyFault fault) throws IOException {
        switch (fault) {
            case SERVER -> servers.forEach(HttpServer::close);
            case EVENT_LOOP -> ((ContextInternal) eventLoops.iterator().next()).nettyEventLoop()
                    .shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            case ENGINE_LINK -> link.close();
            case ENGINE_SOCKET -> {
                if (active.config().engineSocket() != null) {
                    Files.deleteIfExists(active.config().engineSocket());
                }
            }
            default -> throw new AssertionError(fault);
        }
    }

    // ---- for the verticles and sessions ----

    Logger log() {
        return log;
    }

    /** This instance's engine link: {@link EngineLink#isClosed()} tells it is dead, {@link EngineLink#close()} kills it. */
    public EngineLink link() {
        return link;
    }

    /** The bytes of waiting queries all this instance's sessions share (PROTOCOL.md: 9111). */
    ByteBudget queueBudget() {
        return queueBudget;
    }

    Generation active() {
        return active;
    }

    boolean accepting() {
        return accepting;
    }

    void bound(HttpServer server, Context context) {
        servers.add(server);
        eventLoops.add(context);
        actualPort = server.actualPort();
    }
}
