package io.wsproxy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.api.HttpClients.Call;
import io.wsproxy.it.api.HttpClients.Reply;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http_api} and {@code http_api_pool_capacity} are proxy variables (DESIGN.md section 3):
 * SET GLOBAL records them, RESTART PROXY applies them, on the same port. While {@code http_api}
 * is OFF every Data API path is a 404, whatever the method.
 */
class DataApiToggleIT {
    private static final String PASSWORD = "toggle-pw";
    private static final List<String> PATHS = List.of("/ping", "/api/v2/query/rows", "/api/v2/query/tuples",
            "/api/v2/exec", "/api/v2/spec", "/api/v1/query/rows", "/api/v1/query/tuples", "/api/v1/exec",
            "/api/v1/spec");

    @TempDir
    Path dir;
    EngineNode node;
    Connection sql;
    HttpClients.Client http = HttpClients.jdk();

    @BeforeEach
    void startNodeWithTheDataApiOff() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), PASSWORD);
        sql = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", PASSWORD);
    }

    @AfterEach
    void stopNode() throws Exception {
        sql.close();
        node.close();
    }

    private Reply send(String method, String path) throws Exception {
        byte[] body = method.equals("GET") ? null : "{\"sql\":\"SELECT 1\"}".getBytes(StandardCharsets.UTF_8);
        return http.send(new Call(method, url(path), "root", PASSWORD, body == null ? null : "application/json", body));
    }

    private URI url(String path) {
        return node.proxyUrl().resolve(path);
    }

    private void run(String statement) throws Exception {
        try (Statement s = sql.createStatement()) {
            s.execute(statement);
        }
    }

    private List<Integer> statuses() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (String path : PATHS) {
            for (String method : List.of("GET", "POST", "PUT")) {
                statuses.add(send(method, path).status());
            }
        }
        return statuses;
    }

    @Test
    void everyDataApiPathIs404WhileOffAndSetGlobalAloneChangesNothing() throws Exception {
        assertThat(statuses()).containsOnly(404);

        run("SET GLOBAL http_api = ON");

        assertThat(statuses()).as("not applied before RESTART PROXY").containsOnly(404);
        assertThat(http.send(Call.get(url("/healthz"), null, null)).status()).isEqualTo(200);
    }

    @Test
    void restartProxyTurnsItOnAndOffOnTheSamePort() throws Exception {
        int port = node.proxyUrl().getPort();

        run("SET GLOBAL http_api = ON");
        run("RESTART PROXY");

        assertThat(send("GET", "/ping").body()).isEqualTo("pong");
        assertThat(send("POST", "/api/v2/query/rows").body()).isEqualTo("{\"results\":[{\"rows\":[{\"1\":1}]}]}");
        assertThat(port).isEqualTo(node.proxyUrl().getPort());

        run("SET GLOBAL http_api = OFF");
        run("RESTART PROXY");

        assertThat(statuses()).containsOnly(404);
    }

    @Test
    void poolCapacityIsAppliedByRestartProxy() throws Exception {
        run("SET GLOBAL http_api = ON, GLOBAL http_api_pool_capacity = 3");
        run("RESTART PROXY");
        assertThat(connectionIdsOfConcurrentRequests(6)).as("capacity 3").hasSizeBetween(2, 3);

        run("SET GLOBAL http_api_pool_capacity = 1");
        assertThat(connectionIdsOfConcurrentRequests(6)).as("still 3 before RESTART PROXY").hasSizeBetween(2, 3);
        run("RESTART PROXY");

        assertThat(connectionIdsOfConcurrentRequests(6)).as("capacity 1").hasSize(1);
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.http_api_pool_capacity")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    /** The engine connections {@code n} overlapping requests ran on (each holds its own for 300 ms). */
    private Set<Long> connectionIdsOfConcurrentRequests(int n) throws Exception {
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return http.send(Call.postJson(url("/api/v2/query/rows"), "root", PASSWORD,
                            "{\"sql\":\"SELECT CONNECTION_ID() AS id; SELECT SLEEP(0.3) AS s\"}"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Set<Long> ids = new HashSet<>();
        for (CompletableFuture<Reply> reply : replies) {
            Reply r = reply.get();
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            ids.add(DataApiSuite.JSON.readTree(r.body()).at("/results/0/rows/0/id").asLong());
        }
        return ids;
    }
}
