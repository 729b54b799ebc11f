package io.wsproxy.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The browser console's HTTP routes, the same page on a proxy and on the standalone console:
 * {@code GET /} (the page), {@code GET /console/NAME} (its scripts and styles),
 * {@code GET /console/clusters.json} (what the page may connect to) and, on a proxy only,
 * {@code GET /console/origin-check}.
 *
 * <p>Every response carries a Content-Security-Policy with no inline script or style and no
 * third-party source: the page's own files only. {@code connect-src} is the one thing that
 * differs. On a proxy the page connects to itself by default and the user may type another
 * proxy, so any {@code ws:}/{@code wss:} host is allowed (and http(s), for that proxy's
 * origin check); the standalone console connects only to its state file's proxies, so exactly
 * their origins are listed.
 *
 * <p>Why {@code origin-check}: a browser hides the status of a refused WebSocket upgrade from
 * the page (a 403 and "nothing listens" both look like close 1006). After a failed connection
 * the page asks the proxy, with an ordinary CORS request whose Origin header the browser sets,
 * whether that origin is allowed, and tells the user "origin not allowed" with the fix. The
 * answer reveals nothing a page could not learn by trying a WebSocket itself.
 */
public final class ConsoleRoutes {
    private static final String CSP_BASE = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; connect-src ";

    private final ConsoleAssets assets = new ConsoleAssets();
    private final String csp;
    private final JsonObject clusters;
    private final Predicate<String> originAllowed;

    private ConsoleRoutes(String connectSrc, JsonObject clusters, Predicate<String> originAllowed) {
        this.csp = CSP_BASE + connectSrc;
        this.clusters = clusters;
        this.originAllowed = originAllowed;
    }

    /**
     * The console of a proxy, which connects to that proxy unless the user names another.
     *
     * @param originAllowed the proxy's own Origin check, as applied to WebSocket upgrades
     */
    public static ConsoleRoutes forProxy(Predicate<String> originAllowed) {
        return new ConsoleRoutes("'self' ws: wss: http: https:",
                new JsonObject().put("mode", "proxy").put("clusters", new JsonArray()), originAllowed);
    }

    /** The standalone console, which lists the clusters of a Studio state file. */
    public static ConsoleRoutes forClusters(List<ClusterEntry> clusters) {
        Set<String> connect = new LinkedHashSet<>(List.of("'self'"));
        JsonArray list = new JsonArray();
        for (ClusterEntry c : clusters) {
            if (c.websocket()) {
                connect.add(c.webSocketOrigin());
                connect.add(c.proxyOrigin());
            }
            list.add(new JsonObject().put("id", c.id()).put("name", c.name()).put("description", c.description())
                    .put("hostname", c.hostname()).put("port", c.port()).put("websocket", c.websocket())
                    .put("websocketSSL", c.websocketSsl()));
        }
        return new ConsoleRoutes(String.join(" ", connect),
                new JsonObject().put("mode", "state-file").put("clusters", list), null);
    }

    /** The value of the Content-Security-Policy header of every console response. */
    public String contentSecurityPolicy() {
        return csp;
    }

    /** Adds the console's routes to {@code router}; other paths are left to it. */
    public Router mount(Router router) {
        router.get("/").handler(ctx -> asset(ctx, ConsoleAssets.INDEX));
        router.get("/console/clusters.json").handler(ctx -> send(ctx, "application/json", clusters.toBuffer()));
        if (originAllowed != null) {
            router.get("/console/origin-check").handler(this::originCheck);
        }
        router.get("/console/:name").handler(ctx -> asset(ctx, ctx.pathParam("name")));
        return router;
    }

    private void asset(RoutingContext ctx, String name) {
        assets.get(name).ifPresentOrElse(
                a -> send(ctx, a.contentType(), Buffer.buffer(a.body())),
                ctx::next);
    }

    private void originCheck(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        JsonObject answer = new JsonObject().put("origin", origin).put("allowed", originAllowed.test(origin));
        ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        send(ctx, "application/json", answer.toBuffer());
    }

    private void send(RoutingContext ctx, String contentType, Buffer body) {
        HttpServerResponse r = ctx.response();
        r.putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader("Content-Security-Policy", csp)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(body);
    }
}
