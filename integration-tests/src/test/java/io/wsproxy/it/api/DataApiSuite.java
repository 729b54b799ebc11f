package io.wsproxy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.wsproxy.it.api.HttpClients.Call;
import io.wsproxy.it.api.HttpClients.Reply;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md section 2, the Data API, against an engine-sim node whose proxy has
 * {@code http_api = ON}: every endpoint and every error status, driven by one real HTTP client
 * per subclass (the JDK's HttpClient, curl).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DataApiSuite {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "api-root-pw";
    static final String DB = "apidb";

    EngineNode node;
    HttpClients.Client http;

    abstract HttpClients.Client client(Path scratch);

    @BeforeAll
    void startNodeWithTheDataApi(@TempDir Path dir) throws Exception {
        node = ProxyCnf.http().with("http_api", "ON").start(dir.resolve("node"), PASSWORD);
        http = client(dir);
        exec("CREATE DATABASE " + DB, null);
        exec("CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
                + " price DECIMAL(8,2), big BIGINT, made DATE, raw VARBINARY(8))", DB);
        exec("INSERT INTO items (name, price, big, made, raw) VALUES"
                + " ('apple', 1.25, 9007199254740993, '2024-02-29', X'00FF'), ('pear', NULL, NULL, NULL, NULL)", DB);
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    URI url(String path) {
        return node.proxyUrl().resolve(path);
    }

    Reply post(String path, String json) throws Exception {
        return http.send(Call.postJson(url(path), "root", PASSWORD, json));
    }

    JsonNode ok(String path, String json) throws Exception {
        Reply r = post(path, json);
        assertThat(r.status()).as("%s %s -> %s", path, json, r.body()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    void exec(String sql, String database) throws Exception {
        ok("/api/v2/exec", body(sql, database));
    }

    static String body(String sql, String database) throws Exception {
        return database == null ? "{\"sql\":" + JSON.writeValueAsString(sql) + "}"
                : "{\"sql\":" + JSON.writeValueAsString(sql) + ",\"database\":\"" + database + "\"}";
    }

    static void assertError(Reply reply, int status, String body) {
        assertThat(reply.status()).as("body %s", reply.body()).isEqualTo(status);
        assertThat(reply.header("content-type")).startsWith("text/plain");
        assertThat(reply.body()).isEqualTo(body);
    }

    // ---- the endpoints ----

    @Test
    void pingAnswersPongWithoutCredentials() throws Exception {
        Reply r = http.send(Call.get(url("/ping"), null, null));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("pong");
    }

    @Test
    void queryRowsGivesEachRowAsAnObjectKeyedByColumnNameWithTheWsValueMapping() throws Exception {
        JsonNode reply = ok("/api/v2/query/rows", "{\"sql\":\"SELECT id, name, price, big, made, raw FROM items"
                + " ORDER BY id\",\"database\":\"" + DB + "\"}");

        assertThat(reply).isEqualTo(JSON.readTree("""
                {"results":[{"rows":[
                  {"id":1,"name":"apple","price":"1.25","big":9007199254740993,"made":"2024-02-29","raw":"AP8="},
                  {"id":2,"name":"pear","price":null,"big":null,"made":null,"raw":null}]}]}"""));
        assertThat(reply.at("/results/0/rows/0/big").bigIntegerValue()).as("BIGINT digits kept exactly")
                .hasToString("9007199254740993");
    }

    @Test
    void queryTuplesGivesTheColumnsOnceAndEachRowAsAnArray() throws Exception {
        JsonNode reply = ok("/api/v2/query/tuples", "{\"sql\":\"SELECT id, name, price FROM items WHERE id = ?\","
                + "\"args\":[1],\"database\":\"" + DB + "\"}");

        assertThat(reply).isEqualTo(JSON.readTree("""
                {"results":[{"columns":[{"name":"id","dataType":"INT","nullable":false},
                  {"name":"name","dataType":"VARCHAR","nullable":false},
                  {"name":"price","dataType":"DECIMAL","nullable":true}],
                 "rows":[[1,"apple","1.25"]]}]}"""));
    }

    @Test
    void argsAreBoundAsLiteralsSoAQuoteInAValueStaysData() throws Exception {
        JsonNode reply = ok("/api/v2/query/rows", "{\"sql\":\"SELECT ? AS s, ? AS n, ? AS b, ? AS z, '?' AS q\","
                + "\"args\":[\"it's'; DROP TABLE items; --\", -2.5, true, null]}");

        assertThat(reply.at("/results/0/rows/0")).isEqualTo(JSON.readTree(
                "{\"s\":\"it's'; DROP TABLE items; --\",\"n\":\"-2.5\",\"b\":1,\"z\":null,\"q\":\"?\"}"));
        assertThat(ok("/api/v2/query/rows", body("SELECT COUNT(*) AS c FROM items", DB)).at("/results/0/rows/0/c")
                .asInt()).isEqualTo(2);
    }

    @Test
    void aStatementPerResultSetAndStatementsWithoutRowsLeaveNoEntry() throws Exception {
        JsonNode reply = ok("/api/v2/query/tuples", body("SELECT 1 AS a; SET @x = 1; SELECT 'b' AS b, 2 AS c", null));

        assertThat(reply.get("results")).hasSize(2);
        assertThat(reply.at("/results/0/rows").toString()).isEqualTo("[[1]]");
        assertThat(reply.at("/results/1/rows").toString()).isEqualTo("[[\"b\",2]]");
        assertThat(reply.at("/results/1/columns/1/name").asText()).isEqualTo("c");
    }

    @Test
    void execReportsRowsAffectedAndTheLastInsertId() throws Exception {
        exec("CREATE TABLE counters (id INT AUTO_INCREMENT PRIMARY KEY, v INT)", DB);

        JsonNode insert = ok("/api/v2/exec", "{\"sql\":\"INSERT INTO counters (v) VALUES (?)\",\"args\":[7],"
                + "\"database\":\"" + DB + "\"}");
        JsonNode several = ok("/api/v2/exec", body("INSERT INTO counters (v) VALUES (8); INSERT INTO counters (v)"
                + " VALUES (9); UPDATE counters SET v = v + 1", DB));

        assertThat(insert).isEqualTo(JSON.readTree("{\"lastInsertId\":1,\"rowsAffected\":1}"));
        assertThat(several.get("rowsAffected").asInt()).as("1 + 1 + 3 rows").isEqualTo(5);
        assertThat(several.get("lastInsertId").asInt()).as("the last statement that reported one").isEqualTo(3);
    }

    @Test
    void v1IsAnAliasOfEveryV2Endpoint() throws Exception {
        assertThat(ok("/api/v1/query/rows", body("SELECT 1 AS one", null)).toString())
                .isEqualTo("{\"results\":[{\"rows\":[{\"one\":1}]}]}");
        assertThat(ok("/api/v1/query/tuples", body("SELECT 1 AS one", null)).at("/results/0/rows").toString())
                .isEqualTo("[[1]]");
        assertThat(ok("/api/v1/exec", body("SET @x = 1", null)).get("rowsAffected").asInt()).isZero();
        assertThat(http.send(Call.get(url("/api/v1/spec"), "root", PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void specIsAValidOpenApi3DocumentOfTheEndpoints() throws Exception {
        Reply r = http.send(Call.get(url("/api/v2/spec"), "root", PASSWORD));
        assertThat(r.status()).isEqualTo(200);

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, null);

        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/ping", "/api/v2/query/rows",
                "/api/v2/query/tuples", "/api/v2/exec", "/api/v2/spec");
        assertThat(parsed.getOpenAPI().getComponents().getSchemas()).containsKeys("QueryInput", "QueryOutput",
                "StreamOutput", "ExecOutput", "QueryOutputError", "Column");
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes().get("BasicAuth").getScheme())
                .isEqualTo("basic");
    }

    @Test
    void theBodysDatabaseIsWhereTheStatementsRunAndItDoesNotStick() throws Exception {
        assertThat(ok("/api/v2/query/rows", body("SELECT COUNT(*) AS c FROM items", DB)).at("/results/0/rows/0/c")
                .asInt()).isEqualTo(2);

        // The same pooled connection, without a database: unqualified names resolve nowhere again.
        assertError(post("/api/v2/query/rows", body("SELECT DATABASE() AS d, COUNT(*) FROM items", null)),
                400, "Error 1046: No database selected");
        assertThat(ok("/api/v2/query/rows", body("SELECT DATABASE() AS d", null)).at("/results/0/rows/0/d").isNull())
                .isTrue();
    }

    @Test
    void aUseInOneRequestNeverBecomesTheNextOnesDatabase() throws Exception {
        for (int i = 0; i < 10; i++) {
            ok("/api/v2/query/rows", body("USE " + DB + "; SELECT 1 AS x", null));
            JsonNode row = ok("/api/v2/query/rows", body("SELECT DATABASE() AS d", null)).at("/results/0/rows/0");

            assertThat(row.get("d").isNull()).as("round %d: %s", i, row).isTrue();
        }
    }

    @Test
    void aFailedDatabaseChoiceLeavesNoTrace() throws Exception {
        for (int i = 0; i < 10; i++) {
            ok("/api/v2/query/rows", body("SELECT 1 AS x", DB));
            assertError(post("/api/v2/query/rows", body("SELECT DATABASE() AS d", "nodb")), 400,
                    "Error 1049: Unknown database 'nodb'");
        }
    }

    @Test
    void sessionStateNeverOutlivesARequest() throws Exception {
        long id = ok("/api/v2/query/rows", body("SET @secret = 'left over'; SELECT CONNECTION_ID() AS id", null))
                .at("/results/0/rows/0/id").asLong();

        // The pool hands connections on in no fixed order: ask until that one comes round again.
        JsonNode again = null;
        for (int i = 0; i < 200 && again == null; i++) {
            JsonNode row = ok("/api/v2/query/rows", body("SELECT @secret AS s, CONNECTION_ID() AS id", null))
                    .at("/results/0/rows/0");
            assertThat(row.get("s").isNull()).as("user variable seen by a later request: %s", row).isTrue();
            again = row.get("id").asLong() == id ? row : null;
        }
        assertThat(again).as("connection %d was never lent again", id).isNotNull();
    }

    @Test
    void aLargeResultStreamsInChunks() throws Exception {
        Reply r = post("/api/v2/query/tuples", body("SELECT X, REPEAT('x', 100) AS pad FROM SYSTEM_RANGE(1, 5000)", null));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(r.header("content-length")).isNull();
        JsonNode rows = JSON.readTree(r.body()).at("/results/0/rows");
        assertThat(rows).hasSize(5000);
        assertThat(rows.get(4999).get(0).asInt()).isEqualTo(5000);
    }

    @Test
    void anErrorAfterStreamingBeganEndsTheBodyWithAnErrorMember() throws Exception {
        Reply r = post("/api/v2/query/rows", body("SELECT X AS n, REPEAT('x', 100) AS pad FROM SYSTEM_RANGE(1, 3000);"
                + " SELECT * FROM nope", DB));

        assertThat(r.status()).isEqualTo(200);
        JsonNode reply = JSON.readTree(r.body());
        assertThat(reply.at("/results/0/rows")).hasSize(3000);
        assertThat(reply.get("error")).isEqualTo(JSON.readTree(
                "{\"code\":1146,\"message\":\"Table 'apidb.nope' doesn't exist\"}"));
    }

    // ---- the errors ----

    @Test
    void aMissingTableIs400WithExactlyTheEnginesError1146() throws Exception {
        assertError(post("/api/v2/query/rows", body("SELECT * FROM nope", DB)), 400,
                "Error 1146: Table 'apidb.nope' doesn't exist");
    }

    @Test
    void aSyntaxErrorIs400With1064() throws Exception {
        Reply r = post("/api/v2/query/tuples", body("SELEC 1", null));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).startsWith("Error 1064: ");
    }

    @Test
    void anUnknownDatabaseIs400With1049() throws Exception {
        assertError(post("/api/v2/exec", body("SELECT 1", "nodb")), 400, "Error 1049: Unknown database 'nodb'");
    }

    @Test
    void malformedBodiesAre400With9110() throws Exception {
        assertError(post("/api/v2/query/rows", "{\"sql\":"), 400,
                "Error 9110: unparseable JSON: Unexpected end-of-input within/between Object entries (line 1, column 8)");
        assertError(post("/api/v2/query/rows", "{\"database\":\"x\"}"), 400, "Error 9110: missing field \"sql\"");
        assertError(post("/api/v2/exec", "[1]"), 400, "Error 9110: the body must be a JSON object, got an array");
        assertError(post("/api/v2/exec", "{\"sql\":\"SELECT ?\",\"args\":[{}]}"), 400,
                "Error 9110: args[0] must be null, a boolean, a number or a string, got an object");
    }

    @Test
    void anArgsCountMismatchIs400With1210() throws Exception {
        assertError(post("/api/v2/query/rows", "{\"sql\":\"SELECT ?, ?\",\"args\":[1]}"), 400,
                "Error 1210: Incorrect arguments to EXECUTE (2 placeholders, 1 arg)");
    }

    @Test
    void noCredentialsIs401AskingForBasic() throws Exception {
        Reply r = http.send(new Call("POST", url("/api/v2/query/rows"), null, null, "application/json",
                body("SELECT 1", null).getBytes(StandardCharsets.UTF_8)));

        assertError(r, 401, "Error 1045: Basic credentials of an engine user are required");
        assertThat(r.header("www-authenticate")).startsWith("Basic realm=");
        assertThat(http.send(Call.get(url("/api/v2/spec"), null, null)).status()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIs401WithTheEnginesRefusal() throws Exception {
        Reply r = http.send(Call.postJson(url("/api/v2/query/rows"), "root", "wrong", body("SELECT 1", null)));

        assertError(r, 401, "Error 1045: Access denied for user 'root'@'127.0.0.1' (using password: YES)");
        assertThat(r.header("www-authenticate")).startsWith("Basic realm=");
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws Exception {
        String sql = "SELECT '" + "x".repeat(1024 * 1024) + "'";

        Reply r = post("/api/v2/query/rows", body(sql, null));

        assertError(r, 413, "Error 1153: the request body is larger than 1048576 bytes");
        assertThat(ok("/api/v2/query/rows", body("SELECT 1 AS still", null)).toString()).contains("still");
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        Reply r = http.send(new Call("POST", url("/api/v2/exec"), "root", PASSWORD, "text/plain",
                body("SELECT 1", null).getBytes(StandardCharsets.UTF_8)));

        assertError(r, 415, "Error 9110: the request body must be application/json, not 'text/plain'");
    }

    @Test
    void aWrongMethodIs405NamingTheRightOne() throws Exception {
        Reply r = http.send(Call.get(url("/api/v2/query/rows"), "root", PASSWORD));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("allow")).isEqualTo("POST");
    }
}
