package io.wsproxy.it.control;

import io.wsproxy.it.support.EngineNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The proxy's SQL control over Connector/J: SET GLOBAL, RESTART PROXY, SHOW PROXY STATUS. */
final class ProxySql {
    private ProxySql() {
    }

    /** One row of {@code SHOW PROXY STATUS}; port and generation are 0 unless RUNNING. */
    record Status(String state, String protocol, int port, long generation, String since, int sessions,
            String lastError) {
    }

    static Connection root(EngineNode node) throws SQLException {
        return DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", node.rootPassword());
    }

    static Connection connect(EngineNode node, String user, String password) throws SQLException {
        return DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), user, password);
    }

    static Status status(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW PROXY STATUS")) {
            if (!rs.next()) {
                throw new AssertionError("SHOW PROXY STATUS returned no row");
            }
            Status status = new Status(rs.getString("State"), rs.getString("Protocol"), intOrZero(rs.getString("Port")),
                    longOrZero(rs.getString("Generation")), rs.getString("Since"),
                    intOrZero(rs.getString("Sessions")), rs.getString("Last_Error"));
            if (rs.next()) {
                throw new AssertionError("SHOW PROXY STATUS returned more than one row");
            }
            return status;
        }
    }

    static void restart(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("RESTART PROXY");
        }
    }

    /** Any statement without a result, e.g. a cluster statement. */
    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** {@code SET GLOBAL name = value}. */
    static void setGlobal(Connection c, String name, Object value) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET GLOBAL " + name + " = " + literal(value));
        }
    }

    /** http_proxy_port and https_proxy_port in one statement (all or nothing). */
    static void setPorts(Connection c, int http, int https) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET GLOBAL http_proxy_port = " + http + ", GLOBAL https_proxy_port = " + https);
        }
    }

    /** Sets the ports and runs RESTART PROXY. */
    static void startHttp(Connection c, int port) throws SQLException {
        setPorts(c, port, 0);
        restart(c);
    }

    static String global(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL." + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String literal(Object value) {
        return value instanceof String text ? "'" + text.replace("'", "''") + "'" : String.valueOf(value);
    }

    private static int intOrZero(String text) {
        return text == null || text.isEmpty() ? 0 : Integer.parseInt(text);
    }

    private static long longOrZero(String text) {
        return text == null || text.isEmpty() ? 0 : Long.parseLong(text);
    }
}
