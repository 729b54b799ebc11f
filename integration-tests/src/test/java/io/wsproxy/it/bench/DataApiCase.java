package io.wsproxy.it.bench;

import static io.wsproxy.it.bench.Bench.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B7: the Data API's {@code query/rows} with {@code SELECT 1} under wrk (Debian's package), next
 * to the same query over {@code /ws} on the same proxy at the same concurrency (the B2 load
 * generator, {@code /ws} side only). Sides alternate run by run.
 */
final class DataApiCase {
    static final String ID = "B7";
    static final String TITLE = "Data API query/rows SELECT 1 under wrk vs /ws";
    private static final int CONNECTIONS = 64;
    private static final int RUNS = 3;
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

    private DataApiCase() {
    }

    static CaseResult run(Bench b, URI proxy, String wsUri, String user, String password) throws Exception {
        Path lua = b.work().resolve("b7-post.lua");
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(lua, "wrk.method = \"POST\"\nwrk.body = '{\"sql\":\"SELECT 1\"}'\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"Authorization\"] = \"Basic " + basic + "\"\n");
        String url = proxy.resolve("/api/v2/query/rows").toString();
        wrk(lua, url, 2); // warm-up
        ArrayNode runs = JsonNodeFactory.instance.arrayNode();
        for (int r = 0; r < RUNS; r++) {
            for (String side : RoundTrips.order(new String[] {"wrk", "ws"}, r)) {
                if (side.equals("wrk")) {
                    runs.add(wrk(lua, url, 4).put("run", r).put("side", "wrk"));
                } else {
                    JsonNode ws = new LoadRun("throughput").arg("ws", wsUri).arg("user", user).arg("password", password)
                            .arg("sides", "ws").arg("sessions", CONNECTIONS).arg("warmupMs", 1000).arg("runMs", 4000)
                            .arg("runs", 1).run(b.out(), "b7-ws-" + r);
                    ObjectNode one = (ObjectNode) ws.get("runs").get(0);
                    runs.add(one.put("run", r).put("side", "ws"));
                }
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode().set("runs", runs);
        double ratio = Runs.median(result, "wrk", "opsPerSec") / Runs.median(result, "ws", "opsPerSec");
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("ratio", ratio);
        data.set("load", result);
        return new CaseResult(ID, TITLE, rate(result, "wrk"), rate(result, "ws") + " over /ws",
                format("%.2fx", ratio), "reported, no target yet", CaseResult.Verdict.PASS,
                "wrk -t2 -c" + CONNECTIONS + " -d4s with a POST body and Basic credentials (one engine user, so one pool"
                        + " of http_api_pool_capacity = 8 engine connections, each reset after every request) next to "
                        + CONNECTIONS + " /ws sessions in a closed loop (each its own engine connection); 3 runs per"
                        + " side, sides alternating. No target in BENCHMARKS.md: PASS means measured.", data);
    }

    private static ObjectNode wrk(Path lua, String url, int seconds) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency",
                    "-s", lua.toString(), url).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new java.io.IOException("wrk did not start: the bench needs Debian's package (apt-get install wrk)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        if (out.contains("Non-2xx or 3xx responses") || out.contains("Socket errors")) {
            throw new IllegalStateException("wrk saw failed requests: " + out);
        }
        return JsonNodeFactory.instance.objectNode().put("opsPerSec", number(RPS, out))
                .put("p50Us", micros(P50, out)).put("p99Us", micros(P99, out));
    }

    private static double number(Pattern p, String out) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in wrk's output: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double micros(Pattern p, String out) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in wrk's output: " + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v;
            case "ms" -> v * 1000;
            default -> v * 1_000_000;
        };
    }

    private static String rate(JsonNode r, String side) {
        return format("%,.0f requests/s (p50 %.0f µs, p99 %.0f µs)", Runs.median(r, side, "opsPerSec"),
                Runs.median(r, side, "p50Us"), Runs.median(r, side, "p99Us"));
    }
}
