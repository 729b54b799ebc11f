package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertError;
import static io.wsproxy.it.ws.Sessions.assertProtocolError;
import static io.wsproxy.it.ws.Sessions.assertStillOpen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/** PROTOCOL.md section 1, {@code auth} and {@code ready}: the first message of every session. */
class AuthIT {
    private static final String PW = "auth-root-pw";

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithProxy() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), PW);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void authAsRootIsAnsweredWithReadyCarryingTheEnginesConnectionIdAndVersion() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When
            client.send(Msg.auth("root", PW));
            JsonNode ready = client.next();
            // Then
            assertThat(ready.path("type").asText()).as("%s", ready).isEqualTo("ready");
            assertThat(ready.path("connectionId").isIntegralNumber()).as("connectionId in %s", ready).isTrue();
            assertThat(ready.path("serverVersion").isTextual()).as("serverVersion in %s", ready).isTrue();
            assertThat(ready.has("database")).as("database in %s", ready).isTrue();
            assertThat(ready.get("database").isNull()).as("database in %s", ready).isTrue();
            JsonNode row = Sessions.query(client, 1, "SELECT CONNECTION_ID(), @@version").onlyRow();
            assertThat(row.get(0).asLong()).isEqualTo(ready.get("connectionId").asLong());
            assertThat(row.get(1).asText()).isEqualTo(ready.get("serverVersion").asText());
        }
    }

    @Test
    void authWithADatabaseReportsItInReadyAndMakesItTheCurrentDatabase() throws Exception {
        // Given
        String db = Sessions.unique("authdb");
        try (WsClient admin = Sessions.root(node)) {
            Sessions.exec(admin, "CREATE DATABASE " + db);
        }
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When
            client.send(Msg.auth("root", PW, db));
            JsonNode ready = client.next();
            // Then
            assertThat(ready.path("type").asText()).as("%s", ready).isEqualTo("ready");
            assertThat(ready.path("database").asText()).isEqualTo(db);
            assertThat(Sessions.query(client, 1, "SELECT DATABASE()").onlyRow().get(0).asText()).isEqualTo(db);
        }
    }

    @Test
    void wrongPasswordGetsError1045ThenClose1008() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When
            client.send(Msg.auth("root", "not-the-password"));
            // Then
            JsonNode error = client.next();
            assertError(error, 1045, "28000");
            assertThat(error.has("id")).as("a session-level error has no id: %s", error).isFalse();
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void unknownUserGetsError1045ThenClose1008() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            client.send(Msg.auth("nobody_here", "pw"));
            assertError(client.next(), 1045, "28000");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void authWithAnUnknownDatabaseGetsError1049ThenClose1008() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When
            client.send(Msg.auth("root", PW, "no_such_db_" + ProcessHandle.current().pid()));
            // Then
            assertError(client.next(), 1049, "42000");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void queryBeforeAuthIsAProtocolErrorAndTheSessionCanStillAuthenticate() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When
            client.send(Msg.query(1, "SELECT 1"));
            // Then
            JsonNode error = client.next();
            assertProtocolError(error);
            if (error.has("id")) {
                assertThat(error.get("id").asInt()).isEqualTo(1);
            }
            client.send(Msg.auth("root", PW));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
            assertThat(Sessions.query(client, 2, "SELECT 7").onlyRow().get(0).asInt()).isEqualTo(7);
        }
    }

    @Test
    void pingBeforeAuthIsAProtocolErrorAndTheSessionStaysOpen() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When
            client.send(Msg.ping());
            // Then
            assertProtocolError(client.next());
            client.send(Msg.auth("root", PW));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
            assertStillOpen(client);
        }
    }

    @Test
    void secondAuthAfterReadyIsAProtocolErrorAndTheSessionKeepsItsLogin() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            // When
            client.send(Msg.auth("someone_else", "pw"));
            // Then
            assertProtocolError(client.next());
            assertThat(Sessions.query(client, 1, "SELECT CURRENT_USER()").onlyRow().get(0).asText())
                    .startsWith("root@");
        }
    }

    @Test
    void withoutAuthTheSessionIsClosedWith1008AfterTheDefaultTenSeconds() throws Exception {
        long start = System.nanoTime();
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When nothing is sent
            WsClient.Close close = client.awaitClose();
            // Then
            assertThat(close.code()).isEqualTo(1008);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(9_900));
        }
    }

    @Test
    void sessionsAreIndependentEngineConnections() throws Exception {
        try (WsClient a = Sessions.root(node); WsClient b = Sessions.root(node)) {
            long idA = Sessions.query(a, 1, "SELECT CONNECTION_ID()").onlyRow().get(0).asLong();
            long idB = Sessions.query(b, 1, "SELECT CONNECTION_ID()").onlyRow().get(0).asLong();
            assertThat(idA).isNotEqualTo(idB);
        }
    }
}
