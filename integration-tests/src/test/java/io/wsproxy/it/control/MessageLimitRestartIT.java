package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wsproxy.it.support.EngineNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every proxy variable is applied by RESTART PROXY, the same port included: a listener fixes its
 * WebSocket limits when it binds, so a new {@code proxy_max_message_size} gets a listener of its
 * own beside the old one on the same port, and the old one closes after it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MessageLimitRestartIT {
    static final int MIB = 1024 * 1024;

    @TempDir
    static Path dir;
    static EngineNode node;
    static Connection root;
    static final HttpClient http = Nodes.client();

    @BeforeAll
    static void startNode() throws Exception {
        node = Nodes.start(dir.resolve("node"));
        root = ProxySql.root(node);
    }

    @AfterAll
    static void stopNode() throws Exception {
        Nodes.closeAll(root, node);
    }

    @Test
    void raisingTheLimitOnTheSamePortLetsALargerMessageThroughAndLoweringItCloses1009() throws Exception {
        int port = Ports.free();
        ProxySql.setGlobal(root, "proxy_max_message_size", MIB);
        ProxySql.startHttp(root, port);
        String big = "SELECT LENGTH('" + "x".repeat(MIB + MIB / 2) + "') AS n";
        assertClosedWith1009(port, big);

        ProxySql.setGlobal(root, "proxy_max_message_size", 2 * MIB);
        ProxySql.restart(root);

        assertThat(ProxySql.status(root).port()).isEqualTo(port);
        try (WsClient session = WsClient.session(http, Ports.ws(port), "root", Nodes.ROOT_PW)) {
            assertThat(session.rows(1, big)).singleElement()
                    .satisfies(row -> assertThat(row.get(0).asLong()).isEqualTo(MIB + MIB / 2));
        }

        ProxySql.setGlobal(root, "proxy_max_message_size", MIB);
        ProxySql.restart(root);

        assertClosedWith1009(port, big);
    }

    private static void assertClosedWith1009(int port, String sql) throws Exception {
        try (WsClient session = WsClient.session(http, Ports.ws(port), "root", Nodes.ROOT_PW)) {
            WsClient.Failure failure = catchThrowableOfType(WsClient.Failure.class, () -> session.rows(1, sql));
            assertThat(failure).as("a %d-byte message", sql.length()).isNotNull();
            WsClient.Close closed = session.awaitEnd(Duration.ofSeconds(10));
            assertThat(closed).isNotNull();
            assertThat(closed.code()).isEqualTo(1009);
        }
    }
}
