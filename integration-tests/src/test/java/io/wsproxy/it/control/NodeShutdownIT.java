package io.wsproxy.it.control;

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
            Ws first = Ws.session(Nodes.client(), node.wsUri(), "root", Nodes.ROOT_PW);
            Ws second = Ws.session(Nodes.client(), node.wsUri(), "root", Nodes.ROOT_PW);
            first.selectOne(1);
            second.selectOne(1);

            node.stop();

            for (Ws ws : new Ws[] {first, second}) {
                Ws.Closed closed = ws.awaitClose(Duration.ofSeconds(10));
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
            Ws old = Ws.session(Nodes.client(), node.wsUri(), "root", Nodes.ROOT_PW);
            try (var root = ProxySql.root(node)) {
                ProxySql.startHttp(root, ports[1]);
            }
            old.selectOne(1); // draining, still served

            node.stop();

            Ws.Closed closed = old.awaitClose(Duration.ofSeconds(10));
            assertThat(closed).as("close of the draining session after node shutdown").isNotNull();
            assertThat(closed.code()).as("close code (%s)", closed).isEqualTo(1001);
        }
    }
}
