package io.wsproxy.it.bench;

import static io.wsproxy.it.bench.Bench.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * B5: same-port {@code RESTART PROXY} on the node's own proxy while 64 {@code /ws} sessions run
 * queries and fresh sessions keep arriving.
 */
final class RestartCase {
    static final double P99_TARGET_MS = 200;
    private static final int RESTARTS_PER_RUN = 20;

    private RestartCase() {
    }

    static CaseResult run(Bench b, URI ws, String jdbcUrl, String user, String password, long nodePid) throws Exception {
        CaseProfile.Recorded rec = CaseProfile.record(b, "B5", nodePid, "node", java.util.Map.of(),
                load(ws, jdbcUrl, user, password).arg("runs", 3).arg("warmupMs", 2000));
        JsonNode r = rec.result();
        long failed = Runs.sum(r, "failedQueries");
        long refused = Runs.sum(r, "refusedConnections");
        double p50 = Runs.median(r, null, "restart.p50Us") / 1000;
        double p99 = Runs.median(r, null, "restart.p99Us") / 1000;
        double max = Runs.median(r, null, "restart.maxUs") / 1000;
        boolean pass = failed == 0 && refused == 0 && p99 < P99_TARGET_MS;
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("failedQueries", failed);
        data.put("refusedConnections", refused);
        data.put("restartP99Ms", p99);
        data.set("load", r);
        CaseResult result = new CaseResult("B5", "same-port RESTART PROXY under load (64 sessions)",
                format("%d failed of %,d queries; %d refused of %,d new sessions; RESTART p50 %.0f ms, p99 %.0f ms",
                        failed, Runs.sum(r, "queries"), refused, Runs.sum(r, "connects") + refused, p50, p99),
                "—", "—", format("0 failed, 0 refused; restart p99 < %.0f ms", P99_TARGET_MS), CaseResult.verdict(pass),
                format("engine-sim's own proxy; 64 sessions loop on SELECT 1, one more thread opens, queries and"
                        + " closes fresh sessions back to back; %d RESTART PROXY (root, Connector/J) 150 ms apart per"
                        + " run, 3 runs after 2 s of load; p99 is the median of the runs' p99 (max of run: %.0f ms)."
                        + " Failures and refusals are totals over all runs%s.", RESTARTS_PER_RUN, max,
                        r.path("failureReasons").isEmpty() ? "" : "; reasons: " + r.get("failureReasons")),
                data);
        return b.settle(result, rec, "");
    }

    private static LoadRun load(URI ws, String jdbcUrl, String user, String password) {
        return new LoadRun("restart").arg("ws", ws).arg("jdbc", jdbcUrl).arg("user", user).arg("password", password)
                .arg("sessions", 64).arg("restarts", RESTARTS_PER_RUN).arg("intervalMs", 150);
    }
}
