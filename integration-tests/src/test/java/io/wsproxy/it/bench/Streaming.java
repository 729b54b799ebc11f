package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsproxy.it.bench.LoadGenerator.Args;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * B3: one large result read by one client, direct (Connector/J streaming) and via {@code /ws}.
 * The {@code /ws} warm-up stream runs between {@code # probe-start} and {@code # probe-end}
 * markers, for the suite's heap probes: their forced GCs in the proxy never disturb a measured run.
 */
final class Streaming {
    private Streaming() {
    }

    static ObjectNode run(Args a) throws Exception {
        String sql = a.get("sql");
        long expected = Long.parseLong(a.get("rows"));
        Map<String, SqlSession> sessions = new LinkedHashMap<>();
        try {
            for (String side : a.sides()) {
                sessions.put(side, SqlSession.open(a.get(side), a.get("user"), a.get("password"), true));
            }
            // Warm-up: one stream per side; the /ws one carries the suite's heap probes.
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            for (String side : a.sides()) {
                boolean probe = side.equals("ws") && Boolean.parseBoolean(a.get("probe", "false"));
                if (probe) {
                    LoadGenerator.mark("probe-start");
                }
                long nanos = stream(sessions.get(side), sql, expected);
                if (probe) {
                    LoadGenerator.mark("probe-end");
                    result.put("probeSeconds", nanos / 1e9);
                }
            }
            ArrayNode runs = JsonNodeFactory.instance.arrayNode();
            for (int r = 0; r < a.integer("runs", 3); r++) {
                for (String side : RoundTrips.order(a.sides(), r)) {
                    LoadGenerator.phaseStart(side);
                    long nanos = stream(sessions.get(side), sql, expected);
                    LoadGenerator.phaseEnd(side);
                    ObjectNode n = runs.addObject();
                    n.put("run", r);
                    n.put("side", side);
                    n.put("rows", expected);
                    n.put("seconds", nanos / 1e9);
                    n.put("rowsPerSec", Math.round(expected / (nanos / 1e9)));
                }
            }
            result.set("runs", runs);
            return result;
        } finally {
            sessions.values().forEach(SqlSession::close);
        }
    }

    private static long stream(SqlSession s, String sql, long expected) throws Exception {
        long t0 = System.nanoTime();
        long rows = s.query(sql);
        long nanos = System.nanoTime() - t0;
        if (rows != expected) {
            throw new IllegalStateException("read " + rows + " rows, expected " + expected);
        }
        return nanos;
    }
}
