package io.wsproxy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.api.HttpClients.Call;
import io.wsproxy.it.api.HttpClients.Reply;
import io.wsproxy.it.support.Eventually;
import io.wsproxy.it.support.MariaDbServer;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.ProxyProcess;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Data API client that hangs up mid-statement, seen by a real engine: MariaDB, like MySQL, runs
 * a busy statement on after its client's socket closed, so the proxy must kill it, and must not lend
 * the connection's place in the pool to another request until it has ended.
 */
class DataApiHangUpIT {
    private static final String PASSWORD = "hang-pw";
    /**
     * Minutes of work that MariaDB does not interrupt when the client's socket closes (its SLEEP
     * does: it checks the connection while it waits), as MySQL runs any statement on.
     */
    private static final String SLEEP = "SELECT BENCHMARK(2000000000, MD5('x')) AS b";

    @TempDir
    Path dir;

    @Test
    void aClientThatHangsUpMidStatementNeverRunsMoreThanThePoolCapacityAndItsStatementIsKilled() throws Exception {
        try (MariaDbServer mariadb = MariaDbServer.start(dir.resolve("mariadb"), ProxyCnf.freePort(), null)) {
            mariadb.sql("CREATE USER 'api'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';"
                    + " CREATE USER 'mon'@'127.0.0.1' IDENTIFIED BY 'mon-pw'; GRANT PROCESS ON *.* TO 'mon'@'127.0.0.1'");
            try (ProxyProcess proxy = ProxyProcess.startTcp(dir.resolve("proxy"), mariadb.port(), List.of("-Xmx256m"),
                    "--http-api", "--http-api-pool-capacity", "1");
                    Connection monitor = monitor(mariadb); Connection watch = monitor(mariadb)) {
                AtomicBoolean watching = new AtomicBoolean(true);
                AtomicInteger most = new AtomicInteger();
                Thread watcher = new Thread(() -> {
                    while (watching.get()) {
                        most.accumulateAndGet(sleeping(watch), Math::max);
                    }
                }, "processlist-watcher");
                watcher.start();

                for (int i = 0; i < 3; i++) {
                    try (Socket client = post(proxy.url())) {
                        Eventually.await(Duration.ofSeconds(20), "the statement running", () -> sleeping(monitor) >= 1);
                    } // hangs up
                }
                Eventually.await(Duration.ofSeconds(10), "the last statement killed", () -> sleeping(monitor) == 0);
                watching.set(false);
                watcher.join(10_000);

                assertThat(most.get()).as("statements of user 'api' running at once, pool capacity 1").isEqualTo(1);
                Reply after = HttpClients.jdk().send(Call.postJson(proxy.url().resolve("/api/v2/query/rows"), "api",
                        PASSWORD, "{\"sql\":\"SELECT 1 AS one\"}"));
                assertThat(after.body()).isEqualTo("{\"results\":[{\"rows\":[{\"one\":1}]}]}");
            }
        }
    }

    /** A raw HTTP client, so that the test decides when the connection ends. */
    private static Socket post(URI proxy) throws Exception {
        byte[] body = ("{\"sql\":" + DataApiSuite.JSON.writeValueAsString(SLEEP) + "}").getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket(proxy.getHost(), proxy.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v2/query/rows HTTP/1.1\r\nHost: " + proxy.getAuthority()
                + "\r\nAuthorization: Basic " + Base64.getEncoder().encodeToString(("api:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static Connection monitor(MariaDbServer mariadb) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + mariadb.port() + "/?sslMode=disable", "mon",
                "mon-pw");
    }

    private static int sleeping(Connection monitor) {
        try (PreparedStatement s = monitor.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'api' AND INFO = ?")) {
            s.setString(1, SLEEP);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
