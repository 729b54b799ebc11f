package io.wsproxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.ws.MalformedRowException;
import io.wsproxy.ws.ResultColumn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("id", ColumnType.LONG, ColumnFlags.NOT_NULL, 63),
            new ResultColumn("na\"me", ColumnType.VAR_STRING, 0, 45));

    /** A text-protocol row of short values (null: SQL NULL). */
    private static void row(ResultJson json, String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            if (v == null) {
                out.write(0xFB);
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        byte[] row = out.toByteArray();
        json.row(row, 0, row.length);
    }

    private static String text(ResultJson json) {
        return new String(json.take().toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void rowsAreObjectsKeyedByEscapedColumnNames() throws Exception {
        ResultJson json = new ResultJson(ResultJson.Shape.ROWS, 1 << 16);
        json.columns(COLUMNS);
        row(json, "1", "a");
        row(json, "2", null);
        json.resultEnd();
        json.finish();

        assertThat(JSON.readTree(text(json))).isEqualTo(JSON.readTree(
                "{\"results\":[{\"rows\":[{\"id\":1,\"na\\\"me\":\"a\"},{\"id\":2,\"na\\\"me\":null}]}]}"));
    }

    @Test
    void tuplesGiveColumnsOnceAndArraysPerResultSet() throws Exception {
        ResultJson json = new ResultJson(ResultJson.Shape.TUPLES, 1 << 16);
        json.columns(COLUMNS);
        row(json, "1", "a");
        json.resultEnd();
        json.columns(COLUMNS.subList(0, 1));
        json.resultEnd();
        json.finish();

        assertThat(JSON.readTree(text(json))).isEqualTo(JSON.readTree("{\"results\":["
                + "{\"columns\":[{\"name\":\"id\",\"dataType\":\"INT\",\"nullable\":false},"
                + "{\"name\":\"na\\\"me\",\"dataType\":\"VARCHAR\",\"nullable\":true}],\"rows\":[[1,\"a\"]]},"
                + "{\"columns\":[{\"name\":\"id\",\"dataType\":\"INT\",\"nullable\":false}],\"rows\":[]}]}"));
    }

    @Test
    void execAddsUpRowsAndKeepsTheLastInsertId() throws Exception {
        ResultJson json = new ResultJson(ResultJson.Shape.EXEC, 1 << 16);
        json.ok(new OkPacket(2, 7, 0, 0, ""));
        json.columns(COLUMNS); // a result set in exec is not returned
        row(json, "1", "a");
        json.resultEnd();
        json.ok(new OkPacket(3, 0, 0, 0, ""));
        json.finish();

        assertThat(text(json)).isEqualTo("{\"lastInsertId\":7,\"rowsAffected\":5}");
    }

    @Test
    void anErrorMidResultClosesTheDocumentWithAnErrorMember() throws Exception {
        ResultJson json = new ResultJson(ResultJson.Shape.TUPLES, 1 << 16);
        json.columns(COLUMNS);
        row(json, "1", "a");
        String sent = text(json); // this part went to the client already

        json.finishWithError(1317, "Query execution was \"interrupted\"");

        assertThat(JSON.readTree(sent + text(json)).get("error")).isEqualTo(JSON.readTree(
                "{\"code\":1317,\"message\":\"Query execution was \\\"interrupted\\\"\"}"));
    }

    @Test
    void aMalformedRowLeavesTheDocumentValid() throws Exception {
        ResultJson json = new ResultJson(ResultJson.Shape.ROWS, 1 << 16);
        json.columns(COLUMNS);
        row(json, "1", "a");
        byte[] bad = {5, 'x'};

        assertThatThrownBy(() -> json.row(bad, 0, bad.length)).isInstanceOf(MalformedRowException.class);
        json.finishWithError(2027, "malformed row");

        assertThat(JSON.readTree(text(json)).at("/results/0/rows")).hasSize(1);
    }

    @Test
    void chunksAreReadyPastTheThresholdAndTakeStartsAfresh() {
        ResultJson json = new ResultJson(ResultJson.Shape.TUPLES, 64);
        json.columns(COLUMNS);
        while (!json.chunkReady()) {
            row(json, "1", "a");
        }

        assertThat(json.take().size()).isGreaterThanOrEqualTo(64);
        assertThat(json.chunkReady()).isFalse();
    }
}
