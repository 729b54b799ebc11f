package io.wsproxy.it.prepared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.NodeJs;
import io.wsproxy.it.support.ProxyCnf;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node's mysql2 {@code execute()} on the node directly: it prepares on the server, binds JS values
 * in the binary protocol (numbers as DOUBLE, booleans as TINY, Dates as DATETIME, Buffers as BLOB,
 * objects as JSON) and reads binary rows back into JS types. The script
 * ({@code src/test/node/mysql2-execute.js}) reports each step as a JSON line; this test checks them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Mysql2ExecuteIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    EngineNode node;
    Map<String, JsonNode> steps = new LinkedHashMap<>();

    /** The script's first two arguments: where mysql2 connects (the node's TCP port). */
    List<String> target() {
        return List.of("127.0.0.1", Integer.toString(node.port()));
    }

    @BeforeAll
    void runTheScriptAgainstANode(@TempDir Path dir) throws Exception {
        // With its proxy: a subclass runs the script through the /mysql tunnel.
        node = ProxyCnf.http().start(dir.resolve("node"), "mysql2-pw");
        NodeJs.Run run = NodeJs.run("mysql2-execute.js", 120, target().get(0), target().get(1), "root",
                "mysql2-pw", "mysql2db");
        for (String line : run.stdout()) {
            JsonNode step = JSON.readTree(line);
            steps.put(step.get("step").asText(), step);
        }
        assertThat(run.exitCode()).as("mysql2 script: %s %s", run.stdout(), run.stderr()).isZero();
        assertThat(steps).as("every step ran").containsKey("done");
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private JsonNode result(String step) {
        JsonNode s = steps.get(step);
        assertThat(s.has("error")).as("%s failed: %s", step, s).isFalse();
        return s.get("result");
    }

    @Test
    void executeInsertsJsValuesOfEveryKind() {
        assertThat(result("insert").get("affectedRows").asInt()).isEqualTo(1);
        assertThat(result("insertAgain").get("affectedRows").asInt()).isEqualTo(1);
    }

    @Test
    void binaryRowsComeBackAsJsTypes() throws Exception {
        JsonNode select = result("select");
        JsonNode row = select.get("rows").get(0);
        assertThat(row).isEqualTo(JSON.readTree("""
                {"id":1,"n":1.5,"big":"9007199254740993","d":"12.34","s":"it's ☃","flag":1,
                 "ts":{"date":"2024-02-29T13:14:15.250Z"},"dt":{"date":"2024-02-29T00:00:00.000Z"},
                 "b":{"buffer":"0001feff"},"j":{"k":[1,"two",null]},"missing":null}"""));
        // LONG, DOUBLE, LONGLONG, NEWDECIMAL, VAR_STRING, TINY, DATETIME, DATE, BLOB, JSON, LONG
        assertThat(select.get("types").toString()).isEqualTo("[3,5,8,246,253,1,12,10,252,245,3]");
    }

    @Test
    void nullsComeBackAsNull() {
        JsonNode row = result("selectNulls").get(0);
        assertThat(row.get("n").asDouble()).isEqualTo(-0.25);
        assertThat(row.get("big").asLong()).isEqualTo(7);
        for (String column : new String[] {"d", "s", "ts", "dt", "b", "j", "missing"}) {
            assertThat(row.get(column).isNull()).as(column).isTrue();
        }
    }

    @Test
    void theCachedStatementReExecutesWithEachRunsValues() {
        assertThat(result("reexecute").toString())
                .isEqualTo("[{\"id\":2,\"s\":null},{\"id\":1,\"s\":\"it's ☃\"},{\"id\":2,\"s\":null}]");
    }

    @Test
    void aBareParameterTakesTheBoundValuesType() {
        assertThat(result("bareParameter").toString()).isEqualTo("[{\"x\":42,\"y\":\"text\"}]");
    }

    @Test
    void anExecuteErrorCarriesTheEnginesCode() {
        JsonNode error = steps.get("duplicate").get("error");
        assertThat(error.get("errno").asInt()).isEqualTo(1062);
        assertThat(error.get("sqlState").asText()).isEqualTo("23000");
    }

    @Test
    void aRolledBackUpdateThroughExecuteLeavesNoTrace() {
        assertThat(result("transaction").toString()).isEqualTo("[{\"s\":null}]");
    }

    @Test
    void anExplicitlyPreparedStatementRunsAndCloses() {
        assertThat(result("unprepare").toString()).isEqualTo("[{\"c\":2}]");
    }

    @Test
    void resetForgetsUserVariablesAndKeepsTheDatabase() {
        assertThat(result("reset").toString()).isEqualTo("[{\"v\":null,\"db\":\"mysql2db\"}]");
    }
}
