package io.wsproxy.proxy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.wsproxy.link.EngineLink;
import io.wsproxy.ws.CloseCode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * One running proxy: {@link ProxyVerticle} instances sharing one HTTP(S) port, their
 * {@code /ws} sessions, and the engine link they use. Start with {@link #start}; the returned
 * future fails when the port cannot be bound or the TLS material is refused, and then nothing
 * is left listening.
 */
public final class ProxyInstance {
    private final Vertx vertx;
    private final EngineLink link;
    private final ProxyConfig config;
    private final Logger log;
    private final OriginPolicy origins;
    private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    private volatile boolean accepting = true;
    private volatile int actualPort;
    private String deploymentId;

    private ProxyInstance(Vertx vertx, EngineLink link, ProxyConfig config, Logger log) {
        this.vertx = vertx;
        this.link = link;
        this.config = config;
        this.log = log;
        this.origins = new OriginPolicy(config.allowedOrigins());
    }

    public static Future<ProxyInstance> start(Vertx vertx, EngineLink link, ProxyConfig config, Logger log) {
        ProxyInstance instance = new ProxyInstance(vertx, link, config, log);
        // Several verticles on one port spread sessions over the event loops; port 0 would give
        // each its own random port, so an ephemeral port gets one verticle.
        int verticles = config.port() == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        return vertx.deployVerticle(() -> new ProxyVerticle(instance), new DeploymentOptions().setInstances(verticles))
                .map(id -> {
                    instance.deploymentId = id;
                    log.info("proxy started: {}://{}:{} -> {} ({} event loops)", config.scheme(), config.host(),
                            instance.actualPort, config.engineSocket(), verticles);
                    return instance;
                });
    }

    public int port() {
        return actualPort;
    }

    public ProxyConfig config() {
        return config;
    }

    public int sessions() {
        return sessions.size();
    }

    /** Refuses new upgrades (503) from now on; open sessions go on. */
    public void stopAccepting() {
        accepting = false;
    }

    /** Closes every session with {@code code}, then stops listening. */
    public Future<Void> stop(CloseCode code) {
        accepting = false;
        sessions.forEach(s -> s.closeWith(code));
        Promise<Void> done = Promise.promise();
        if (deploymentId == null) {
            done.complete();
        } else {
            vertx.undeploy(deploymentId).onComplete(ar -> {
                log.info("proxy stopped: {}://{}:{} ({})", config.scheme(), config.host(), actualPort, code.reason());
                done.complete();
            });
        }
        return done.future();
    }

    // ---- for the verticles and sessions ----

    Logger log() {
        return log;
    }

    EngineLink link() {
        return link;
    }

    OriginPolicy origins() {
        return origins;
    }

    boolean accepting() {
        return accepting;
    }

    void bound(int port) {
        actualPort = port;
    }

    /** Takes a session slot, false when {@code maxSessions} are open. */
    boolean reserveSession() {
        if (reserved.incrementAndGet() > config.maxSessions()) {
            reserved.decrementAndGet();
            return false;
        }
        return true;
    }

    void releaseReservation() {
        reserved.decrementAndGet();
    }

    void sessionOpened(WsSession session) {
        sessions.add(session);
    }

    void sessionClosed(WsSession session) {
        if (sessions.remove(session)) {
            reserved.decrementAndGet();
        }
    }
}
