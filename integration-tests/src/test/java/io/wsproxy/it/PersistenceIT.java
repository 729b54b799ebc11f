package io.wsproxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, grants, databases, tables and rows survive a node restart on the same base dir. */
class PersistenceIT {
    @TempDir
    Path dir;

    @Test
    void usersGrantsTablesAndRowsSurviveARestart() throws Exception {
        try (EngineNode node = EngineNode.start(dir.resolve("node"), "root-pw")) {
            try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", "root-pw");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE keep");
                s.execute("CREATE TABLE keep.notes (id INT PRIMARY KEY, body VARCHAR(100))");
                s.execute("INSERT INTO keep.notes VALUES (1, 'first'), (2, 'second')");
                s.execute("CREATE USER 'reader'@'%' IDENTIFIED BY 'reader-pw'");
                s.execute("GRANT SELECT ON keep.* TO 'reader'@'%'");
            }

            // When
            node.restart();

            // Then
            try (Connection c = DriverManager.getConnection(node.mariadbUrl("sslMode=disable"), "reader", "reader-pw");
                    Statement s = c.createStatement()) {
                assertThat(column(s, "SHOW GRANTS")).containsExactly(
                        "GRANT USAGE ON *.* TO 'reader'@'%'", "GRANT SELECT ON `keep`.* TO 'reader'@'%'");
                s.execute("USE keep");
                assertThat(column(s, "SELECT body FROM notes ORDER BY id")).containsExactly("first", "second");
            }
        }
    }

    @Test
    void passwordsAreStoredAsHashesOnly() throws Exception {
        try (EngineNode node = EngineNode.start(dir.resolve("node"), "root-secret-1")) {
            try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", "root-secret-1")) {
                c.createStatement().execute("CREATE USER 'u'@'%' IDENTIFIED BY 'user-secret-2'");
            }
        }
        for (Path file : Files.walk(dir).filter(Files::isRegularFile).toList()) {
            String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).as(file.toString()).doesNotContain("root-secret-1").doesNotContain("user-secret-2");
        }
    }

    private static List<String> column(Statement s, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
