package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.WsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md close code 1012 (DESIGN.md I7): after {@code RESTART PROXY} moves the proxy to
 * another port, the old instance's sessions are closed with 1012 once the drain period is over.
 */
class RestartIT {
    private static final String PW = "restart-root-pw";

    @TempDir
    Path dir;
    EngineNode node;

    @BeforeEach
    void startNodeWithAShortDrain() throws Exception {
        node = ProxyCnf.http().with("proxy_drain_timeout", 1).start(dir.resolve("node"), PW);
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private URI moveProxyTo(int port) throws Exception {
        try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", PW);
                Statement s = c.createStatement()) {
            s.execute("SET GLOBAL http_proxy_port = " + port);
            s.execute("RESTART PROXY");
        }
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    @Test
    void sessionsOfAProxyMovedToAnotherPortAreClosedWith1012() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            // When
            moveProxyTo(ProxyCnf.freePort());
            // Then
            assertThat(client.awaitClose().code()).isEqualTo(1012);
        }
    }

    @Test
    void movedProxyServesOnItsNewPortAndNoLongerOnTheOld() throws Exception {
        // When
        URI moved = moveProxyTo(ProxyCnf.freePort());
        // Then
        try (WsClient client = WsClient.connect(moved)) {
            client.send(io.wsproxy.it.support.Msg.auth("root", PW));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
            assertThat(query(client, 1, "SELECT 1").onlyRow().get(0).asInt()).isEqualTo(1);
        }
        assertThatThrownBy(() -> WsClient.connect(node.wsUri()).close()).isInstanceOf(IOException.class);
    }
}
