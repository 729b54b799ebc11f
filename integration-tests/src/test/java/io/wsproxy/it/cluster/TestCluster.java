package io.wsproxy.it.cluster;

import io.wsproxy.it.control.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A Master Aggregator, a child aggregator and a leaf in a test's temp directory, made with the
 * real toolbox: create-node, start-node --all, add-aggregator, add-leaf. Ports are ephemeral.
 */
final class TestCluster implements AutoCloseable {
    static final String PASSWORD = "cluster-root-pw";
    /** Short, so a moved proxy's sessions see their close soon. */
    static final int DRAIN_SECONDS = 1;

    /** One node: its id, base directory and MySQL port. */
    record Node(String id, Path baseDir, int port) {
        Path cnf() {
            return baseDir.resolve("memsql.cnf");
        }

        /** Appends {@code key = value} to memsql.cnf's [server] section, the only one the toolbox writes. */
        void cnf(String key, Object value) throws IOException {
            Files.writeString(cnf(), key + " = " + value + "\n", StandardOpenOption.APPEND);
        }

        Connection root() throws SQLException {
            return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED", "root", PASSWORD);
        }
    }

    /** One row of SHOW PROXY STATUS. */
    record Status(String state, String protocol, String port, String lastError) {
    }

    final AdminCli admin;
    final Node master;
    final Node child;
    final Node leaf;

    private TestCluster(AdminCli admin, Node master, Node child, Node leaf) {
        this.admin = admin;
        this.master = master;
        this.child = child;
        this.leaf = leaf;
    }

    /** Three nodes created (not started), with a short drain in each memsql.cnf. */
    static TestCluster create(Path dir) throws Exception {
        AdminCli admin = new AdminCli(dir.resolve("registry.json"));
        int[] ports = Ports.free(3);
        Node[] nodes = new Node[3];
        String[] names = {"master", "child", "leaf"};
        for (int i = 0; i < 3; i++) {
            Path base = dir.resolve(names[i]);
            nodes[i] = new Node(admin.createNode(base, ports[i], PASSWORD), base, ports[i]);
            nodes[i].cnf("proxy_drain_timeout", DRAIN_SECONDS);
        }
        return new TestCluster(admin, nodes[0], nodes[1], nodes[2]);
    }

    /** create, start-node --all, add-aggregator, add-leaf. */
    static TestCluster formed(Path dir) throws Exception {
        TestCluster cluster = create(dir);
        try {
            cluster.admin.run("start-node", "--all").ok();
            cluster.admin.run("add-aggregator", "--memsql-id", cluster.child.id(), "--password", PASSWORD).ok();
            cluster.admin.run("add-leaf", "--memsql-id", cluster.leaf.id(), "--password", PASSWORD).ok();
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    Node[] nodes() {
        return new Node[] {master, child, leaf};
    }

    static Status status(Node node) throws SQLException {
        try (Connection c = node.root(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW PROXY STATUS")) {
            rs.next();
            return new Status(rs.getString("State"), rs.getString("Protocol"), rs.getString("Port"),
                    rs.getString("Last_Error"));
        }
    }

    static void execute(Node node, String sql) throws SQLException {
        try (Connection c = node.root(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String global(Node node, String name) throws SQLException {
        try (Connection c = node.root(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@GLOBAL." + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws Exception {
        admin.close();
    }
}
