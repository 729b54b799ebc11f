package io.wsproxy.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.NodeJs;
import io.wsproxy.it.support.ProxyCnf;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SingleStore's own generated client, {@code @singlestore/http-client} from npm, works against the
 * Data API unchanged (PROTOCOL.md section 2): its models read our replies, and its errors carry
 * our plain-text body. The script is {@code src/test/node/singlestore-http-client.js}.
 */
class SingleStoreHttpClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static EngineNode node;
    static Map<String, JsonNode> steps = new LinkedHashMap<>();

    @BeforeAll
    static void runTheClientAgainstTheDataApi() throws Exception {
        node = ProxyCnf.http().with("http_api", "ON").start(dir.resolve("node"), "s2-pw");
        NodeJs.Run run = NodeJs.run("singlestore-http-client.js", 120, node.proxyUrl().toString(), "root", "s2-pw",
                "s2db");
        for (String line : run.stdout()) {
            JsonNode step = JSON.readTree(line);
            steps.put(step.get("step").asText(), step);
        }
        assertThat(run.exitCode()).as("client script: %s %s", run.stdout(), run.stderr()).isZero();
        assertThat(steps).containsKey("done");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static JsonNode result(String step) {
        JsonNode s = steps.get(step);
        assertThat(s.has("error")).as("%s failed: %s", step, s).isFalse();
        return s.get("result");
    }

    @Test
    void pingAndExecGoThrough() {
        assertThat(result("ping").asText()).isEqualTo("pong");
        assertThat(result("insert").toString()).isEqualTo("{\"lastInsertId\":1,\"rowsAffected\":1}");
    }

    @Test
    void itsModelsReadRowsAndTuples() throws Exception {
        assertThat(result("rows")).isEqualTo(JSON.readTree(
                "{\"results\":[{\"rows\":[{\"id\":1,\"name\":\"tea\",\"price\":\"2.50\"}]}]}"));
        assertThat(result("tuples")).isEqualTo(JSON.readTree("{\"results\":[{\"rows\":[[1,\"tea\"]],\"columns\":["
                + "{\"name\":\"id\",\"dataType\":\"INT\",\"nullable\":false},"
                + "{\"name\":\"name\",\"dataType\":\"VARCHAR\",\"nullable\":true}]}]}"));
    }

    @Test
    void aSqlErrorReachesItAs400WithThePlainTextBody() {
        JsonNode error = steps.get("missing").get("error");

        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("text").asText()).isEqualTo("Error 1146: Table 's2db.nope' doesn't exist");
    }

    @Test
    void itReadsTheSpecAsText() {
        assertThat(result("spec").asText()).isEqualTo("3.0.3");
    }
}
