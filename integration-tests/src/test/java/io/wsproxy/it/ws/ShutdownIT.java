package io.wsproxy.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.WsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md I7 and section 6: a node shutdown closes sessions with 1001 and logs the proxy's stop. */
class ShutdownIT {
    @TempDir
    Path dir;
    EngineNode node;

    @BeforeEach
    void startNodeWithProxy() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), "shutdown-root-pw");
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void nodeShutdownClosesOpenSessionsWith1001() throws Exception {
        try (WsClient client = Sessions.root(node); WsClient unauthenticated = WsClient.connect(node.wsUri())) {
            // When
            node.stop();
            // Then
            assertThat(client.awaitClose().code()).isEqualTo(1001);
            assertThat(unauthenticated.awaitClose().code()).isEqualTo(1001);
        }
    }

    @Test
    void nodeShutdownLogsTheProxyStopAfterItsStart() throws Exception {
        // When
        node.stop();
        // Then
        Path log = node.baseDir().resolve("tracelogs").resolve("websocket_proxy.log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String port = Integer.toString(node.wsUri().getPort());
        int start = indexOf(lines, "start", port);
        int stop = indexOf(lines, "stop", port);
        assertThat(start).as("a start line with port %s in %s", port, lines).isNotNegative();
        assertThat(stop).as("a stop line with port %s in %s", port, lines).isGreaterThan(start);
    }

    private static int indexOf(List<String> lines, String word, String port) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).toLowerCase().contains(word) && lines.get(i).contains(port)) {
                return i;
            }
        }
        return -1;
    }
}
