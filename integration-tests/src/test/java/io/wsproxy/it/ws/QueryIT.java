package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertError;
import static io.wsproxy.it.ws.Sessions.exec;
import static io.wsproxy.it.ws.Sessions.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.QueryReply;
import io.wsproxy.it.support.WsClient;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PROTOCOL.md section 1, {@code query} and its replies: results, ok, errors, order, ping. */
class QueryIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static EngineNode node;
    /**
     * The sessions' current database: engine-sim answers a missing table with 1046 (no database
     * selected) instead of 1146 when there is none, even for a qualified name.
     */
    static String schema;
    WsClient client;

    @BeforeAll
    static void startNodeWithProxy() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), "query-root-pw");
        schema = Sessions.unique("query");
        try (WsClient admin = Sessions.root(node)) {
            exec(admin, "CREATE DATABASE " + schema);
        }
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void openSession() throws Exception {
        client = Sessions.root(node, schema);
    }

    @AfterEach
    void closeSession() {
        client.close();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** PROTOCOL.md's example, with SET in place of DO 0 (which the H2-based engine does not parse). */
    @Test
    void resultSetThenStatementWithoutResultGiveColumnsRowsEndMoreThenOkLast() throws Exception {
        // When
        client.send(Msg.query(1, "SELECT 1 AS a, 'x' AS b; SET @unused = 0"));
        // Then
        QueryReply reply = QueryReply.read(client);
        assertThat(reply.types()).containsExactly("columns", "rows", "end", "ok");
        JsonNode columns = reply.messages().get(0);
        assertThat(columns.get("id")).isEqualTo(json("1"));
        assertThat(columns.get("columns")).hasSize(2);
        assertThat(columns.get("columns").get(0).get("name").asText()).isEqualTo("a");
        assertThat(columns.get("columns").get(1).get("name").asText()).isEqualTo("b");
        assertThat(columns.get("columns").get(1).get("type").asText()).isEqualTo("VARCHAR");
        columns.get("columns").forEach(c -> {
            assertThat(c.get("type").isTextual()).as("%s", c).isTrue();
            assertThat(c.get("nullable").isBoolean()).as("%s", c).isTrue();
        });
        assertThat(reply.messages().get(1)).isEqualTo(json("{\"type\":\"rows\",\"id\":1,\"rows\":[[1,\"x\"]]}"));
        assertThat(reply.messages().get(2)).isEqualTo(json("{\"type\":\"end\",\"id\":1,\"rowCount\":1,\"more\":true}"));
        assertThat(reply.messages().get(3)).isEqualTo(json(
                "{\"type\":\"ok\",\"id\":1,\"affectedRows\":0,\"lastInsertId\":0,\"warnings\":0,\"more\":false}"));
    }

    @Test
    void columnsReportNullabilityFromTheTableDefinition() {
        String db = Sessions.unique("nulls");
        exec(client, "CREATE DATABASE " + db);
        exec(client, "CREATE TABLE " + db + ".t (required INT NOT NULL, optional INT)");
        // When
        JsonNode columns = query(client, 1, "SELECT required, optional FROM " + db + ".t").first("columns");
        // Then
        assertThat(columns.get("columns").get(0).get("nullable").asBoolean()).isFalse();
        assertThat(columns.get("columns").get(1).get("nullable").asBoolean()).isTrue();
    }

    @Test
    void stringIdIsEchoedAsAStringOnEveryMessage() throws Exception {
        QueryReply reply = query(client, "q-é-1", "SELECT 1; SELECT 2");
        assertThat(reply.types()).containsExactly("columns", "rows", "end", "columns", "rows", "end");
        assertThat(reply.messages()).allSatisfy(m -> assertThat(m.get("id")).isEqualTo(json("\"q-é-1\"")));
    }

    @Test
    void numberIdIsEchoedAsANumberOnEveryMessage() throws Exception {
        QueryReply reply = query(client, 9007199254740993L, "SELECT 1");
        assertThat(reply.messages()).allSatisfy(m -> {
            assertThat(m.get("id").isIntegralNumber()).as("%s", m).isTrue();
            assertThat(m.get("id").asText()).isEqualTo("9007199254740993");
        });
    }

    @Test
    void ddlAndDmlGiveOkWithAffectedRowsAndLastInsertId() {
        // Given
        String db = Sessions.unique("dml");
        exec(client, "CREATE DATABASE " + db);
        JsonNode created = exec(client, "CREATE TABLE " + db + ".items (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(20))");
        assertThat(created.get("affectedRows").asLong()).isZero();
        // When
        JsonNode inserted = exec(client, "INSERT INTO " + db + ".items (name) VALUES ('a'), ('b'), ('c')");
        JsonNode updated = exec(client, "UPDATE " + db + ".items SET name = 'z' WHERE id >= 2");
        JsonNode deleted = exec(client, "DELETE FROM " + db + ".items");
        // Then
        assertThat(inserted.get("affectedRows").asLong()).isEqualTo(3);
        assertThat(inserted.get("lastInsertId").asLong()).isEqualTo(3);
        assertThat(inserted.get("warnings").asInt()).isZero();
        assertThat(inserted.get("more").asBoolean()).isFalse();
        assertThat(updated.get("affectedRows").asLong()).isEqualTo(2);
        assertThat(deleted.get("affectedRows").asLong()).isEqualTo(3);
        List.of(created, inserted, updated, deleted).forEach(ok -> {
            assertThat(ok.get("affectedRows").isIntegralNumber()).as("%s", ok).isTrue();
            assertThat(ok.get("lastInsertId").isIntegralNumber()).as("%s", ok).isTrue();
            assertThat(ok.get("warnings").isIntegralNumber()).as("%s", ok).isTrue();
        });
    }

    @Test
    void okCarriesTheEnginesWarningCount() {
        // Given: the proxy's http port is set, so setting the https one too warns (9101, DESIGN.md I3)
        try {
            // When
            JsonNode ok = exec(client, "SET GLOBAL https_proxy_port = " + ProxyCnf.freePort());
            // Then
            assertThat(ok.get("warnings").asInt()).isEqualTo(1);
        } finally {
            exec(client, "SET GLOBAL https_proxy_port = 0");
        }
    }

    @Test
    void syntaxErrorEndsTheQueryWith1064AndTheSessionContinues() {
        // When
        QueryReply reply = query(client, "bad", "SELEC nope");
        // Then
        assertThat(reply.types()).containsExactly("error");
        assertError(reply.error(), 1064, "42000");
        assertThat(reply.error().get("id").asText()).isEqualTo("bad");
        assertThat(query(client, 2, "SELECT 2").onlyRow().get(0).asInt()).isEqualTo(2);
    }

    @Test
    void unknownTableEndsTheQueryWith1146AndTheSessionContinues() {
        QueryReply reply = query(client, 7, "SELECT * FROM no_such_table");
        assertError(reply.error(), 1146, "42S02");
        assertThat(reply.error().get("id").asInt()).isEqualTo(7);
        assertThat(query(client, 8, "SELECT 8").onlyRow().get(0).asInt()).isEqualTo(8);
    }

    @Test
    void errorInTheMiddleOfAMultiStatementQueryEndsIt() {
        // When
        QueryReply reply = query(client, "m", "SELECT 1; SELECT * FROM no_such_table; SELECT 3");
        // Then: the first result, then the error; the third statement never reports
        assertThat(reply.types()).containsExactly("columns", "rows", "end", "error");
        assertThat(reply.messages().get(2).get("more").asBoolean()).isTrue();
        assertError(reply.error(), 1146, "42S02");
        assertThat(query(client, "n", "SELECT 4").onlyRow().get(0).asInt()).isEqualTo(4);
    }

    @Test
    void largeResultSpansSeveralRowsMessagesAndEndCountsEveryRow() {
        int total = 100_000;
        // When
        QueryReply reply = query(client, "big", "SELECT X, 'some padding text' FROM SYSTEM_RANGE(1, " + total + ")");
        // Then
        long rowsMessages = reply.types().stream().filter("rows"::equals).count();
        assertThat(rowsMessages).isGreaterThan(1);
        assertThat(reply.rows().stream().map(r -> r.get(0).asLong()).toList())
                .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(reply.last().get("type").asText()).isEqualTo("end");
        assertThat(reply.last().get("rowCount").asLong()).isEqualTo(total);
        assertThat(reply.last().get("more").asBoolean()).isFalse();
    }

    @Test
    void sessionThatStopsReadingDoesNotHoldUpOthersAndGetsEveryRowLater() throws Exception {
        int total = 200_000;
        // Given: a client that reads nothing while a result of several MB is sent to it
        client.pause();
        client.send(Msg.query("stalled", "SELECT X, 'padding padding padding' FROM SYSTEM_RANGE(1, " + total + ")"));
        // When another session works meanwhile
        try (WsClient other = Sessions.root(node)) {
            assertThat(query(other, 1, "SELECT 'not blocked'").onlyRow().get(0).asText()).isEqualTo("not blocked");
        }
        client.resume();
        // Then
        QueryReply reply = QueryReply.read(client);
        assertThat(reply.rows().stream().map(r -> r.get(0).asLong()).toList())
                .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(reply.last().get("rowCount").asLong()).isEqualTo(total);
    }

    @Test
    void emptyResultIsColumnsThenEndWithRowCountZero() {
        QueryReply reply = query(client, 1, "SELECT X FROM SYSTEM_RANGE(1, 10) WHERE X > 100");
        assertThat(reply.types()).containsExactly("columns", "end");
        assertThat(reply.last().get("rowCount").asLong()).isZero();
    }

    @Test
    void pipelinedQueriesAreAnsweredInOrderEachComplete() {
        // When: three queries sent without waiting for any reply
        client.send(Msg.query("first", "SELECT X FROM SYSTEM_RANGE(1, 20000)"));
        client.send(Msg.query("second", "SELECT * FROM no_such_table"));
        client.send(Msg.query("third", "SELECT 3 AS three"));
        // Then
        QueryReply first = QueryReply.read(client);
        QueryReply second = QueryReply.read(client);
        QueryReply third = QueryReply.read(client);
        assertThat(first.messages()).allSatisfy(m -> assertThat(m.get("id").asText()).isEqualTo("first"));
        assertThat(first.last().get("type").asText()).isEqualTo("end");
        assertThat(first.rows()).hasSize(20000);
        assertThat(second.types()).containsExactly("error");
        assertThat(second.error().get("id").asText()).isEqualTo("second");
        assertThat(third.messages()).allSatisfy(m -> assertThat(m.get("id").asText()).isEqualTo("third"));
        assertThat(third.onlyRow().get(0).asInt()).isEqualTo(3);
    }

    @Test
    void pipelinedStatementsRunInOrderOnOneEngineSession() {
        // Given
        String db = Sessions.unique("order");
        exec(client, "CREATE DATABASE " + db);
        exec(client, "CREATE TABLE " + db + ".log (seq INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(5))");
        // When: writes and the read that depends on them, all sent at once
        for (String v : List.of("a", "b", "c")) {
            client.send(Msg.query(v, "INSERT INTO " + db + ".log (v) VALUES ('" + v + "')"));
        }
        client.send(Msg.query("read", "SELECT v FROM " + db + ".log ORDER BY seq"));
        // Then
        for (String v : List.of("a", "b", "c")) {
            QueryReply ok = QueryReply.read(client);
            assertThat(ok.types()).containsExactly("ok");
            assertThat(ok.last().get("id").asText()).isEqualTo(v);
        }
        assertThat(QueryReply.read(client).rows().stream().map(r -> r.get(0).asText()).toList())
                .containsExactly("a", "b", "c");
    }

    @Test
    void sessionStateSuchAsTheCurrentDatabasePersistsAcrossQueries() {
        String db = Sessions.unique("use");
        exec(client, "CREATE DATABASE " + db);
        exec(client, "USE " + db);
        assertThat(query(client, 1, "SELECT DATABASE()").onlyRow().get(0).asText()).isEqualToIgnoringCase(db);
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        client.send(Msg.ping());
        assertThat(client.next()).isEqualTo(json("{\"type\":\"pong\"}"));
    }
}
