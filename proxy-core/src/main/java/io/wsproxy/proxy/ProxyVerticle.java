package io.wsproxy.proxy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.wsproxy.api.DataApiPools;
import io.wsproxy.api.DataApiRoutes;
import io.wsproxy.console.ConsoleRoutes;
import io.wsproxy.link.EngineLink;
import io.wsproxy.tls.TlsMaterial;
import io.wsproxy.tls.TlsMaterialException;
import io.wsproxy.wire.ProxyHeaderV2;
import io.wsproxy.ws.ByteBudget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The HTTP(S) endpoint of a proxy instance: {@code GET /ws} (the JSON protocol, PROTOCOL.md
 * section 1), {@code GET /mysql} (the raw driver tunnel, section 3), the Data API while
 * {@code http_api} is ON (section 2), and {@code GET /healthz}. Upgrades are checked before they are accepted: path,
 * Origin (403), session limit and shutdown (503).
 */
final class ProxyVerticle extends VerticleBase {
    static final String SUBPROTOCOL = "wsproxy.v1";
    static final String WS = "/ws";
    /** The raw driver tunnel (PROTOCOL.md section 3). */
    static final String TUNNEL = "/mysql";

    private final ProxyInstance proxy;
    private HttpServer server;

    ProxyVerticle(ProxyInstance proxy) {
        this.proxy = proxy;
    }

    @Override
    public Future<?> start() {
        ProxyConfig config = proxy.active().config();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setWebSocketSubProtocols(List.of(SUBPROTOCOL))
                // Our own limit is checked per message (close 1009); this only stops a giant single frame early.
                .setMaxWebSocketFrameSize(config.maxMessageSize() + 1024)
                .setMaxWebSocketMessageSize(config.maxMessageSize() + 1024)
                .setReuseAddress(true)
                // I1: a restart on this port that cannot take this listener over binds its own
                // beside it before this one closes (Linux, native transport; NIO ignores it, and
                // such a restart then fails with 9103 while this listener keeps serving).
                .setReusePort(true)
                // No permessage-deflate: a compressed frame can inflate far past every size limit
                // (a deflate bomb), and our replies are never compressed anyway (NettyClientOut).
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        if (config.https()) {
            ServerSSLOptions ssl = sslOptions(config.tls());
            options.setSsl(true).setKeyCertOptions(ssl.getKeyCertOptions())
                    .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols());
            ssl.getEnabledCipherSuites().forEach(options::addEnabledCipherSuite);
        }
        Router router = Router.router(vertx);
        router.get("/healthz").handler(ctx -> ctx.json(new JsonObject()
                .put("status", "ok").put("sessions", proxy.sessions())));
        router.get("/ws").handler(ctx -> ctx.response().setStatusCode(426)
                .putHeader(HttpHeaders.UPGRADE, "websocket").end("WebSocket upgrade required\n"));
        DataApiRoutes.mount(router, this::dataApiTarget);
        // The browser console at "/": the page asks origin-check why an upgrade was refused.
        ConsoleRoutes.forProxy(origin -> proxy.active().origins().allows(origin, proxy.port())).mount(router);
        server = vertx.createHttpServer(options)
                .webSocketHandshakeHandler(this::handshake)
                .requestHandler(router);
        return server.listen().onSuccess(s -> proxy.bound(s, context));
    }

    /**
     * The material as Vert.x takes it (a key manager: any key type the JDK's TLS serves, Ed25519
     * included), TLS 1.2 and 1.3 only, with {@link TlsMaterial#CIPHER_SUITES}.
     */
    static ServerSSLOptions sslOptions(TlsMaterial tls) {
        ServerSSLOptions options;
        try {
            options = new ServerSSLOptions().setKeyCertOptions(KeyCertOptions.wrap(tls.keyManagers()));
        } catch (TlsMaterialException e) {
            throw new IllegalStateException(e.getMessage(), e); // a loaded key always fits a key store
        }
        options.setEnabledSecureTransportProtocols(Set.of(TlsMaterial.PROTOCOLS));
        TlsMaterial.CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        return options;
    }

    private void handshake(ServerWebSocketHandshake hs) {
        String client = host(hs.remoteAddress());
        if (!WS.equals(hs.path()) && !TUNNEL.equals(hs.path())) {
            refuse(hs, 404, client, "no WebSocket endpoint at " + hs.path());
            return;
        }
        Generation generation = proxy.active();
        String origin = hs.headers().get(HttpHeaders.ORIGIN);
        if (!generation.origins().allows(origin, proxy.port())) {
            refuse(hs, 403, client, "origin '" + origin + "' is not allowed");
            return;
        }
        if (!proxy.accepting()) {
            refuse(hs, 503, client, "the proxy is stopping");
            return;
        }
        if (!generation.reserveSession()) {
            refuse(hs, 503, client, "proxy_max_sessions (" + generation.config().maxSessions() + ") reached");
            return;
        }
        hs.accept().onComplete(ar -> {
            if (ar.succeeded()) {
                accepted(ar.result(), generation);
            } else {
                generation.releaseReservation();
            }
        });
    }

    private void refuse(ServerWebSocketHandshake hs, int status, String client, String why) {
        proxy.log().warn("refused upgrade from {}: {} ({})", client, why, status);
        hs.reject(status);
    }

    private void accepted(ServerWebSocket ws, Generation generation) {
        Context context = vertx.getOrCreateContext();
        boolean tls = ws.isSsl();
        String client = host(ws.remoteAddress());
        ProxyHeaderV2 header = proxyHeader(ws.remoteAddress(), ws.localAddress(), tls, generation.config());
        if (TUNNEL.equals(ws.path())) {
            TunnelSession tunnel = new TunnelSession(proxy, generation, ws, context, client, header);
            generation.sessionOpened(tunnel);
            tunnel.start();
            return;
        }
        WsSession session = new WsSession(proxy, generation, ws, context, client, tls, header);
        generation.sessionOpened(session);
        session.start();
    }

    /** The Data API of the generation new requests join. */
    private DataApiRoutes.Target dataApiTarget() {
        Generation generation = proxy.active();
        return new DataApiRoutes.Target() {
            @Override
            public DataApiPools pools() {
                return generation.dataApi();
            }

            @Override
            public EngineLink link() {
                return proxy.link();
            }

            @Override
            public ProxyHeaderV2 proxyHeader(HttpServerRequest request) {
                return ProxyVerticle.proxyHeader(request.remoteAddress(), request.localAddress(), request.isSSL(),
                        generation.config());
            }

            @Override
            public Logger log() {
                return proxy.log();
            }

            @Override
            public ByteBudget budget() {
                return proxy.queueBudget();
            }
        };
    }

    /**
     * What the engine is told of the client: its address, in its own family, never a LOCAL header
     * (which an engine may read as a local peer and match to 'user'@'localhost').
     */
    private static ProxyHeaderV2 proxyHeader(SocketAddress remote, SocketAddress local, boolean tls,
            ProxyConfig config) {
        if (!config.proxyHeader()) {
            return null;
        }
        return ProxyHeaderV2.forClient(inet(remote), inet(local), tls);
    }

    private static InetSocketAddress inet(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return null;
        }
        try {
            // A numeric address: no name lookup happens.
            return new InetSocketAddress(InetAddress.getByName(address.hostAddress()), address.port());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String host(SocketAddress address) {
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
