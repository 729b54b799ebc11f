package io.wsproxy.it.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.TunnelListener;
import io.wsproxy.it.support.WebSocketSocketFactory;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I7 for the raw {@code /mysql} tunnel: tunnels opened before RESTART PROXY moves the proxy to
 * another port run on through the drain (a MariaDB Connector/J session through one keeps
 * answering), then get 1012, no sooner than the drain allows.
 */
class TunnelDrainIT {
    @TempDir
    Path dir;

    @Test
    void tunnelsOpenedBeforeAMoveRunOnThroughTheDrainThenGet1012() throws Exception {
        try (EngineNode node = Nodes.start(dir.resolve("node")); Connection root = ProxySql.root(node)) {
            int[] ports = Ports.free(2);
            ProxySql.startHttp(root, ports[0]);
            URI tunnel = URI.create("ws://127.0.0.1:" + ports[0] + "/mysql");
            TunnelListener rawTunnel = new TunnelListener();
            WebSocket raw = Nodes.client().newWebSocketBuilder().buildAsync(tunnel, rawTunnel).get(30, TimeUnit.SECONDS);
            try (Connection jdbc = DriverManager.getConnection(WebSocketSocketFactory.jdbcUrl(tunnel), "root",
                    Nodes.ROOT_PW); Statement st = jdbc.createStatement()) {
                assertThat(selectOne(st, 1)).isEqualTo(1);

                ProxySql.setGlobal(root, "http_proxy_port", ports[1]);
                ProxySql.restart(root);
                long restarted = System.nanoTime();

                long answered = 0;
                long deadline = restarted + TimeUnit.SECONDS.toNanos(Nodes.DRAIN_SECONDS + 15);
                try {
                    while (System.nanoTime() < deadline) {
                        assertThat(selectOne(st, 2 + answered)).isEqualTo(2 + answered);
                        answered++;
                    }
                } catch (SQLException endOfTheDrain) {
                    // the tunnel under the driver closed
                }
                int code = rawTunnel.closed.get(Nodes.DRAIN_SECONDS + 15, TimeUnit.SECONDS);
                Duration drained = Duration.ofNanos(System.nanoTime() - restarted);
                assertThat(answered).as("queries answered through the old tunnel during the drain").isPositive();
                assertThat(code).as("close code of the drained tunnel").isEqualTo(1012);
                assertThat(drained).as("time from RESTART PROXY to the end of the old tunnels")
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(Nodes.DRAIN_SECONDS).minusMillis(300));
            } finally {
                raw.abort();
            }
        }
    }

    private static long selectOne(Statement st, long n) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT " + n)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
