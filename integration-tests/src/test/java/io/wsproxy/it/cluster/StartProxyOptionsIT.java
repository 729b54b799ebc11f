package io.wsproxy.it.cluster;

import static io.wsproxy.it.cluster.TestCluster.execute;
import static io.wsproxy.it.cluster.TestCluster.global;
import static io.wsproxy.it.cluster.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.cluster.TestCluster.Node;
import io.wsproxy.it.cluster.TestCluster.Status;
import io.wsproxy.it.control.Ports;
import io.wsproxy.it.support.Tls;
import io.wsproxy.it.support.TestCerts;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's three ways to start the proxy ("Start the Proxy"), on a cluster of a master, a
 * child aggregator and a leaf made and run by the real toolbox, each node its own process. Only
 * the Master Aggregator's proxy serves (I5); the others stay DORMANT and refuse connections.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class StartProxyOptionsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void optionOneMemsqlCnfThenStartNodeAllServesOnTheMastersPortOnly() throws Exception {
        try (TestCluster cluster = TestCluster.formed(dir)) {
            cluster.admin.run("stop-node", "--all").ok();
            int[] ports = Ports.free(3);
            Node[] nodes = cluster.nodes();
            for (int i = 0; i < 3; i++) {
                nodes[i].cnf("http_proxy_port", ports[i]);
            }

            AdminCli.Result started = cluster.admin.run("start-node", "--all").ok();

            assertThat(started.stdout()).contains("(127.0.0.1:" + cluster.master.port() + "): Master, proxy http://127.0.0.1:"
                    + ports[0]);
            assertThat(started.stdout()).contains("(127.0.0.1:" + cluster.child.port() + "): Aggregator, proxy dormant",
                    "(127.0.0.1:" + cluster.leaf.port() + "): Leaf, proxy dormant");
            Proxies.assertServes(HTTP, Ports.ws(ports[0]));
            assertThat(status(cluster.master)).extracting(Status::state, Status::port).containsExactly("RUNNING",
                    Integer.toString(ports[0]));
            for (int i = 1; i < 3; i++) {
                assertThat(status(nodes[i]).state()).as("SHOW PROXY STATUS on %s", nodes[i].baseDir()).isEqualTo("DORMANT");
                assertThat(Ports.listening(ports[i])).as("port %d of a non-master", ports[i]).isFalse();
            }
        }
    }

    @Test
    void optionTwoUpdateConfigAllThenStartNodeAllAndAgainWithSetGlobalAndRestartProxy() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        HttpClient wss = HttpClient.newBuilder().sslContext(Tls.trusting(certs.caCert())).build();
        try (TestCluster cluster = TestCluster.formed(dir)) {
            cluster.admin.run("update-config", "--key", "ssl_cert", "--value", certs.serverCert().toString(), "--all").ok();
            cluster.admin.run("update-config", "--key", "ssl_key", "--value", certs.serverKey().toString(), "--all").ok();
            int port = Ports.free();
            AdminCli.Result updated = cluster.admin.run("update-config", "--key", "https_proxy_port", "--value",
                    Integer.toString(port), "--all").ok();
            assertThat(updated.stdout().lines().filter(l -> l.startsWith("Updated memsql.cnf of node"))).hasSize(3);
            cluster.admin.run("stop-node", "--all").ok();
            cluster.admin.run("start-node", "--all").ok();

            Proxies.assertServes(wss, Ports.wss(port));
            assertThat(status(cluster.master)).extracting(Status::state, Status::protocol).containsExactly("RUNNING", "HTTPS");
            assertThat(status(cluster.child).state()).isEqualTo("DORMANT");
            assertThat(status(cluster.leaf).state()).isEqualTo("DORMANT");

            // Again on the running cluster: --set-global, then RESTART PROXY on every node.
            int moved = Ports.free();
            AdminCli.Result set = cluster.admin.run("update-config", "--key", "https_proxy_port", "--value",
                    Integer.toString(moved), "--all", "--set-global", "--password", TestCluster.PASSWORD).ok();
            assertThat(set.stdout().lines().filter(l -> l.startsWith("Ran SET GLOBAL https_proxy_port"))).hasSize(3);
            for (Node node : cluster.nodes()) {
                assertThat(global(node, "https_proxy_port")).isEqualTo(Integer.toString(moved));
                assertThat(Files.readString(node.cnf())).contains("https_proxy_port = " + moved);
            }
            execute(cluster.master, "RESTART PROXY");
            Proxies.assertServes(wss, Ports.wss(moved));
            assertThat(Ports.listening(port)).as("the old port after the move").isFalse();
            assertRestartRefusedWith9104AndNothingChanges(cluster.child, "https_proxy_port", moved);
            assertRestartRefusedWith9104AndNothingChanges(cluster.leaf, "https_proxy_port", moved);
            Proxies.assertServes(wss, Ports.wss(moved)); // still the master's, untouched
        }
    }

    @Test
    void optionThreeSetGlobalAndRestartProxyWorksOnTheMasterAndIs9104Elsewhere() throws Exception {
        try (TestCluster cluster = TestCluster.formed(dir)) {
            int[] ports = Ports.free(3);
            execute(cluster.master, "SET GLOBAL http_proxy_port = " + ports[0]);
            execute(cluster.master, "RESTART PROXY");
            Proxies.assertServes(HTTP, Ports.ws(ports[0]));

            execute(cluster.child, "SET GLOBAL http_proxy_port = " + ports[1]);
            execute(cluster.leaf, "SET GLOBAL http_proxy_port = " + ports[2]);
            assertRestartRefusedWith9104AndNothingChanges(cluster.child, "http_proxy_port", ports[1]);
            assertRestartRefusedWith9104AndNothingChanges(cluster.leaf, "http_proxy_port", ports[2]);
            assertThat(Ports.listening(ports[1])).as("the child aggregator's port").isFalse();
            assertThat(Ports.listening(ports[2])).as("the leaf's port").isFalse();
            Proxies.assertServes(HTTP, Ports.ws(ports[0]));
        }
    }

    private static void assertRestartRefusedWith9104AndNothingChanges(Node node, String variable, int port)
            throws Exception {
        Status before = status(node);
        assertThatThrownBy(() -> execute(node, "RESTART PROXY"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(9104));
        assertThat(status(node)).as("SHOW PROXY STATUS of %s after the refused RESTART", node.baseDir()).isEqualTo(before);
        assertThat(before.state()).isNotEqualTo("RUNNING");
        assertThat(global(node, variable)).as("the variable stays as set").isEqualTo(Integer.toString(port));
    }
}
