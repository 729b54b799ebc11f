package io.wsproxy.it.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The direct baseline over TCP: Connector/J (or any JDBC URL) with one reused statement. */
final class JdbcSession implements SqlSession {
    private final Connection connection;
    private final Statement statement;

    private JdbcSession(Connection connection, Statement statement) {
        this.connection = connection;
        this.statement = statement;
    }

    static JdbcSession open(String url, String user, String password, boolean stream) throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        if (stream) {
            // Connector/J's streaming result set: rows are read off the socket one at a time.
            s.setFetchSize(Integer.MIN_VALUE);
        }
        return new JdbcSession(c, s);
    }

    @Override
    public long query(String sql) throws SQLException {
        long rows = 0;
        try (ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getString(i);
                }
                rows++;
            }
        }
        return rows;
    }

    /** For statements without a result set (RESTART PROXY). */
    void execute(String sql) throws SQLException {
        statement.execute(sql);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the load generator is done with it
        }
    }
}
