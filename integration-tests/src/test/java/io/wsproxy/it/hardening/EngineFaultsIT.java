package io.wsproxy.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.MariaDbServer;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.WsClient;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine faults under the standalone proxy, with a real MariaDB server as the engine (a process
 * the test can kill or stop): killed in the middle of a query, and stalled (SIGSTOP) for 30
 * seconds. Each session gets a clean error or close code, nothing in the proxy hangs, and once
 * the engine is back new sessions are served. (The engine socket removed under a node's proxy,
 * which then turns FAILED until RESTART PROXY, is ProxyCrashIT's.)
 */
class EngineFaultsIT {
    private static final String USER = "app";
    private static final String PASSWORD = "fault-pw";
    private static final Duration STALL = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    MariaDbServer mariadb;
    ProxyProcess proxy;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startMariaDbAndProxy() throws Exception {
        mariadb = MariaDbServer.start(dir.resolve("mariadb"));
        mariadb.sql("CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';"
                + " GRANT ALL ON *.* TO '" + USER + "'@'localhost'");
        proxy = ProxyProcess.start(dir.resolve("proxy"), mariadb.socket(), List.of("-Xmx256m"));
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (mariadb != null) {
            try {
                mariadb.resume(); // in case a failed test left it stopped
            } catch (java.io.IOException gone) {
                // killed and not restarted
            }
            mariadb.stop();
        }
    }

    private WsClient session() throws Exception {
        WsClient client = WsClient.connect(proxy.wsUri());
        client.send(Msg.auth(USER, PASSWORD));
        JsonNode ready = client.next();
        assertThat(ready.path("type").asText()).as("%s", ready).isEqualTo("ready");
        return client;
    }

    private void awaitRunning(String sql) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!mariadb.sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = '" + sql + "'")
                .contains("1")) {
            assertThat(System.nanoTime()).as("'%s' running on the engine", sql).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void assertSelectOneServed(WsClient client, long id) {
        client.send(Msg.query(id, "SELECT 1 AS one"));
        assertThat(client.next().path("type").asText()).isEqualTo("columns");
        assertThat(client.next().path("rows").get(0).get(0).asInt()).isEqualTo(1);
        assertThat(client.next().path("type").asText()).isEqualTo("end");
    }

    @Test
    void anEngineKilledMidQueryEndsTheQueryWith2013AndTheSessionWith1011ThenNewSessionsAreServedOnceItIsBack()
            throws Exception {
        try (WsClient client = session()) {
            client.send(Msg.query(1, "SELECT SLEEP(30)"));
            awaitRunning("SELECT SLEEP(30)");

            // When
            long killed = System.nanoTime();
            mariadb.kill();

            // Then: the query's own error, then the session's close
            JsonNode error = client.next();
            WsClient.Close close = client.awaitClose();
            long ms = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("faults: engine killed mid-query: error %s, close %d, %d ms after the kill%n",
                    error.path("code"), close.code(), ms);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("id").asInt()).isEqualTo(1);
            assertThat(error.path("code").asInt()).isEqualTo(2013);
            assertThat(close.code()).isEqualTo(1011);
            assertThat(ms).isLessThan(5_000);
        }
        // While the engine is gone: a login fails cleanly (2013, then 1008), and the proxy answers
        try (WsClient client = WsClient.connect(proxy.wsUri())) {
            client.send(Msg.auth(USER, PASSWORD));
            JsonNode refused = client.next();
            assertThat(refused.path("code").asInt()).as("%s", refused).isEqualTo(2013);
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
        assertThat(proxy.healthz(http).path("status").asText()).isEqualTo("ok");

        // When the engine is back, new sessions are served
        mariadb.restart();
        try (WsClient client = session()) {
            assertSelectOneServed(client, 2);
        }
        assertThat(proxy.isAlive()).isTrue();
    }

    @Test
    void anEngineStalledFor30SecondsHoldsNothingElseInTheProxyAndItsQueryCompletesAfter() throws Exception {
        try (WsClient running = session(); WsClient idle = session()) {
            running.send(Msg.query(1, "SELECT SLEEP(1) AS slept"));
            awaitRunning("SELECT SLEEP(1) AS slept");

            // When: the engine stops for 30 s
            mariadb.suspend();
            long stalled = System.nanoTime();
            long slowestHealthMs = 0;
            long slowestPongMs = 0;
            int checks = 0;
            WsClient.Close loginDuringStall;
            try (WsClient login = WsClient.connect(proxy.wsUri())) {
                login.send(Msg.auth(USER, PASSWORD));
                while (System.nanoTime() - stalled < STALL.toNanos()) {
                    long t0 = System.nanoTime();
                    assertThat(proxy.healthz(http).path("status").asText()).isEqualTo("ok");
                    slowestHealthMs = Math.max(slowestHealthMs, (System.nanoTime() - t0) / 1_000_000);
                    t0 = System.nanoTime();
                    idle.send(Msg.ping());
                    assertThat(idle.next().path("type").asText()).isEqualTo("pong");
                    slowestPongMs = Math.max(slowestPongMs, (System.nanoTime() - t0) / 1_000_000);
                    checks++;
                    Thread.sleep(250); // pacing of the probes, bounded by the stall's length
                }
                // A login that needed the stalled engine ended with the auth timeout's close
                loginDuringStall = login.awaitClose();
            }
            mariadb.resume();
            long resumed = System.nanoTime();

            // Then: the stalled query completes, and new sessions are served
            assertThat(running.next().path("type").asText()).isEqualTo("columns");
            assertThat(running.next().path("rows").get(0).get(0).asInt()).isZero();
            assertThat(running.next().path("type").asText()).isEqualTo("end");
            long completeMs = (System.nanoTime() - resumed) / 1_000_000;
            try (WsClient fresh = session()) {
                assertSelectOneServed(fresh, 2);
            }
            System.out.printf("faults: engine stalled %d s: %d probes, /healthz slowest %d ms, ping slowest %d ms;"
                    + " login during the stall closed %d (%s); stalled query done %d ms after SIGCONT%n",
                    STALL.toSeconds(), checks, slowestHealthMs, slowestPongMs, loginDuringStall.code(),
                    loginDuringStall.reason(), completeMs);
            assertThat(loginDuringStall.code()).isEqualTo(1008);
            assertThat(slowestHealthMs).isLessThan(2_000);
            assertThat(slowestPongMs).isLessThan(2_000);
            assertThat(checks).isGreaterThan(10);
        }
    }
}
