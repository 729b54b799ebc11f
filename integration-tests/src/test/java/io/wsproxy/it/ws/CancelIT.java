package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertError;
import static io.wsproxy.it.ws.Sessions.assertProtocolError;
import static io.wsproxy.it.ws.Sessions.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Eventually;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.QueryReply;
import io.wsproxy.it.support.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md section 1, {@code cancel}: kills the running query with that id; it ends with the
 * engine's error 1317 (ER_QUERY_INTERRUPTED, 70100) and the session goes on.
 */
class CancelIT {
    /**
     * 10^10 joined rows: engine-sim's H2 counts a few million per second, so this runs for tens of
     * minutes unless cancelled.
     */
    private static final String LONG_QUERY = "SELECT COUNT(*) AS %s FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b";
    /** Far below the long query's running time, with room for a loaded machine. */
    private static final Duration QUICKLY = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static EngineNode node;
    WsClient client;
    WsClient observer;

    @BeforeAll
    static void startNodeWithProxy() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), "cancel-root-pw");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void openSessions() throws Exception {
        client = Sessions.root(node);
        observer = Sessions.root(node);
    }

    @AfterEach
    void closeSessions() {
        client.close();
        observer.close();
    }

    /** Sends the long query and returns once the engine is executing it. */
    private void startLongQuery(Object id) {
        String marker = Sessions.unique("long_running_");
        client.send(Msg.query(id, String.format(LONG_QUERY, marker)));
        // H2's session table shows the statement text; split the marker so this query does not match itself
        String half = marker.substring(0, 4);
        String rest = marker.substring(4);
        String probe = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE CONCAT('%"
                + half + "', '" + rest + "%')";
        Eventually.await(WsClient.TIMEOUT, "the engine runs the long query",
                () -> query(observer, "probe", probe).onlyRow().get(0).asInt() == 1);
    }

    @Test
    void cancelEndsTheRunningQueryWith1317Quickly() {
        // Given
        startLongQuery("long");
        long start = System.nanoTime();
        // When
        client.send(Msg.cancel("long"));
        // Then
        JsonNode error = client.next();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertError(error, 1317, "70100");
        assertThat(error.get("id").asText()).isEqualTo("long");
        assertThat(took).isLessThan(QUICKLY);
    }

    /**
     * Issue 14's scenario: {@code SELECT SLEEP(5)} cancelled after half a second. The half second
     * is the scenario itself (the query has been sleeping a while), not a wait for something.
     */
    @Test
    void sleepCancelledAfterHalfASecondEndsWith1317InUnderASecond() {
        // Given
        long sent = System.nanoTime();
        client.send(Msg.query("nap", "SELECT SLEEP(5)"));
        Eventually.await(WsClient.TIMEOUT, "the engine runs the SLEEP", () -> query(observer, "probe",
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT = 'SELECT SLEEP(5)'")
                .onlyRow().get(0).asInt() == 1);
        Eventually.await(WsClient.TIMEOUT, "half a second of sleep",
                () -> System.nanoTime() - sent >= Duration.ofMillis(500).toNanos());
        long cancelled = System.nanoTime();
        // When
        client.send(Msg.cancel("nap"));
        // Then
        JsonNode error = client.next();
        assertError(error, 1317, "70100");
        assertThat(error.get("id").asText()).isEqualTo("nap");
        assertThat(error.get("message").asText()).isEqualTo("Query execution was interrupted");
        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void cancelMatchesANumberId() {
        startLongQuery(41);
        client.send(Msg.cancel(41));
        JsonNode error = client.next();
        assertError(error, 1317, "70100");
        assertThat(error.get("id").asInt()).isEqualTo(41);
    }

    @Test
    void afterCancelTheSessionRunsTheNextQueryNormally() {
        // Given
        startLongQuery("long");
        client.send(Msg.cancel("long"));
        assertError(client.next(), 1317, "70100");
        // When
        QueryReply next = query(client, "next", "SELECT 42");
        // Then
        assertThat(next.types()).containsExactly("columns", "rows", "end");
        assertThat(next.onlyRow().get(0).asInt()).isEqualTo(42);
    }

    @Test
    void queryPipelinedBehindTheCancelledOneStillRuns() {
        // Given
        startLongQuery("long");
        client.send(Msg.query("queued", "SELECT 'after'"));
        // When
        client.send(Msg.cancel("long"));
        // Then
        assertError(client.next(), 1317, "70100");
        QueryReply queued = QueryReply.read(client);
        assertThat(queued.last().get("id").asText()).isEqualTo("queued");
        assertThat(queued.onlyRow().get(0).asText()).isEqualTo("after");
    }

    @Test
    void cancelOfAnotherIdWhileAQueryRunsIs9110AndDoesNotStopIt() {
        // Given
        startLongQuery("long");
        // When
        client.send(Msg.cancel("other"));
        // Then
        assertProtocolError(client.next());
        client.send(Msg.cancel("long"));
        JsonNode error = client.next();
        assertError(error, 1317, "70100");
        assertThat(error.get("id").asText()).isEqualTo("long");
    }

    @Test
    void cancelOfAnUnknownIdIs9110AndTheSessionContinues() {
        // When
        client.send(Msg.cancel("never-sent"));
        // Then
        assertProtocolError(client.next());
        assertThat(query(client, 1, "SELECT 1").onlyRow().get(0).asInt()).isEqualTo(1);
    }

    @Test
    void cancelOfAFinishedQueryIs9110() {
        query(client, "done", "SELECT 1");
        client.send(Msg.cancel("done"));
        assertProtocolError(client.next());
    }
}
