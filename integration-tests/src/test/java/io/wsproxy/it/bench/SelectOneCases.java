package io.wsproxy.it.bench;

import static io.wsproxy.it.bench.Bench.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** B1, B2 and their MariaDB twins in B8: {@code SELECT 1} via {@code /ws} against a direct session. */
final class SelectOneCases {
    static final double LATENCY_TARGET = 1.3;
    static final double THROUGHPUT_TARGET = 0.7;

    /**
     * Where the two sides connect; the process that serves {@code /ws} (profiled); the engine's
     * process when it is another one (its CPU time counts too). A floor's second side is not the
     * proxy but {@link ByteRelay}: its ratio is reported, with no target.
     */
    record Sides(String direct, String ws, String user, String password, long proxyPid, String proxyName,
            String directLabel, Map<String, Long> engines, boolean floor) {
        Sides(String direct, String ws, String user, String password, long proxyPid, String proxyName,
                String directLabel, Map<String, Long> engines) {
            this(direct, ws, user, password, proxyPid, proxyName, directLabel, engines, false);
        }

        String target(String target) {
            return floor ? "reported: what one hop adds at least" : target;
        }

        CaseResult.Verdict verdict(boolean pass) {
            return floor ? CaseResult.Verdict.PASS : CaseResult.verdict(pass);
        }
    }

    private SelectOneCases() {
    }

    static CaseResult latency(Bench b, String id, String title, Sides s) throws Exception {
        CaseProfile.Recorded rec = CaseProfile.record(b, id, s.proxyPid(), s.proxyName(), s.engines(),
                load(new LoadRun("latency"), s).arg("warmupMs", 3000).arg("runMs", 2000).arg("runs", 3));
        JsonNode r = rec.result();
        double direct = Runs.median(r, "direct", "p50Us");
        double ws = Runs.median(r, "ws", "p50Us");
        double ratio = ws / direct;
        CaseResult result = new CaseResult(id, title, latencies(r, "ws"), latencies(r, "direct") + " " + s.directLabel(),
                format("%.2fx", ratio), s.target(format("p50 <= %.1fx direct", LATENCY_TARGET)),
                s.verdict(ratio <= LATENCY_TARGET),
                "1 session per side, closed loop, 3 s warm-up per side, then 3 runs of 2 s per side, sides alternating.",
                data(r, ratio));
        // Every latency case gets its census, pass or miss: it is the measure of the request path.
        String census = Syscalls.available() ? syscallCensus(b, id, s) : "";
        return b.settle(result, rec, census);
    }

    /** Syscalls per query of each side, counted by strace on a short unmeasured run of that side alone. */
    private static String syscallCensus(Bench b, String id, Sides s) throws Exception {
        Map<String, Long> direct = new LinkedHashMap<>(s.engines());
        Map<String, Long> ws = new LinkedHashMap<>();
        if (direct.isEmpty()) {
            direct.put(s.proxyName(), s.proxyPid()); // engine and proxy in one process
        }
        ws.put(s.proxyName(), s.proxyPid());
        ws.putAll(s.engines());
        return "syscall census (strace -f, 1.5 s per side, not measured):\n"
                + Syscalls.census(b.out(), slug(id) + "-direct", direct,
                        load(new LoadRun("latency"), s).arg("sides", "direct").arg("warmupMs", 0).arg("runMs", 1500)
                                .arg("runs", 1))
                + Syscalls.census(b.out(), slug(id) + "-ws", ws,
                        load(new LoadRun("latency"), s).arg("sides", "ws").arg("warmupMs", 0).arg("runMs", 1500)
                                .arg("runs", 1));
    }

    static CaseResult throughput(Bench b, String id, String title, Sides s) throws Exception {
        CaseProfile.Recorded rec = CaseProfile.record(b, id, s.proxyPid(), s.proxyName(), s.engines(),
                load(new LoadRun("throughput"), s).arg("sessions", 64).arg("warmupMs", 2500).arg("runMs", 3000)
                        .arg("runs", 3));
        JsonNode r = rec.result();
        double direct = Runs.median(r, "direct", "opsPerSec");
        double ws = Runs.median(r, "ws", "opsPerSec");
        double ratio = ws / direct;
        CaseResult result = new CaseResult(id, title, rate(r, "ws"), rate(r, "direct") + " " + s.directLabel(),
                format("%.2fx", ratio), s.target(format("throughput >= %.1fx direct", THROUGHPUT_TARGET)),
                s.verdict(ratio >= THROUGHPUT_TARGET),
                "64 sessions per side, each on its own thread in a closed loop; 2.5 s warm-up per side, then 3 runs"
                        + " of 3 s per side, sides alternating; load generator, proxy and engine share the 2 cores.",
                data(r, ratio));
        return b.settle(result, rec, "");
    }

    /**
     * Brings a fresh proxy's JIT up to speed before its first measured case: on 2 shared cores the
     * compilers lag, and a cold proxy would be measured with its compiler threads running.
     */
    static void warmUp(Bench b, String name, Sides s) throws Exception {
        load(new LoadRun("throughput"), s).arg("sides", "ws").arg("sessions", 16).arg("warmupMs", 0)
                .arg("runMs", 6000).arg("runs", 1).run(b.out(), "jit-warmup-" + name);
    }

    private static LoadRun load(LoadRun run, Sides s) {
        return run.arg("direct", s.direct()).arg("ws", s.ws()).arg("user", s.user()).arg("password", s.password());
    }

    private static String latencies(JsonNode r, String side) {
        return format("p50 %.0f µs, p99 %.0f µs, p99.9 %.0f µs", Runs.median(r, side, "p50Us"),
                Runs.median(r, side, "p99Us"), Runs.median(r, side, "p999Us"));
    }

    private static String rate(JsonNode r, String side) {
        return format("%,.0f queries/s (p50 %.0f µs, p99 %.0f µs)", Runs.median(r, side, "opsPerSec"),
                Runs.median(r, side, "p50Us"), Runs.median(r, side, "p99Us"));
    }

    private static ObjectNode data(JsonNode r, double ratio) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("ratio", ratio);
        n.set("load", r);
        return n;
    }

    static String slug(String id) {
        return id.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
    }
}
