package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertProtocolError;
import static io.wsproxy.it.ws.Sessions.assertStillOpen;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PROTOCOL.md section 1: {@code auth} must come within the auth timeout ({@code proxy_auth_timeout}), else close 1008. */
class AuthTimeoutIT {
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithAShortAuthTimeout() throws Exception {
        node = ProxyCnf.http().with("proxy_auth_timeout", AUTH_TIMEOUT.toSeconds())
                .start(dir.resolve("node"), "timeout-root-pw");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void silentClientIsClosedWith1008AfterTheAuthTimeout() throws Exception {
        // Given
        long start = System.nanoTime();
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When nothing is sent
            WsClient.Close close = client.awaitClose();
            // Then
            Duration after = Duration.ofNanos(System.nanoTime() - start);
            assertThat(close.code()).isEqualTo(1008);
            assertThat(after).isGreaterThanOrEqualTo(AUTH_TIMEOUT.minusMillis(100));
        }
    }

    @Test
    void protocolErrorsBeforeAuthDoNotExtendTheTimeout() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When
            client.send(Msg.ping());
            assertProtocolError(client.next());
            // Then
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void authenticatedSessionOutlivesTheAuthTimeout() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            // When: twice the auth timeout passes (proving an absence needs a wait)
            client.assertNoMessageWithin(AUTH_TIMEOUT.multipliedBy(2));
            // Then
            assertThat(client.isClosed()).isFalse();
            assertStillOpen(client);
        }
    }
}
