package io.wsproxy.it.bench;

import static io.wsproxy.it.bench.Bench.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsproxy.it.support.NodeJs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * B6: the raw driver tunnel {@code /mysql} next to websockify (Debian's package) in front of the
 * same engine's TCP port, the same mysql2 workload through both ({@code src/test/node/bench-tunnel.js}:
 * one connection, SELECT 1 in a closed loop, then a bulk read). Each run is a Node process of its
 * own; sides alternate run by run.
 */
final class TunnelCase {
    static final String ID = "B6";
    static final String TITLE = "raw tunnel /mysql vs websockify (mysql2: SELECT 1, bulk rows)";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RUNS = 3;
    private static final int BULK_ROWS = 200_000;

    private TunnelCase() {
    }

    static CaseResult run(Bench b, URI proxy, int enginePort, String user, String password) throws Exception {
        NodeJs.installed();
        int port = StandaloneProxy.freePort();
        Path log = b.out().resolve("b6-websockify.log");
        Process websockify;
        try {
            websockify = new ProcessBuilder("websockify", "127.0.0.1:" + port, "127.0.0.1:" + enginePort)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("websockify did not start: the bench needs Debian's package (apt-get install websockify)", e);
        }
        try {
            awaitListening(port, websockify);
            String tunnel = "ws://" + proxy.getAuthority() + "/mysql";
            String bridge = "ws://127.0.0.1:" + port + "/";
            for (String url : List.of(tunnel, bridge)) {
                mysql2(url, user, password, 2000, 1000, 20_000); // warm-up: JITs, websockify's first fork
            }
            ArrayNode runs = JsonNodeFactory.instance.arrayNode();
            for (int r = 0; r < RUNS; r++) {
                for (String side : RoundTrips.order(new String[] {"tunnel", "websockify"}, r)) {
                    ObjectNode run = (ObjectNode) mysql2(side.equals("tunnel") ? tunnel : bridge, user, password, 1000,
                            3000, BULK_ROWS);
                    runs.add(run.put("run", r).put("side", side));
                }
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode().set("runs", runs);
            double bulk = Runs.median(result, "tunnel", "bulkRowsPerSec") / Runs.median(result, "websockify", "bulkRowsPerSec");
            double p50 = Runs.median(result, "tunnel", "p50Us") / Runs.median(result, "websockify", "p50Us");
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("bulkRatio", bulk).put("p50Ratio", p50);
            data.set("load", result);
            return new CaseResult(ID, TITLE, side(result, "tunnel"), side(result, "websockify") + " (websockify "
                    + version() + ")", format("bulk %.2fx, p50 %.2fx", bulk, p50), ">= 2x websockify throughput, p50 <= 0.5x",
                    CaseResult.verdict(bulk >= 2 && p50 <= 0.5),
                    "Node's mysql2 over a WebSocket stream (ws), one connection per run: 1 s warm-up, 3 s of SELECT 1,"
                            + " then one read of " + format("%,d", BULK_ROWS) + " rows of ~100 bytes; 3 runs per side,"
                            + " sides alternating, each run a Node process. Both bridges reach the same engine-sim node:"
                            + " /mysql through the proxy's engine socket, websockify through its TCP port. The client,"
                            + " both bridges and the engine share the 2 cores.", data);
        } finally {
            websockify.destroy();
        }
    }

    private static JsonNode mysql2(String url, String user, String password, int warmupMs, int runMs, int rows)
            throws Exception {
        NodeJs.Run run = NodeJs.run("bench-tunnel.js", 180, url, user, password, Integer.toString(warmupMs),
                Integer.toString(runMs), Integer.toString(rows));
        if (run.exitCode() != 0 || run.stdout().isEmpty()) {
            throw new IllegalStateException("bench-tunnel.js " + url + " exited " + run.exitCode() + ": " + run.stderr());
        }
        return JSON.readTree(run.stdout().get(run.stdout().size() - 1));
    }

    private static String side(JsonNode r, String side) {
        return format("SELECT 1 p50 %.0f µs, p99 %.0f µs (%,.0f/s); bulk %,.0f rows/s", Runs.median(r, side, "p50Us"),
                Runs.median(r, side, "p99Us"), Runs.median(r, side, "queriesPerSec"),
                Runs.median(r, side, "bulkRowsPerSec"));
    }

    private static void awaitListening(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("websockify exited with " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100); // polling, bounded by the deadline
            }
        }
        throw new IOException("websockify did not listen on " + port);
    }

    private static String version() {
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "websockify").start();
            String v = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 && !v.isEmpty() ? v : "?";
        } catch (Exception e) {
            return "?";
        }
    }
}
