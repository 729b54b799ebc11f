package io.wsproxy.engine.sql;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.parse.Statement.AddAggregator;
import io.wsproxy.control.parse.Statement.AddLeaf;
import io.wsproxy.control.parse.Statement.ClusterSync;
import io.wsproxy.control.parse.Statement.RemoveAggregator;
import io.wsproxy.control.parse.Statement.ShowAggregators;
import io.wsproxy.control.parse.Statement.ShowLeaves;
import io.wsproxy.control.proxy.NodeRole;
import io.wsproxy.engine.cluster.Cluster;
import io.wsproxy.engine.cluster.ClusterState;
import io.wsproxy.engine.cluster.Member;
import io.wsproxy.engine.cluster.NodeAddress;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cluster statements (DESIGN.md section 7), with SingleStore's columns. Changes need SUPER
 * (SingleStore's CLUSTER privilege, which this engine folds into SUPER); the SHOW statements run
 * on aggregators, where SingleStore runs them.
 */
final class ClusterStatements {
    private ClusterStatements() {
    }

    static void showAggregators(Session session, ShowAggregators statement, boolean more) throws IOException {
        Cluster cluster = cluster(session, "SHOW AGGREGATORS");
        ClusterState state = cluster.state();
        List<Member> aggregators = state.clustered() ? state.aggregators()
                : List.of(new Member(cluster.self(), state.role(), "", "", 0));
        List<byte[][]> rows = new ArrayList<>();
        for (Member m : aggregators) {
            boolean self = m.address().sameAs(cluster.self());
            double ping = self ? 0 : cluster.peers().ping(m.address());
            rows.add(Results.row(m.address().host(), Integer.toString(m.address().port()), state(self, ping), "0",
                    self ? null : latency(ping), m.role() == NodeRole.MASTER ? "1" : "0"));
        }
        Results.table(session, List.of(Results.text("Host"), Results.bigint("Port"), Results.text("State"),
                Results.bigint("Opened_Connections"), Results.text("Average_Roundtrip_Latency_ms"),
                Results.bigint("Master_Aggregator")), rows, more);
    }

    static void showLeaves(Session session, ShowLeaves statement, boolean more) throws IOException {
        Cluster cluster = cluster(session, "SHOW LEAVES");
        List<byte[][]> rows = new ArrayList<>();
        for (Member m : cluster.state().leaves()) {
            double ping = cluster.peers().ping(m.address());
            rows.add(Results.row(m.address().host(), Integer.toString(m.address().port()),
                    Integer.toString(m.availabilityGroup()), null, null, state(false, ping), "0", latency(ping)));
        }
        Results.table(session, List.of(Results.text("Host"), Results.bigint("Port"), Results.bigint("Availability_Group"),
                Results.text("Pair_Host"), Results.bigint("Pair_Port"), Results.text("State"),
                Results.bigint("Opened_Connections"), Results.text("Average_Roundtrip_Latency_ms")), rows, more);
    }

    static void addAggregator(Session session, AddAggregator statement, boolean more) throws IOException {
        Privileges.requireGlobal(session);
        session.node().cluster().add(statement.login(), NodeRole.AGGREGATOR, 0);
        Results.ok(session, 0, 0, more);
    }

    static void addLeaf(Session session, AddLeaf statement, boolean more) throws IOException {
        Privileges.requireGlobal(session);
        session.node().cluster().add(statement.login(), NodeRole.LEAF, statement.availabilityGroup());
        Results.ok(session, 0, 0, more);
    }

    static void removeAggregator(Session session, RemoveAggregator statement, boolean more) throws IOException {
        Privileges.requireGlobal(session);
        session.node().cluster().removeAggregator(new NodeAddress(statement.host(), statement.port()));
        Results.ok(session, 0, 0, more);
    }

    static void setAsMaster(Session session, boolean more) throws IOException {
        Privileges.requireGlobal(session);
        session.node().cluster().setAsMaster();
        Results.ok(session, 1, 0, more);
    }

    static void sync(Session session, ClusterSync statement, boolean more) throws IOException {
        Privileges.requireGlobal(session);
        session.node().cluster().sync(statement.document());
        Results.ok(session, 0, 0, more);
    }

    /** The SHOW statements run on aggregators (SingleStore's "Node Requirements"). */
    private static Cluster cluster(Session session, String statement) {
        Cluster cluster = session.node().cluster();
        if (cluster.role() == NodeRole.LEAF) {
            throw ErrorCode.FEATURE_NOT_SUPPORTED.error(statement + " on a leaf");
        }
        return cluster;
    }

    private static String state(boolean self, double ping) {
        return self || ping >= 0 ? "online" : "offline";
    }

    private static String latency(double ping) {
        return ping < 0 ? null : String.format(Locale.ROOT, "%.3f", ping);
    }
}
