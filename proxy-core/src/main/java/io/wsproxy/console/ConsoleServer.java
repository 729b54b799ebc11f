package io.wsproxy.console;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.wsproxy.tls.TlsMaterial;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The console on its own host, as SingleStore Studio runs beside a cluster rather than on it
 * (the seed's "separate host architecture"): it serves the page and the state file's cluster
 * list over HTTP or HTTPS and nothing else. The browser then connects straight to a cluster's
 * proxy; no SQL and no password pass through this server.
 */
public final class ConsoleServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final boolean https;

    private ConsoleServer(Vertx vertx, HttpServer server, boolean https) {
        this.vertx = vertx;
        this.server = server;
        this.https = https;
    }

    /**
     * Listens on {@code host:port} (0: any free port) and returns once it does.
     *
     * @param tls the certificate and key for HTTPS, or null for HTTP
     */
    public static ConsoleServer start(String host, int port, TlsMaterial tls, List<ClusterEntry> clusters)
            throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port);
        if (tls != null) {
            options.setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertValue(Buffer.buffer(tls.certChainPem()))
                            .setKeyValue(Buffer.buffer(tls.keyPem())))
                    .setEnabledSecureTransportProtocols(Set.of(TlsMaterial.PROTOCOLS));
        }
        Router router = ConsoleRoutes.forClusters(clusters).mount(Router.router(vertx));
        try {
            HttpServer server = vertx.createHttpServer(options).requestHandler(router).listen()
                    .await(30, TimeUnit.SECONDS);
            return new ConsoleServer(vertx, server, tls != null);
        } catch (Exception e) {
            vertx.close().await(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return server.actualPort();
    }

    public String scheme() {
        return https ? "https" : "http";
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
