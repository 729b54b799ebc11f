package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertError;
import static io.wsproxy.it.ws.Sessions.exec;
import static io.wsproxy.it.ws.Sessions.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.MariaDbCli;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.QueryReply;
import io.wsproxy.it.support.WsClient;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md section 1, "Values in rows": one column per MySQL type, one row of values and one
 * of NULLs. The {@code type} a column reports is the engine's column definition: where
 * engine-sim's H2 stores a declared type as another, the expected type says so.
 */
class ValuesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A column: its DDL type, the SQL literal inserted, the JSON expected in rows, the type in columns. */
    record Col(String name, String ddl, String literal, String json, String type) {
    }

    static final List<Col> COLUMNS = List.of(
            new Col("ti", "TINYINT", "-128", "-128", "TINYINT"),
            new Col("si", "SMALLINT", "-32768", "-32768", "SMALLINT"),
            new Col("mi", "MEDIUMINT", "-8388608", "-8388608", "INT"), // H2: INTEGER
            new Col("i", "INT", "-2147483648", "-2147483648", "INT"),
            new Col("bi", "BIGINT", "-9223372036854775808", "-9223372036854775808", "BIGINT"),
            // H2 has no unsigned types: BIGINT UNSIGNED is BIGINT, so 2^64-1 cannot be stored
            new Col("bu", "BIGINT UNSIGNED", "9223372036854775807", "9223372036854775807", "BIGINT"),
            new Col("y", "YEAR", "2024", "2024", "SMALLINT"), // H2: SMALLINT
            new Col("r", "REAL", "1.5", "1.5", "FLOAT"), // H2's REAL is the 4-byte float
            new Col("f", "FLOAT", "0.25", "0.25", "DOUBLE"), // H2: FLOAT is DOUBLE PRECISION
            new Col("d", "DOUBLE", "-1.5E300", "-1.5E300", "DOUBLE"),
            new Col("de", "DECIMAL(20,6)", "12345678901234.123456", "\"12345678901234.123456\"", "DECIMAL"),
            new Col("c", "CHAR(5)", "'ab'", "\"ab\"", "CHAR"),
            new Col("vc", "VARCHAR(20)", "'héllo 😀'", "\"héllo 😀\"", "VARCHAR"),
            new Col("tx", "TEXT", "'some text'", "\"some text\"", "VARCHAR"), // H2: CHARACTER LARGE OBJECT, sent as VARCHAR
            new Col("e", "ENUM('a','b')", "'b'", "\"b\"", "ENUM"),
            new Col("j", "JSON", "'{\"k\":[1,2.5,null,\"s\"]}' FORMAT JSON", "{\"k\":[1,2.5,null,\"s\"]}", "JSON"),
            new Col("dt", "DATE", "'2024-02-29'", "\"2024-02-29\"", "DATE"),
            new Col("tm", "TIME", "'13:14:15'", "\"13:14:15\"", "TIME"),
            new Col("dtm", "DATETIME", "'2024-02-29 13:14:15'", null, "DATETIME"),
            new Col("ts", "TIMESTAMP", "'2024-02-29 13:14:15'", null, "DATETIME"), // H2: TIMESTAMP is DATETIME
            new Col("bn", "BINARY(3)", "X'010203'", "\"AQID\"", "BINARY"),
            new Col("vb", "VARBINARY(10)", "X'FF00'", "\"/wA=\"", "VARBINARY"),
            new Col("bl", "BLOB", "X'DEADBEEF'", "\"3q2+7w==\"", "BLOB"),
            new Col("bt", "BIT(8)", "TRUE", "1", "TINYINT")); // H2: BIT is BOOLEAN, sent as TINYINT(1)

    @TempDir
    static Path dir;
    static EngineNode node;
    static String db;

    @BeforeAll
    static void startNodeWithATableOfEveryType() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), "values-root-pw");
        db = Sessions.unique("vals");
        String ddl = COLUMNS.stream().map(c -> c.name() + " " + c.ddl()).collect(Collectors.joining(", "));
        String values = COLUMNS.stream().map(Col::literal).collect(Collectors.joining(", "));
        String nulls = COLUMNS.stream().map(c -> "NULL").collect(Collectors.joining(", "));
        try (WsClient admin = Sessions.root(node)) {
            exec(admin, "CREATE DATABASE " + db);
            exec(admin, "CREATE TABLE " + db + ".every_type (k INT PRIMARY KEY, " + ddl + ")");
            exec(admin, "INSERT INTO " + db + ".every_type VALUES (1, " + values + "), (2, " + nulls + ")");
        }
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static String columnList() {
        return COLUMNS.stream().map(Col::name).collect(Collectors.joining(", "));
    }

    private static QueryReply selectEveryType(WsClient client) {
        return query(client, "v", "SELECT " + columnList() + " FROM " + db + ".every_type ORDER BY k");
    }

    @Test
    void columnsNameEveryColumnWithTheEnginesType() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            JsonNode columns = selectEveryType(client).first("columns").get("columns");
            assertThat(columns).hasSize(COLUMNS.size());
            for (int i = 0; i < COLUMNS.size(); i++) {
                Col c = COLUMNS.get(i);
                assertThat(columns.get(i).get("name").asText()).isEqualTo(c.name());
                assertThat(columns.get(i).get("type").asText()).as("type of %s %s", c.name(), c.ddl()).isEqualTo(c.type());
                assertThat(columns.get(i).get("nullable").asBoolean()).as("%s", c.name()).isTrue();
            }
        }
    }

    @Test
    void everyTypeMapsToItsJsonKind() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            JsonNode row = selectEveryType(client).rows().get(0);
            assertThat(row).hasSize(COLUMNS.size());
            for (int i = 0; i < COLUMNS.size(); i++) {
                Col c = COLUMNS.get(i);
                if (c.json() != null) {
                    assertThat(row.get(i)).as("%s %s", c.name(), c.ddl()).isEqualTo(JSON.readTree(c.json()));
                }
            }
        }
    }

    @Test
    void integersKeepTheEnginesExactDigits() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            JsonNode row = selectEveryType(client).rows().get(0);
            for (String name : List.of("ti", "si", "mi", "i", "bi", "bu", "y")) {
                int i = indexOf(name);
                assertThat(row.get(i).isIntegralNumber()).as("%s: %s", name, row.get(i)).isTrue();
                assertThat(row.get(i).asText()).as(name).isEqualTo(COLUMNS.get(i).literal());
            }
        }
    }

    @Test
    void floatingPointColumnsAreNumbers() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            JsonNode row = selectEveryType(client).rows().get(0);
            for (String name : List.of("r", "f", "d")) {
                int i = indexOf(name);
                assertThat(row.get(i).isNumber()).as("%s: %s", name, row.get(i)).isTrue();
                assertThat(row.get(i).asDouble()).as(name).isEqualTo(Double.parseDouble(COLUMNS.get(i).literal()));
            }
        }
    }

    @Test
    void temporalValuesAreStringsExactlyAsTheEnginePrintsThem() throws Exception {
        // Given: the engine's own text for the same row, read by a real client that prints it raw
        List<String> names = List.of("dt", "tm", "dtm", "ts");
        MariaDbCli.Result cli = MariaDbCli.run(withRaw(MariaDbCli.tcp(node, "root", node.rootPassword())),
                "SELECT " + String.join(", ", names) + " FROM " + db + ".every_type WHERE k = 1");
        assertThat(cli.exitCode()).as(cli.stderr()).isZero();
        List<String> engineText = List.of(cli.stdout().strip().split("\t"));
        try (WsClient client = Sessions.root(node)) {
            // When
            JsonNode row = selectEveryType(client).rows().get(0);
            // Then
            for (int n = 0; n < names.size(); n++) {
                JsonNode value = row.get(indexOf(names.get(n)));
                assertThat(value.isTextual()).as("%s: %s", names.get(n), value).isTrue();
                assertThat(value.asText()).as(names.get(n)).isEqualTo(engineText.get(n));
            }
            assertThat(row.get(indexOf("dtm")).asText()).startsWith("2024-02-29 13:14:15");
        }
    }

    private static List<String> withRaw(List<String> args) {
        args.add("--raw");
        return args;
    }

    @Test
    void nullOfEveryTypeIsJsonNull() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            JsonNode row = selectEveryType(client).rows().get(1);
            assertThat(row).hasSize(COLUMNS.size());
            row.forEach(v -> assertThat(v.isNull()).as("%s", row).isTrue());
        }
    }

    @Test
    void jsonColumnValuesAreInlineWhateverTheirKind() throws Exception {
        // Given
        List<String> documents = List.of("{\"a\":{\"b\":[true,false]}}", "[1,\"x\",null]", "\"just a string\"",
                "-12.5", "true", "null");
        try (WsClient client = Sessions.root(node)) {
            exec(client, "CREATE TABLE " + db + ".docs (k INT PRIMARY KEY, j JSON)");
            for (int k = 0; k < documents.size(); k++) {
                // literals, not args: this test is about the JSON type, not about escaping
                exec(client, "INSERT INTO " + db + ".docs VALUES (" + k + ", '" + documents.get(k) + "' FORMAT JSON)");
            }
            // When
            List<JsonNode> rows = query(client, "sel", "SELECT j FROM " + db + ".docs ORDER BY k").rows();
            // Then
            assertThat(rows).hasSize(documents.size());
            for (int k = 0; k < documents.size(); k++) {
                assertThat(rows.get(k).get(0)).as(documents.get(k)).isEqualTo(JSON.readTree(documents.get(k)));
            }
        }
    }

    @Test
    void everyByteValueSurvivesBase64() throws Exception {
        // Given
        byte[] all = new byte[256];
        IntStream.range(0, 256).forEach(b -> all[b] = (byte) b);
        try (WsClient client = Sessions.root(node)) {
            exec(client, "CREATE TABLE " + db + ".bytes (k INT PRIMARY KEY, b VARBINARY(256), e VARBINARY(4))");
            exec(client, "INSERT INTO " + db + ".bytes VALUES (1, X'" + HexFormat.of().formatHex(all) + "', X'')");
            // When
            JsonNode row = query(client, "sel", "SELECT b, e FROM " + db + ".bytes").onlyRow();
            // Then
            assertThat(Base64.getDecoder().decode(row.get(0).asText())).isEqualTo(all);
            assertThat(row.get(1).isTextual()).as("an empty binary value is \"\", not null: %s", row).isTrue();
            assertThat(row.get(1).asText()).isEmpty();
        }
    }

    @Test
    void emptyStringIsNotNull() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            JsonNode row = query(client, 1, "SELECT ''").onlyRow();
            assertThat(row.get(0).isTextual()).as("%s", row).isTrue();
            assertThat(row.get(0).asText()).isEmpty();
        }
    }

    @Test
    void bigintOptionStringSendsBigintValuesAsExactStrings() throws Exception {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // Given
            client.send(Msg.authBigintAsString("root", node.rootPassword()));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
            // When
            List<JsonNode> rows = selectEveryType(client).rows();
            // Then
            JsonNode values = rows.get(0);
            assertThat(values.get(indexOf("bi"))).isEqualTo(JSON.readTree("\"-9223372036854775808\""));
            assertThat(values.get(indexOf("bu"))).isEqualTo(JSON.readTree("\"9223372036854775807\""));
            assertThat(values.get(indexOf("i"))).as("INT stays a number").isEqualTo(JSON.readTree("-2147483648"));
            assertThat(values.get(indexOf("de"))).isEqualTo(JSON.readTree("\"12345678901234.123456\""));
            assertThat(rows.get(1).get(indexOf("bi")).isNull()).as("NULL stays null").isTrue();
            JsonNode count = query(client, 1, "SELECT COUNT(*) FROM " + db + ".every_type").onlyRow().get(0);
            assertThat(count).as("COUNT(*) is a BIGINT").isEqualTo(JSON.readTree("\"2\""));
        }
    }

    @Test
    void withoutTheOptionBigintValuesAreNumbers() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            JsonNode count = query(client, 1, "SELECT COUNT(*) FROM " + db + ".every_type").onlyRow().get(0);
            assertThat(count).isEqualTo(JSON.readTree("2"));
        }
    }

    /** SET is in PROTOCOL.md's table, but the engine cannot store it: its mapping is untested here. */
    @Test
    void setColumnsAreRefusedByTheEngineWithItsOwnError() throws Exception {
        try (WsClient client = Sessions.root(node)) {
            QueryReply reply = query(client, "set", "CREATE TABLE " + db + ".sets (s SET('x','y'))");
            assertError(reply.error(), 1105, "HY000");
            assertThat(reply.error().get("message").asText()).contains("SET");
        }
    }

    private static int indexOf(String name) {
        return IntStream.range(0, COLUMNS.size()).filter(i -> COLUMNS.get(i).name().equals(name)).findFirst()
                .orElseThrow();
    }
}
