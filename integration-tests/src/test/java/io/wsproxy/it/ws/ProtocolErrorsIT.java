package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertProtocolError;
import static io.wsproxy.it.ws.Sessions.assertStillOpen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.WsClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PROTOCOL.md section 1, protocol errors: {@code error} 9110 / 08P01 for unparseable JSON,
 * unknown type, missing field; the session stays open until more than 100 of them (close 1008).
 */
class ProtocolErrorsIT {
    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithProxy() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), "proto-root-pw");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{not json",
        "",
        "[1,2,3]",
        "\"a string\"",
        "{}",
        "{\"type\":\"bogus\"}",
        "{\"type\":42}",
        "{\"type\":\"query\",\"id\":1}",
        "{\"type\":\"query\",\"sql\":\"SELECT 1\"}",
        "{\"type\":\"cancel\"}",
    })
    void malformedMessageIsError9110AndTheSessionStaysOpen(String message) throws Exception {
        try (WsClient client = Sessions.root(node)) {
            // When
            client.send(message);
            // Then
            assertProtocolError(client.next());
            assertStillOpen(client);
        }
    }

    @Test
    void unparseableJsonGetsASessionLevelErrorWithoutId() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            client.send("{\"type\":\"query\",\"id\":5,");
            JsonNode error = client.next();
            assertProtocolError(error);
            assertThat(error.has("id")).as("%s", error).isFalse();
        }
    }

    @Test
    void authWithoutUserIsAProtocolErrorAndAuthCanBeRetried() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When
            client.send("{\"type\":\"auth\",\"password\":\"x\"}");
            // Then
            assertProtocolError(client.next());
            client.send(Msg.auth("root", node.rootPassword()));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
        }
    }

    @Test
    void hundredProtocolErrorsKeepTheSessionAndTheHundredAndFirstClosesItWith1008() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            // Given: 100 protocol errors, each answered
            for (int i = 0; i < 100; i++) {
                client.send("{\"type\":\"bogus\"}");
                assertProtocolError(client.next());
            }
            assertStillOpen(client);
            // When
            client.send("{\"type\":\"bogus\"}");
            // Then: perhaps one last 9110, then the close
            WsClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
        }
    }

    @Test
    void engineErrorsDoNotCountAsProtocolErrors() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            for (int i = 0; i < 120; i++) {
                client.send(Msg.query(i, "SELEC broken"));
                assertThat(client.next().path("code").asInt()).isEqualTo(1064);
            }
            assertStillOpen(client);
        }
    }
}
