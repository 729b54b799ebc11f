package io.wsproxy.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMessagesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    @Test
    void readyAsInProtocolExample() throws Exception {
        // When
        String json = ServerMessages.ready(7, "8.0.35-wsproxy", null);

        // Then
        assertThat(tree(json)).isEqualTo(tree(
                "{\"type\":\"ready\",\"connectionId\":7,\"serverVersion\":\"8.0.35-wsproxy\",\"database\":null}"));
        assertThat(json).isEqualTo(
                "{\"type\":\"ready\",\"connectionId\":7,\"serverVersion\":\"8.0.35-wsproxy\",\"database\":null}");
    }

    @Test
    void readyWithDatabase() throws Exception {
        // When
        String json = ServerMessages.ready(1, "v", "shop");

        // Then
        assertThat(tree(json).get("database").textValue()).isEqualTo("shop");
    }

    @Test
    void columnsAsInProtocolExample() throws Exception {
        // When
        String json = ServerMessages.columns(1L, List.of(
                new ColumnInfo("a", "BIGINT", false), new ColumnInfo("b", "VARCHAR", false)));

        // Then
        assertThat(tree(json)).isEqualTo(tree("{\"type\":\"columns\",\"id\":1,\"columns\":[{\"name\":\"a\",\"type\":\"BIGINT\","
                + "\"nullable\":false},{\"name\":\"b\",\"type\":\"VARCHAR\",\"nullable\":false}]}"));
    }

    @Test
    void columnNamesAreEscaped() throws Exception {
        // When
        String json = ServerMessages.columns("q", List.of(new ColumnInfo("a\"b\n", "INT", true)));

        // Then
        assertThat(tree(json).get("columns").get(0).get("name").textValue()).isEqualTo("a\"b\n");
    }

    @Test
    void rowsAroundEncodedRows() throws Exception {
        // When
        String json = ServerMessages.rows(1L, "[[1,\"x\"]]");

        // Then
        assertThat(json).isEqualTo("{\"type\":\"rows\",\"id\":1,\"rows\":[[1,\"x\"]]}");
    }

    @Test
    void endAsInProtocolExample() throws Exception {
        // When
        String json = ServerMessages.end(1L, 1, true);

        // Then
        assertThat(json).isEqualTo("{\"type\":\"end\",\"id\":1,\"rowCount\":1,\"more\":true}");
    }

    @Test
    void okAsInProtocolExample() throws Exception {
        // When
        String json = ServerMessages.ok(1L, 0, 0, 0, false);

        // Then
        assertThat(tree(json)).isEqualTo(tree(
                "{\"type\":\"ok\",\"id\":1,\"affectedRows\":0,\"lastInsertId\":0,\"warnings\":0,\"more\":false}"));
    }

    @Test
    void okWritesUnsigned64BitCountsAsUnsigned() throws Exception {
        // When
        String json = ServerMessages.ok("i", -1L, Long.MIN_VALUE, 2, true);

        // Then
        JsonNode ok = tree(json);
        assertThat(ok.get("affectedRows").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(ok.get("lastInsertId").bigIntegerValue()).isEqualTo(new BigInteger("9223372036854775808"));
    }

    @Test
    void errorWithId() throws Exception {
        // When
        String json = ServerMessages.error(3L, 1146, "42S02", "Table 'db.t' doesn't exist");

        // Then
        assertThat(tree(json)).isEqualTo(tree("{\"type\":\"error\",\"id\":3,\"code\":1146,\"sqlState\":\"42S02\","
                + "\"message\":\"Table 'db.t' doesn't exist\"}"));
    }

    @Test
    void sessionLevelErrorHasNoIdField() throws Exception {
        // When
        String json = ServerMessages.error(null, 1045, "28000", "Access denied");

        // Then
        assertThat(tree(json)).isEqualTo(tree(
                "{\"type\":\"error\",\"code\":1045,\"sqlState\":\"28000\",\"message\":\"Access denied\"}"));
    }

    @Test
    void pong() throws Exception {
        // When
        String json = ServerMessages.pong();

        // Then
        assertThat(json).isEqualTo("{\"type\":\"pong\"}");
    }

    @Test
    void stringIdStaysAString() throws Exception {
        // When
        String json = ServerMessages.end("42", 0, false);

        // Then
        assertThat(tree(json).get("id").isTextual()).isTrue();
        assertThat(json).contains("\"id\":\"42\"");
    }

    @Test
    void numericIdsKeepTheirDigits() {
        // When / Then
        assertThat(ServerMessages.idJson(9007199254740993L)).isEqualTo("9007199254740993");
        assertThat(ServerMessages.idJson(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
        assertThat(ServerMessages.idJson(new BigDecimal("2.50"))).isEqualTo("2.50");
    }

    @Test
    void unsupportedIdTypeIsRefused() {
        // When / Then
        assertThatThrownBy(() -> ServerMessages.idJson(List.of(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsAreEscapedExactlyAsJacksonWritesThem() throws Exception {
        // Given: every control character, quotes, backslashes, non-ASCII, a surrogate pair
        StringBuilder tricky = new StringBuilder("a\"b\\c/é \uD83D\uDE00");
        for (char c = 0; c < 0x20; c++) {
            tricky.append(c);
        }
        String text = tricky.toString();

        // When
        String error = ServerMessages.error("id " + text, 1064, "42000", text);
        String columns = ServerMessages.columns(new BigDecimal("1E+3"), List.of(new ColumnInfo(text, "TEXT", true)));

        // Then: byte for byte what Jackson's generator writes for the same fields
        com.fasterxml.jackson.databind.node.ObjectNode expectedError = MAPPER.createObjectNode().put("type", "error")
                .put("id", "id " + text).put("code", 1064).put("sqlState", "42000").put("message", text);
        assertThat(error).isEqualTo(MAPPER.writeValueAsString(expectedError));
        com.fasterxml.jackson.databind.node.ObjectNode expectedColumns = MAPPER.createObjectNode().put("type", "columns")
                .put("id", new BigDecimal("1E+3"));
        expectedColumns.putArray("columns").addObject().put("name", text).put("type", "TEXT").put("nullable", true);
        assertThat(columns).isEqualTo(MAPPER.writeValueAsString(expectedColumns));
    }
}
