package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** I7: node shutdown closes the proxy's sessions with 1001 (Going Away). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeShutdownIT {
    @TempDir
    Path dir;

    @Test
    void nodeShutdownClosesOpenSessionsWith1001() throws Exception {
        int port = Ports.free();
        try (EngineNode node = Nodes.start(dir.resolve("node"), "http_proxy_port = " + port)) {
            WsClient first = WsClient.session(Nodes.client(), node.wsUri(), "root", Nodes.ROOT_PW);
            WsClient second = WsClient.session(Nodes.client(), node.wsUri(), "root", Nodes.ROOT_PW);
            first.selectOne(1);
            second.selectOne(1);

            node.stop();

            for (WsClient ws : new WsClient[] {first, second}) {
                WsClient.Close closed = ws.awaitEnd(Duration.ofSeconds(10));
                assertThat(closed).as("close after node shutdown").isNotNull();
                assertThat(closed.code()).as("close code after node shutdown (%s)", closed).isEqualTo(1001);
            }
            assertThat(node.isAlive()).isFalse();
        }
    }

    @Test
    void nodeShutdownClosesASessionOfADrainingInstanceWith1001() throws Exception {
        int[] ports = Ports.free(2);
        // A drain far longer than the test: the old instance is still draining when the node stops.
        try (EngineNode node = Nodes.start(dir.resolve("node"), "http_proxy_port = " + ports[0],
                "proxy_drain_timeout = 60")) {
            WsClient old = WsClient.session(Nodes.client(), node.wsUri(), "root", Nodes.ROOT_PW);
            try (var root = ProxySql.root(node)) {
                ProxySql.startHttp(root, ports[1]);
            }
            old.selectOne(1); // draining, still served

            node.stop();

            WsClient.Close closed = old.awaitEnd(Duration.ofSeconds(10));
            assertThat(closed).as("close of the draining session after node shutdown").isNotNull();
            assertThat(closed.code()).as("close code (%s)", closed).isEqualTo(1001);
        }
    }
}
