package io.wsproxy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.api.HttpClients.Call;
import io.wsproxy.it.api.HttpClients.Reply;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a pooled engine connection comes back to the Data API's pool, with {@code
 * http_api_pool_capacity = 1} so that a connection that never comes back shows as the next
 * request's 503 (or a lost connection id).
 */
class DataApiLeaseIT {
    private static final String PASSWORD = "lease-pw";
    /** A long name repeated in every row of {@code query/rows}: 6 engine bytes a row become ~70 of JSON. */
    private static final String WIDE = "c".repeat(60);
    private static final long LIFETIME_MILLIS = 2000;

    @TempDir
    Path dir;
    EngineNode node;
    HttpClients.Client http = HttpClients.jdk();

    private void start(List<String> jvmOptions) throws Exception {
        Path base = dir.resolve("node");
        ProxyCnf.http().with("http_api", "ON").with("http_api_pool_capacity", 1).write(base);
        node = EngineNode.start(base, PASSWORD, jvmOptions);
    }

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private URI url(String path) {
        return node.proxyUrl().resolve(path);
    }

    @Test
    void resultsLargeEnoughToPauseTheEngineConnectionEachGiveItBackToThePool() throws Exception {
        start(List.of());
        // ~30 KB from the engine, often in one read, become ~330 KB of JSON: more chunks than may
        // be in flight, so the connection is paused while the rest of that read ends the result.
        String sql = "{\"sql\":\"SELECT 1 AS " + WIDE + " FROM SYSTEM_RANGE(1, 5000)\"}";
        for (int i = 0; i < 20; i++) {
            Reply r = http.send(Call.postJson(url("/api/v2/query/rows"), "root", PASSWORD, sql));

            assertThat(r.status()).as("request %d: %s", i, r.body().length() > 200 ? r.body().substring(0, 200)
                    : r.body()).isEqualTo(200);
            assertThat(r.body()).endsWith("{\"" + WIDE + "\":1}]}]}");
        }
    }

    private Reply rows(String user, String password, String sql) throws Exception {
        return http.send(Call.postJson(url("/api/v2/query/rows"), user, password,
                "{\"sql\":" + DataApiSuite.JSON.writeValueAsString(sql) + "}"));
    }

    @Test
    void anOldPasswordStopsWorkingWithinTheLifetimeOfAPooledConnectionEvenUnderSteadyUse() throws Exception {
        start(List.of("-Dwsproxy.http-api.max-lifetime-ms=" + LIFETIME_MILLIS));
        assertThat(rows("root", PASSWORD, "CREATE USER 'app'@'%' IDENTIFIED BY 'old-pw'").status()).isEqualTo(200);
        assertThat(rows("app", "old-pw", "SELECT 1 AS one").status()).isEqualTo(200);

        assertThat(rows("root", PASSWORD, "ALTER USER 'app'@'%' IDENTIFIED BY 'new-pw'").status()).isEqualTo(200);

        // Steady use keeps the old password's connection from ever being idle long enough to time out.
        long deadline = System.nanoTime() + Duration.ofMillis(5 * LIFETIME_MILLIS).toNanos();
        Reply old = rows("app", "old-pw", "SELECT 1 AS one");
        while (old.status() == 200 && System.nanoTime() < deadline) {
            old = rows("app", "old-pw", "SELECT 1 AS one");
        }
        assertThat(old.status()).as("the old password, %d ms after its change: %s", 5 * LIFETIME_MILLIS,
                old.body()).isEqualTo(401);
        assertThat(rows("app", "new-pw", "SELECT 1 AS one").body()).isEqualTo("{\"results\":[{\"rows\":[{\"one\":1}]}]}");
    }

    @Test
    void wrongPasswordsAre401AtOnceAndLeaveTheUsersIdleConnectionAlone() throws Exception {
        start(List.of());
        long id = connectionId("root", PASSWORD);

        for (int i = 0; i < 5; i++) {
            Reply wrong = rows("root", "wrong-" + i, "SELECT 1 AS one");

            assertThat(wrong.status()).as("attempt %d: %s", i, wrong.body()).isEqualTo(401);
        }
        assertThat(connectionId("root", PASSWORD)).as("the pool's one connection, still there").isEqualTo(id);
    }

    @Test
    void aNewPasswordTakesTheFullPoolOverOnceItHasLoggedIn() throws Exception {
        start(List.of());
        assertThat(rows("root", PASSWORD, "CREATE USER 'app'@'%' IDENTIFIED BY 'old-pw'").status()).isEqualTo(200);
        long old = connectionId("app", "old-pw");
        assertThat(rows("root", PASSWORD, "ALTER USER 'app'@'%' IDENTIFIED BY 'new-pw'").status()).isEqualTo(200);

        long first = connectionId("app", "new-pw");
        long second = connectionId("app", "new-pw");

        assertThat(first).isNotEqualTo(old);
        assertThat(second).as("the new password's connection kept, the old one closed").isEqualTo(first);
    }

    private long connectionId(String user, String password) throws Exception {
        Reply r = rows(user, password, "SELECT CONNECTION_ID() AS id");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return DataApiSuite.JSON.readTree(r.body()).at("/results/0/rows/0/id").asLong();
    }
}
