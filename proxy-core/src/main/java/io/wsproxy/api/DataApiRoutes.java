package io.wsproxy.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wsproxy.backend.Credentials;
import io.wsproxy.control.SqlException;
import io.wsproxy.link.EngineLink;
import io.wsproxy.wire.ProxyHeaderV2;
import io.wsproxy.ws.ArgsBinder;
import io.wsproxy.ws.ByteBudget;
import io.wsproxy.ws.ClientMessages;
import io.wsproxy.ws.ProtocolException;
import io.wsproxy.ws.SqlRequest;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The Data API's endpoints (PROTOCOL.md section 2), SingleStore-compatible: {@code GET /ping},
 * {@code POST /api/v2/query/rows}, {@code /api/v2/query/tuples}, {@code /api/v2/exec},
 * {@code GET /api/v2/spec}, and the same under {@code /api/v1}. Each request asks the active
 * generation whether {@code http_api} is ON: while it is OFF every one of these paths is the
 * router's 404, as for a path that does not exist, whatever the method.
 *
 * <p>Checks, in order: the method (405), Basic credentials present (401), a JSON body (415)
 * within 1 MiB (413) that parses (400); then the engine decides: a refused login is 401, a SQL
 * error 400.
 */
public final class DataApiRoutes {

    /** What a request needs from the proxy generation that serves it. */
    public interface Target {
        DataApiPools pools();

        EngineLink link();

        /** What the engine is told about this client (address, TLS), or null. */
        ProxyHeaderV2 proxyHeader(HttpServerRequest request);

        Logger log();

        /** The proxy's byte budget, which large request bodies draw on as {@code /ws} messages do. */
        ByteBudget budget();
    }

    private interface Endpoint {
        void serve(RoutingContext ctx, Target target, ResponseStream out);
    }

    private final Supplier<Target> active;

    private DataApiRoutes(Supplier<Target> active) {
        this.active = active;
    }

    /** Adds the endpoints to {@code router}, served while the generation {@code active} gives has them ON. */
    public static void mount(Router router, Supplier<Target> active) {
        DataApiRoutes routes = new DataApiRoutes(active);
        routes.add(router, "/ping", HttpMethod.GET, DataApiRoutes::ping);
        for (String version : new String[] {"v1", "v2"}) {
            String base = "/api/" + version;
            routes.add(router, base + "/query/rows", HttpMethod.POST, sql(ResultJson.Shape.ROWS));
            routes.add(router, base + "/query/tuples", HttpMethod.POST, sql(ResultJson.Shape.TUPLES));
            routes.add(router, base + "/exec", HttpMethod.POST, sql(ResultJson.Shape.EXEC));
            routes.add(router, base + "/spec", HttpMethod.GET, DataApiRoutes::spec);
        }
    }

    /** Any method, so that while OFF a wrong method is a 404 too, never a 405 that betrays the path. */
    private void add(Router router, String path, HttpMethod method, Endpoint endpoint) {
        router.route(path).handler(ctx -> {
            Target target = active.get();
            if (target == null || !target.pools().settings().enabled()) {
                ctx.next(); // no route after this one serves the path: the router's own 404
                return;
            }
            ResponseStream out = new ResponseStream(ctx.response(), Vertx.currentContext());
            if (!ctx.request().method().equals(method)) {
                ctx.response().putHeader(HttpHeaders.ALLOW, method.name());
                out.fail(ApiError.methodNotAllowed(ctx.request().method().name(), method.name()));
                return;
            }
            endpoint.serve(ctx, target, out);
        });
    }

    /** No credentials needed, as on SingleStore; a client may send them anyway. */
    private static void ping(RoutingContext ctx, Target target, ResponseStream out) {
        out.text(200, ResponseStream.TEXT, "pong");
    }

    /** Credentials are checked by the engine, as for every endpoint but /ping. */
    private static void spec(RoutingContext ctx, Target target, ResponseStream out) {
        Credentials credentials = credentials(ctx, target, out);
        if (credentials == null) {
            return;
        }
        acquire(ctx, target, credentials, null, new UserPool.Lessee() {
            @Override
            public void leased(PooledConnection connection) {
                connection.release(connection.database, null);
                OpenApiSpec.send(ctx.request().getHeader(HttpHeaders.ACCEPT), out);
            }

            @Override
            public void failed(ApiError error) {
                out.fail(error);
            }
        });
    }

    private static Endpoint sql(ResultJson.Shape shape) {
        return (ctx, target, out) -> {
            Credentials credentials = credentials(ctx, target, out);
            if (credentials == null) {
                return;
            }
            HttpServerRequest request = ctx.request();
            if (!RequestBody.isJson(request)) {
                out.fail(ApiError.unsupportedMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE)));
                return;
            }
            RequestBody.read(request, target.budget(), body -> {
                SqlRequest parsed;
                String sql;
                try {
                    parsed = parse(body);
                    sql = ArgsBinder.bind(parsed.sql(), parsed.args());
                } catch (ProtocolException e) {
                    out.fail(ApiError.badRequest(e));
                    return;
                } catch (SqlException e) {
                    out.fail(new ApiError(400, e.code(), e.getMessage()));
                    return;
                }
                ProxyHeaderV2 header = target.proxyHeader(request);
                SqlRun run = new SqlRun(shape, sql, parsed.database(), out, target.log(),
                        listener -> target.pools().side(target.link(), credentials, header, listener));
                out.onGone(run::clientGone);
                acquire(ctx, target, credentials, parsed.database(), run);
            }, error -> out.failAndClose(error, request.connection()));
        };
    }

    private static SqlRequest parse(Buffer body) {
        var bytes = ((BufferInternal) body).getByteBuf();
        if (bytes.hasArray()) {
            return ClientMessages.sqlRequest(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(),
                    bytes.readableBytes());
        }
        byte[] copy = body.getBytes();
        return ClientMessages.sqlRequest(copy, 0, copy.length);
    }

    /** The request's Basic credentials, or null after a 401. */
    private static Credentials credentials(RoutingContext ctx, Target target, ResponseStream out) {
        Credentials credentials = BasicAuth.parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (credentials == null) {
            // debug: every browser or client probing without credentials first would fill the log
            target.log().debug("Data API: no Basic credentials from {} ({} {})", client(ctx.request()),
                    ctx.request().method(), ctx.request().path());
            out.fail(ApiError.unauthorized("Basic credentials of an engine user are required"));
        }
        return credentials;
    }

    private static void acquire(RoutingContext ctx, Target target, Credentials credentials, String database,
            UserPool.Lessee lessee) {
        HttpServerRequest request = ctx.request();
        String client = client(request);
        UserPool.Lessee logged = new UserPool.Lessee() {
            @Override
            public void leased(PooledConnection connection) {
                lessee.leased(connection);
            }

            @Override
            public void failed(ApiError error) {
                if (error.status() == 401) {
                    target.log().warn("Data API: login failed for user '{}' from {}: {} {}", credentials.user(),
                            client, error.code(), error.message());
                }
                lessee.failed(error);
            }
        };
        target.pools().acquire(credentials.user(), new UserPool.Request(
                PoolKey.of(credentials.user(), credentials.password(), client), credentials, database,
                target.proxyHeader(request), target.link(), Vertx.currentContext(), logged));
    }

    private static String client(HttpServerRequest request) {
        return request.remoteAddress() == null || request.remoteAddress().hostAddress() == null ? "unknown"
                : request.remoteAddress().hostAddress();
    }
}
