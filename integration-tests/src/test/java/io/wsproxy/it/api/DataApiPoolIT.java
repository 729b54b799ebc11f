package io.wsproxy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.api.HttpClients.Call;
import io.wsproxy.it.api.HttpClients.Reply;
import io.wsproxy.it.support.Eventually;
import io.wsproxy.it.support.MariaDbServer;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.ProxyProcess;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Data API's pool of engine connections per user ({@code http_api_pool_capacity}), seen by a
 * real engine: MariaDB's own process list counts the proxy's connections while 50 clients send
 * 500 requests with the capacity at 4; then the idle connections close after the idle timeout.
 */
class DataApiPoolIT {
    private static final int CAPACITY = 4;
    private static final int CLIENTS = 50;
    private static final int REQUESTS = 500;
    private static final String PASSWORD = "pool-pw";

    @TempDir
    Path dir;

    @Test
    void fiftyClientsFiveHundredRequestsAllAnsweredOnAtMostCapacityEngineConnectionsThenIdleOnesClose()
            throws Exception {
        try (MariaDbServer mariadb = MariaDbServer.start(dir.resolve("mariadb"), ProxyCnf.freePort(), null)) {
            mariadb.sql("CREATE USER 'api'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';"
                    + " CREATE USER 'mon'@'127.0.0.1' IDENTIFIED BY 'mon-pw'; GRANT PROCESS ON *.* TO 'mon'@'127.0.0.1'");
            try (ProxyProcess proxy = ProxyProcess.startTcp(dir.resolve("proxy"), mariadb.port(),
                    List.of("-Xmx256m", "-Dwsproxy.http-api.idle-timeout-ms=1500"), "--http-api",
                    "--http-api-pool-capacity", Integer.toString(CAPACITY));
                    Connection monitor = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + mariadb.port()
                            + "/?sslMode=disable", "mon", "mon-pw")) {
                AtomicBoolean loading = new AtomicBoolean(true);
                List<Integer> seen = new ArrayList<>();
                Thread watcher = new Thread(() -> {
                    while (loading.get()) {
                        synchronized (seen) {
                            seen.add(apiConnections(monitor));
                        }
                    }
                }, "processlist-watcher");
                watcher.start();

                List<String> failures = load(proxy.url());

                loading.set(false);
                watcher.join(10_000);
                assertThat(failures).as("requests not answered with their own row").isEmpty();
                int max = seen.stream().mapToInt(Integer::intValue).max().orElse(0);
                System.out.printf("DataApiPoolIT: %d process-list samples during the load, at most %d connections"
                        + " of user 'api'%n", seen.size(), max);
                assertThat(max).as("engine connections of user 'api' at once").isBetween(2, CAPACITY);

                Eventually.await(Duration.ofSeconds(20), "the idle connections closed",
                        () -> apiConnections(monitor) == 0);
            }
        }
    }

    /** 50 clients (each its own HTTP client and connections), 500 requests in all; what went wrong. */
    private static List<String> load(URI proxy) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        List<Future<List<String>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                HttpClients.Client http = HttpClients.jdk();
                List<String> wrong = new ArrayList<>();
                for (int n = next.getAndIncrement(); n < REQUESTS; n = next.getAndIncrement()) {
                    Reply r = http.send(Call.postJson(proxy.resolve("/api/v2/query/rows"), "api", PASSWORD,
                            "{\"sql\":\"SELECT ? AS n, SLEEP(0.01) AS s\",\"args\":[" + n + "]}"));
                    String expected = "{\"results\":[{\"rows\":[{\"n\":" + n + ",\"s\":0}]}]}";
                    if (r.status() != 200 || !r.body().equals(expected)) {
                        wrong.add(n + ": " + r.status() + " " + r.body());
                    }
                }
                return wrong;
            }));
        }
        List<String> failures = new ArrayList<>();
        for (Future<List<String>> client : clients) {
            failures.addAll(client.get(300, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return failures;
    }

    private static int apiConnections(Connection monitor) {
        try (Statement s = monitor.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'api'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
