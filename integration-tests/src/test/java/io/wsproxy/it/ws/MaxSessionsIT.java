package io.wsproxy.it.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Eventually;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.WsClient;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md section 6: more sessions than {@code proxy_max_sessions} get 503 at upgrade. */
class MaxSessionsIT {
    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithTwoSessionsAtMost() throws Exception {
        node = ProxyCnf.http().with("proxy_max_sessions", 2).start(dir.resolve("node"), "max-root-pw");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void sessionOverTheLimitIsRefusedWith503AndAFreedSlotIsReused() throws Exception {
        // Given
        WsClient first = Sessions.root(node);
        try (WsClient second = Sessions.root(node)) {
            // When
            int status = WsClient.to(node.wsUri()).upgradeStatus();
            // Then
            assertThat(status).isEqualTo(503);
            assertThat(second.isClosed()).isFalse();
            // When the first session leaves
            first.close();
            // Then its slot is free again (once the proxy has seen the close)
            Eventually.await(WsClient.TIMEOUT, "a third session is accepted", MaxSessionsIT::canAuthenticate);
            assertThatThrownBy(() -> WsClient.to(node.wsUri()).connect().close())
                    .as("still two sessions open, no third")
                    .isInstanceOfSatisfying(WsClient.UpgradeRefusedException.class, e -> assertThat(e.status()).isEqualTo(503));
        }
    }

    /** Opens a session and keeps it open (so the limit is reached again) when the upgrade succeeds. */
    private static boolean canAuthenticate() {
        try {
            Sessions.root(node);
            return true;
        } catch (WsClient.UpgradeRefusedException e) {
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
