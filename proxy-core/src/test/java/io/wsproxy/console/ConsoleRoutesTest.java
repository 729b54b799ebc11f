package io.wsproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's routes on a real HTTP server: the page, its files, its headers and its JSON. */
class ConsoleRoutesTest {
    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z-]+\\.js)'");
    private static final Pattern PAGE_REF = Pattern.compile("(?:src|href)=\"/console/([a-z-]+\\.[a-z]+)\"");

    static Vertx vertx;
    static URI proxyConsole;
    static URI stateFileConsole;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServers() throws Exception {
        vertx = Vertx.vertx();
        proxyConsole = serve(ConsoleRoutes.forProxy(origin -> origin == null || origin.equals("https://ok.test")));
        stateFileConsole = serve(ConsoleRoutes.forClusters(List.of(
                new ClusterEntry("a", "A", "", "db.test", 8443, true, true),
                new ClusterEntry("b", "B", "", "other.test", 3306, false, false))));
    }

    private static URI serve(ConsoleRoutes routes) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(routes.mount(Router.router(vertx)))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(URI base, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rootServesThePageUnderAPolicyWithoutInlineScriptOrThirdPartySources() throws Exception {
        HttpResponse<String> page = get(proxyConsole, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        String csp = page.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(csp).startsWith("default-src 'none'; script-src 'self'; style-src 'self';")
                .contains("frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=", " on");
    }

    @Test
    void everyFileThePageAndItsModulesNameIsServedWithItsType() throws Exception {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Matcher refs = PAGE_REF.matcher(get(proxyConsole, "/").body());
        while (refs.find()) {
            todo.add(refs.group(1));
        }
        assertThat(todo).contains("main.js", "console.css");
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!seen.add(name)) {
                continue;
            }
            HttpResponse<String> file = get(proxyConsole, "/console/" + name);
            assertThat(file.statusCode()).as(name).isEqualTo(200);
            assertThat(file.headers().firstValue("content-security-policy")).as(name).isPresent();
            if (name.endsWith(".js")) {
                assertThat(file.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
                // Data reaches the DOM as text only: no HTML is ever built from strings.
                assertThat(file.body()).as(name).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                        "document.write", "eval(", "new Function");
                Matcher imports = IMPORT.matcher(file.body());
                while (imports.find()) {
                    todo.add(imports.group(1));
                }
            }
        }
        assertThat(seen).contains("session.js", "results.js", "connect.js", "history.js", "csv.js");
    }

    @Test
    void namesOutsideTheConsoleFolderAreNotFound() throws Exception {
        for (String path : List.of("/console/nope.js", "/console/..%2fConsoleRoutes.class", "/console/%2e%2e/%2e%2e/etc/passwd",
                "/console/ConsoleRoutes.class", "/console/main.js.bak", "/console/")) {
            assertThat(get(proxyConsole, path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void aProxysConsoleListsNoClustersAndMayConnectAnywhere() throws Exception {
        HttpResponse<String> list = get(proxyConsole, "/console/clusters.json");
        assertThat(list.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(new JsonObject(list.body())).isEqualTo(new JsonObject("{\"mode\":\"proxy\",\"clusters\":[]}"));
        assertThat(list.headers().firstValue("content-security-policy").orElseThrow())
                .endsWith("connect-src 'self' ws: wss: http: https:");
    }

    @Test
    void theStandaloneConsoleListsItsClustersAndConnectsToTheirProxiesOnly() throws Exception {
        HttpResponse<String> list = get(stateFileConsole, "/console/clusters.json");
        JsonObject body = new JsonObject(list.body());
        assertThat(body.getString("mode")).isEqualTo("state-file");
        assertThat(body.getJsonArray("clusters").getJsonObject(0)).isEqualTo(new JsonObject(
                "{\"id\":\"a\",\"name\":\"A\",\"description\":\"\",\"hostname\":\"db.test\",\"port\":8443,"
                        + "\"websocket\":true,\"websocketSSL\":true}"));
        assertThat(body.getJsonArray("clusters").getJsonObject(1).getBoolean("websocket")).isFalse();
        assertThat(list.headers().firstValue("content-security-policy").orElseThrow())
                .endsWith("connect-src 'self' wss://db.test:8443 https://db.test:8443");
    }

    @Test
    void originCheckAnswersForTheRequestsOwnOriginToAnyPage() throws Exception {
        HttpResponse<String> refused = get(proxyConsole, "/console/origin-check", "Origin", "https://evil.test");
        assertThat(refused.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(new JsonObject(refused.body()))
                .isEqualTo(new JsonObject().put("origin", "https://evil.test").put("allowed", false));
        HttpResponse<String> allowed = get(proxyConsole, "/console/origin-check", "Origin", "https://ok.test");
        assertThat(new JsonObject(allowed.body()).getBoolean("allowed")).isTrue();
    }

    @Test
    void theStandaloneConsoleHasNoOriginCheckOfItsOwn() throws Exception {
        assertThat(get(stateFileConsole, "/console/origin-check").statusCode()).isEqualTo(404);
    }
}
