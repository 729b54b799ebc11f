package io.wsproxy.engine.cluster;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.parse.Statement;
import io.wsproxy.control.parse.StatementParser;
import io.wsproxy.control.proxy.NodeRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Nodes whose {@link Cluster}s talk through {@link Peers} as the real ones do over the MySQL
 * protocol: each statement is parsed by sql-control and run on the addressed node; a node that is
 * down refuses the connection, a wrong password is refused at login. Role events of all nodes
 * are recorded in one list, in order.
 */
final class InMemoryCluster implements Peers {
    static final String PASSWORD = "pw";

    private final Path dir;
    private final Map<Integer, Cluster> nodes = new LinkedHashMap<>();
    private final Map<Integer, Boolean> up = new LinkedHashMap<>();
    /** "port:ROLE", one per role change, in order. */
    final List<String> roleEvents = new ArrayList<>();

    InMemoryCluster(Path dir) {
        this.dir = dir;
    }

    Cluster node(int port) throws IOException {
        return node(port, role -> { });
    }

    /** A node whose role changes also go to {@code listener}, before they are recorded. */
    Cluster node(int port, Consumer<NodeRole> listener) throws IOException {
        Path file = metadata(port);
        Cluster cluster = new Cluster(file, NodeMetadata.load(file), address(port),
                listener.andThen(role -> roleEvents.add(port + ":" + role)), this, LoggerFactory.getLogger("cluster-test"));
        nodes.put(port, cluster);
        up.put(port, true);
        return cluster;
    }

    Path metadata(int port) {
        return NodeMetadata.file(dir.resolve("node-" + port).resolve("data"));
    }

    void down(int port) {
        up.put(port, false);
    }

    void up(int port) {
        up.put(port, true);
    }

    static NodeAddress address(int port) {
        return new NodeAddress("127.0.0.1", port);
    }

    static Statement.NodeLogin login(int port) {
        return new Statement.NodeLogin("root", PASSWORD, "127.0.0.1", port);
    }

    @Override
    public void run(NodeAddress address, String user, String password, String sql) throws IOException {
        Cluster target = nodes.get(address.port());
        if (target == null || !up.get(address.port())) {
            throw new IOException("Connection refused");
        }
        if (!PASSWORD.equals(password)) {
            throw new IOException(ErrorCode.ACCESS_DENIED.error(user, "127.0.0.1", "YES").toString());
        }
        Statement statement = StatementParser.parse(sql);
        if (statement instanceof Statement.ClusterSync s) {
            target.sync(s.document());
        } else if (statement instanceof Statement.AddAggregator s) {
            target.add(s.login(), NodeRole.AGGREGATOR, 0);
        } else {
            throw new SqlException(ErrorCode.INTERNAL, "unexpected statement " + statement);
        }
    }

    @Override
    public double ping(NodeAddress address) {
        return Boolean.TRUE.equals(up.get(address.port())) ? 0.1 : -1;
    }
}
