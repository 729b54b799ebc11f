package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertError;
import static io.wsproxy.it.ws.Sessions.exec;
import static io.wsproxy.it.ws.Sessions.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.QueryReply;
import io.wsproxy.it.support.WsClient;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PROTOCOL.md section 1, {@code query.args}: each {@code ?} placeholder becomes its arg as a
 * safely escaped literal. Values are written into a table and read back: what comes back must be
 * exactly what was sent, and nothing else may have run.
 */
class ArgsIT {
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    static Path dir;
    static EngineNode node;
    static String db;
    WsClient client;

    @BeforeAll
    static void startNodeWithTables() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), "args-root-pw");
        db = Sessions.unique("args");
        try (WsClient admin = Sessions.root(node)) {
            exec(admin, "CREATE DATABASE " + db);
            exec(admin, "CREATE TABLE " + db + ".strs (id INT PRIMARY KEY, s VARCHAR(200))");
            exec(admin, "CREATE TABLE " + db + ".nums (id INT PRIMARY KEY, b BIGINT, d DECIMAL(30,6), f DOUBLE, t BOOLEAN)");
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
        client = Sessions.root(node, db);
    }

    @AfterEach
    void closeSession() {
        client.close();
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("single quotes", "it's 'quoted'"),
                Arguments.of("double quotes", "say \"hi\""),
                Arguments.of("backslashes", "C:\\path\\to\\file"),
                Arguments.of("trailing backslash", "ends with \\"),
                Arguments.of("backslash before quote", "\\' OR 1=1 -- "),
                Arguments.of("NUL", "nul\0byte"),
                Arguments.of("newlines and tab", "line\nfeed\r\nand\ttab"),
                Arguments.of("Ctrl-Z", "ctrl\u001az"),
                Arguments.of("unicode", "é 中文 Ω 𝄞 😀"),
                Arguments.of("empty", ""),
                Arguments.of("question mark", "what? ?"),
                Arguments.of("injection attempt", "x'); DROP TABLE strs; -- "),
                Arguments.of("comment starters", "/* # -- */"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strings")
    void stringArgIsStoredAndReadBackExactly(String name, String value) {
        int id = IDS.incrementAndGet();
        // When
        QueryReply inserted = query(client, "ins", "INSERT INTO strs (id, s) VALUES (?, ?)", id, value);
        // Then
        assertThat(inserted.types()).as("%s", inserted).containsExactly("ok");
        assertThat(inserted.last().get("affectedRows").asLong()).isEqualTo(1);
        JsonNode row = query(client, "sel", "SELECT s FROM strs WHERE id = ?", id).onlyRow();
        assertThat(row.get(0).isTextual()).as("%s", row).isTrue();
        assertThat(row.get(0).asText()).isEqualTo(value);
        assertThat(query(client, "all", "SELECT COUNT(*) FROM strs WHERE id = " + id).onlyRow().get(0).asLong())
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strings")
    void stringArgIsSelectedBackExactly(String name, String value) {
        JsonNode row = query(client, "sel", "SELECT ? AS v", value).onlyRow();
        assertThat(row.get(0).asText()).isEqualTo(value);
    }

    @Test
    void nullArgIsSqlNull() {
        int id = IDS.incrementAndGet();
        // When
        query(client, "ins", "INSERT INTO strs (id, s) VALUES (?, ?)", id, null);
        // Then
        JsonNode row = query(client, "sel", "SELECT s, s IS NULL FROM strs WHERE id = ?", id).onlyRow();
        assertThat(row.get(0).isNull()).as("%s", row).isTrue();
        assertThat(row.get(1).asInt()).isEqualTo(1);
    }

    static Stream<Arguments> integers() {
        return Stream.of(Arguments.of(0L), Arguments.of(42L), Arguments.of(-7L),
                Arguments.of(Long.MAX_VALUE), Arguments.of(Long.MIN_VALUE));
    }

    @ParameterizedTest
    @MethodSource("integers")
    void integerArgIsStoredExactly(long value) {
        int id = IDS.incrementAndGet();
        query(client, "ins", "INSERT INTO nums (id, b) VALUES (?, ?)", id, value);
        JsonNode b = query(client, "sel", "SELECT b FROM nums WHERE id = ?", id).onlyRow().get(0);
        assertThat(b.isIntegralNumber()).as("%s", b).isTrue();
        assertThat(b.asText()).isEqualTo(Long.toString(value));
    }

    @Test
    void decimalArgsKeepEveryDigit() {
        int id = IDS.incrementAndGet();
        query(client, "ins", "INSERT INTO nums (id, d) VALUES (?, ?)", id, new BigDecimal("12345678901234.123456"));
        int big = IDS.incrementAndGet();
        query(client, "ins", "INSERT INTO nums (id, d) VALUES (?, ?)", big, new BigInteger("18446744073709551615"));
        int small = IDS.incrementAndGet();
        query(client, "ins", "INSERT INTO nums (id, d) VALUES (?, ?)", small, new BigDecimal("-0.000001"));
        // Then: DECIMAL comes back as an exact string (PROTOCOL.md, values)
        assertThat(query(client, "s", "SELECT d FROM nums WHERE id = ?", id).onlyRow().get(0).asText())
                .isEqualTo("12345678901234.123456");
        assertThat(query(client, "s", "SELECT d FROM nums WHERE id = ?", big).onlyRow().get(0).asText())
                .isEqualTo("18446744073709551615.000000");
        assertThat(query(client, "s", "SELECT d FROM nums WHERE id = ?", small).onlyRow().get(0).asText())
                .isEqualTo("-0.000001");
    }

    @Test
    void floatingPointArgsAreStoredAsTheirValue() {
        int id = IDS.incrementAndGet();
        query(client, "ins", "INSERT INTO nums (id, f) VALUES (?, ?)", id, 3.14159);
        int tiny = IDS.incrementAndGet();
        query(client, "ins", "INSERT INTO nums (id, f) VALUES (?, ?)", tiny, -2.5e-10);
        assertThat(query(client, "s", "SELECT f FROM nums WHERE id = ?", id).onlyRow().get(0).asDouble())
                .isEqualTo(3.14159);
        assertThat(query(client, "s", "SELECT f FROM nums WHERE id = ?", tiny).onlyRow().get(0).asDouble())
                .isEqualTo(-2.5e-10);
    }

    @Test
    void booleanArgsAreTrueAndFalse() {
        int yes = IDS.incrementAndGet();
        int no = IDS.incrementAndGet();
        query(client, "ins", "INSERT INTO nums (id, t) VALUES (?, ?), (?, ?)", yes, true, no, false);
        assertThat(query(client, "s", "SELECT COUNT(*) FROM nums WHERE id = ? AND t", yes).onlyRow().get(0).asInt())
                .isEqualTo(1);
        assertThat(query(client, "s", "SELECT COUNT(*) FROM nums WHERE id = ? AND NOT t", no).onlyRow().get(0).asInt())
                .isEqualTo(1);
    }

    @Test
    void negativeArgAfterAMinusIsSubtractedNotACommentStart() {
        assertThat(query(client, 1, "SELECT 10-?", -5).onlyRow().get(0).asInt()).isEqualTo(15);
    }

    @Test
    void questionMarksInsideLiteralsAndCommentsAreNotPlaceholders() {
        // When
        JsonNode row = query(client, 1, "SELECT '?' AS lit, ? /* not ? here */ AS arg, 'it''s ?' AS quoted", "x")
                .onlyRow();
        // Then
        assertThat(row.get(0).asText()).isEqualTo("?");
        assertThat(row.get(1).asText()).isEqualTo("x");
        assertThat(row.get(2).asText()).isEqualTo("it's ?");
    }

    @Test
    void questionMarkInsideAnArgIsNotBoundAgain() {
        JsonNode row = query(client, 1, "SELECT ?, ?", "a?", "b").onlyRow();
        assertThat(row.get(0).asText()).isEqualTo("a?");
        assertThat(row.get(1).asText()).isEqualTo("b");
    }

    @Test
    void fewerArgsThanPlaceholdersIsError1210AndTheSessionContinues() {
        // When
        QueryReply reply = query(client, "few", "SELECT ?, ?", 1);
        // Then
        assertThat(reply.types()).containsExactly("error");
        assertError(reply.error(), 1210, "HY000");
        assertThat(reply.error().get("id").asText()).isEqualTo("few");
        assertThat(query(client, 2, "SELECT 2").onlyRow().get(0).asInt()).isEqualTo(2);
    }

    @Test
    void moreArgsThanPlaceholdersIsError1210() {
        QueryReply reply = query(client, "many", "SELECT ?", 1, 2);
        assertError(reply.error(), 1210, "HY000");
        assertThat(reply.error().get("id").asText()).isEqualTo("many");
    }

    @Test
    void anArgForAQuestionMarkInALiteralIsACountMismatch() {
        QueryReply reply = query(client, "lit", "SELECT '?'", "x");
        assertError(reply.error(), 1210, "HY000");
    }

    @Test
    void aMismatchRunsNothing() {
        int id = IDS.incrementAndGet();
        // When
        QueryReply reply = query(client, "m", "INSERT INTO strs (id, s) VALUES (?, ?)", id);
        // Then
        assertError(reply.error(), 1210, "HY000");
        assertThat(query(client, "c", "SELECT COUNT(*) FROM strs WHERE id = " + id).onlyRow().get(0).asInt()).isZero();
    }
}
