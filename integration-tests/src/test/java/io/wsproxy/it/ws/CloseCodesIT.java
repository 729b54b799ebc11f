package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.QueryReply;
import io.wsproxy.it.support.WsClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md section 1, close codes a client can cause on a running node: 1000, 1003, 1009,
 * 1011 (1008 in {@link AuthIT}, {@link AuthTimeoutIT}, {@link ProtocolErrorsIT}; 1001 in
 * {@link ShutdownIT}; 1012 in {@link RestartIT}). The message size limit is the default, 1 MiB.
 */
class CloseCodesIT {
    private static final int ONE_MIB = 1_048_576;

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithProxy() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), "close-root-pw");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** A query message of exactly {@code bytes} bytes (ASCII): SELECT CHAR_LENGTH('xxx...'). */
    static String queryOfSize(int bytes) {
        String head = "{\"type\":\"query\",\"id\":1,\"sql\":\"SELECT CHAR_LENGTH('";
        String tail = "')\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    static long paddingOf(int bytes) {
        return queryOfSize(bytes).chars().filter(c -> c == 'x').count();
    }

    @Test
    void clientCloseIsEchoedWith1000() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            // When
            client.sendClose(1000, "bye");
            // Then
            assertThat(client.awaitClose().code()).isEqualTo(1000);
        }
    }

    @Test
    void binaryFrameClosesWith1003() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            client.sendBinary(new byte[] {'{', '}'});
            assertThat(client.awaitClose().code()).isEqualTo(1003);
        }
    }

    @Test
    void binaryFrameBeforeAuthClosesWith1003() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.awaitClose().code()).isEqualTo(1003);
        }
    }

    @Test
    void messageOfExactlyTheLimitIsAccepted() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            // When
            client.send(queryOfSize(ONE_MIB));
            // Then
            QueryReply reply = QueryReply.read(client);
            assertThat(reply.onlyRow().get(0).asLong()).isEqualTo(paddingOf(ONE_MIB));
        }
    }

    @Test
    void messageOneByteOverTheLimitClosesWith1009() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            client.sendIgnoringFailure(queryOfSize(ONE_MIB + 1));
            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void fragmentedMessageIsReassembledBeforeItRuns() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            // Given: one message in three frames
            String message = queryOfSize(300_000);
            // When
            client.sendFragmented(List.of(message.substring(0, 10), message.substring(10, 150_000),
                    message.substring(150_000)));
            // Then
            assertThat(QueryReply.read(client).onlyRow().get(0).asLong()).isEqualTo(paddingOf(300_000));
        }
    }

    @Test
    void fragmentedMessageOverTheLimitClosesWith1009EvenThoughEachFrameIsSmall() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            // Given: 1.2 MiB in frames of 400 KB
            String message = queryOfSize(ONE_MIB + ONE_MIB / 5);
            int third = message.length() / 3;
            // When
            client.sendFragmented(List.of(message.substring(0, third), message.substring(third, 2 * third),
                    message.substring(2 * third)));
            // Then
            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void engineConnectionKilledUnderTheSessionClosesWith1011() throws Exception {
        try (WsClient victim = Sessions.root(node); WsClient admin = Sessions.root(node)) {
            // Given
            long id = query(victim, 1, "SELECT CONNECTION_ID()").onlyRow().get(0).asLong();
            // When
            query(admin, 1, "KILL " + id);
            // Then
            assertThat(victim.awaitClose().code()).isEqualTo(1011);
        }
    }
}
