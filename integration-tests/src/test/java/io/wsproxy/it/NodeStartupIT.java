package io.wsproxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh node creates its base dir layout and serves at once. Start times are printed for the
 * issue note, not asserted: timing belongs to the benchmarks.
 */
class NodeStartupIT {
    @TempDir
    Path dir;

    @Test
    void freshNodeCreatesItsLayoutAndAnswersQueries() throws Exception {
        for (int i = 1; i <= 3; i++) {
            Path base = dir.resolve("node" + i);
            try (EngineNode node = EngineNode.start(base, "pw")) {
                System.out.printf("node start %d: %d ms (process start to 'ready')%n", i, node.startTime().toMillis());
                assertThat(base.resolve("memsql.cnf")).exists();
                assertThat(base.resolve("data")).isDirectory();
                assertThat(base.resolve("tracelogs/memsql.log")).exists();
                assertThat(node.socket()).exists();
                try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", "pw");
                        ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
            assertThat(Files.exists(base.resolve("memsql.sock"))).as("socket removed at shutdown").isFalse();
        }
    }
}
