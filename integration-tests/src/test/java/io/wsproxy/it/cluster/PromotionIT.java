package io.wsproxy.it.cluster;

import static io.wsproxy.it.cluster.TestCluster.execute;
import static io.wsproxy.it.cluster.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.cluster.TestCluster.Node;
import io.wsproxy.it.cluster.TestCluster.Status;
import io.wsproxy.it.control.Ports;
import io.wsproxy.it.support.Eventually;
import io.wsproxy.it.support.MariaDbCli;
import io.wsproxy.it.support.WsClient;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * AGGREGATOR SET AS MASTER on the child aggregator (DESIGN.md section 7, I5): the promoted node's
 * proxy starts iff its variables ask for one; the old master steps down, its proxy stops and its
 * sessions close with 1012.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class PromotionIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void promotedChildWithAProxyPortStartsItsProxyAndTheOldMastersSessionsClose1012() throws Exception {
        try (TestCluster cluster = TestCluster.formed(dir)) {
            int[] ports = Ports.free(2);
            execute(cluster.master, "SET GLOBAL http_proxy_port = " + ports[0]);
            execute(cluster.master, "RESTART PROXY");
            execute(cluster.child, "SET GLOBAL http_proxy_port = " + ports[1]);
            WsClient old = Proxies.session(HTTP, Ports.ws(ports[0]));
            Proxies.assertSelectOne(old);

            promote(cluster.child);

            assertThat(status(cluster.child)).extracting(Status::state, Status::port)
                    .containsExactly("RUNNING", Integer.toString(ports[1]));
            Proxies.assertServes(HTTP, Ports.ws(ports[1]));
            assertOldMasterSteppedDown(cluster, ports[0]);
            WsClient.Close closed = old.awaitClose(Duration.ofSeconds(30));
            assertThat(closed.code()).as("close code of the old master's session (%s)", closed).isEqualTo(1012);
        }
    }

    @Test
    void promotedChildWithoutAProxyPortRunsNoProxyAndTheOldMastersProxyStops() throws Exception {
        try (TestCluster cluster = TestCluster.formed(dir)) {
            int port = Ports.free();
            execute(cluster.master, "SET GLOBAL http_proxy_port = " + port);
            execute(cluster.master, "RESTART PROXY");
            WsClient old = Proxies.session(HTTP, Ports.ws(port));

            promote(cluster.child);

            assertThat(status(cluster.child).state()).isEqualTo("STOPPED");
            assertOldMasterSteppedDown(cluster, port);
            assertThat(old.awaitClose(Duration.ofSeconds(30))).as("the old master's session is closed").isNotNull();
        }
    }

    /** AGGREGATOR SET AS MASTER through the mariadb client, as an operator runs it. */
    private static void promote(Node child) throws Exception {
        MariaDbCli.Result r = MariaDbCli.run(List.of("--protocol=TCP", "-h", "127.0.0.1", "-P",
                Integer.toString(child.port()), "-u", "root", "-p" + TestCluster.PASSWORD), "AGGREGATOR SET AS MASTER");
        assertThat(r.exitCode()).as("AGGREGATOR SET AS MASTER: %s", r.stderr()).isZero();
    }

    private static void assertOldMasterSteppedDown(TestCluster cluster, int oldPort) throws Exception {
        Eventually.await(Duration.ofSeconds(30), "the old master's port refuses connections",
                () -> !listening(oldPort));
        assertThat(status(cluster.master).state()).isEqualTo("DORMANT");
        assertThatThrownBy(() -> execute(cluster.master, "RESTART PROXY"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(9104));
        String nodes = cluster.admin.run("list-nodes", "--json").ok().stdout();
        assertThat(nodes.replaceAll("\\s", "")).contains(
                "\"memsqlId\":\"" + cluster.master.id() + "\",\"role\":\"Aggregator\"",
                "\"memsqlId\":\"" + cluster.child.id() + "\",\"role\":\"Master\"",
                "\"memsqlId\":\"" + cluster.leaf.id() + "\",\"role\":\"Leaf\"");
    }

    private static boolean listening(int port) {
        try {
            return Ports.listening(port);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
