package io.wsproxy.it.bench;

import static io.wsproxy.it.bench.Bench.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B3: 1,000,000 rows of ~100 bytes to one client, through the standalone proxy on engine-sim's
 * Unix socket, against Connector/J streaming the same result over TCP; and the proxy's live heap
 * (a full GC, then the heap's used size) while it streams, against the same figure idle.
 */
final class StreamCase {
    static final String SQL = "SELECT X, REPEAT('x', 90) FROM SYSTEM_RANGE(1, 1000000)";
    static final long ROWS = 1_000_000;
    static final double RATE_TARGET = 0.6;
    static final long HEAP_TARGET = 64L << 20;

    private StreamCase() {
    }

    static CaseResult run(Bench b, String jdbcUrl, String user, String password, Path engineSocket, long nodePid) throws Exception {
        try (StandaloneProxy proxy = StandaloneProxy.start(b.work().resolve("proxy-b3"), engineSocket);
                Jmx jmx = Jmx.attach(proxy.pid())) {
            long idle = jmx.liveHeap();
            HeapProbe probe = new HeapProbe(jmx);
            CaseProfile.Recorded rec = CaseProfile.record(b, "B3", proxy.pid(), "proxy", java.util.Map.of("node", nodePid),
                    load(jdbcUrl, proxy, user, password).arg("runs", 3).arg("probe", true)
                            .onMarker((marker, child) -> {
                                if (marker.equals("probe-start")) {
                                    probe.start();
                                } else if (marker.equals("probe-end")) {
                                    probe.stop();
                                }
                            }).timeout(300));
            JsonNode r = rec.result();
            double direct = Runs.median(r, "direct", "rowsPerSec");
            double ws = Runs.median(r, "ws", "rowsPerSec");
            double ratio = ws / direct;
            long growth = probe.maxUsed() - idle;
            boolean pass = ratio >= RATE_TARGET && growth < HEAP_TARGET && probe.samples() > 0;
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("ratio", ratio);
            data.put("heapIdleBytes", idle);
            data.put("heapMaxStreamingBytes", probe.maxUsed());
            data.put("heapGrowthBytes", growth);
            data.put("heapSamples", probe.samples());
            data.set("load", r);
            CaseResult result = new CaseResult("B3", "stream 1,000,000 rows x ~100 B to one client",
                    format("%,.0f rows/s (%.1f s); proxy heap growth %.1f MiB", ws, ROWS / ws, growth / 1048576.0),
                    format("%,.0f rows/s (%.1f s) Connector/J streaming, TCP", direct, ROWS / direct),
                    format("%.2fx", ratio), format("rows/s >= %.1fx direct; heap growth < 64 MiB", RATE_TARGET),
                    CaseResult.verdict(pass),
                    format("`%s` on engine-sim; standalone proxy on its Unix socket. Both clients read every value."
                            + " 1 warm-up stream per side, then 3 measured per side, alternating. Heap growth: live heap"
                            + " (full GC, then used heap, over JMX) at %d points, 200 ms apart, of the /ws warm-up stream, max minus idle"
                            + " (%.1f MiB).", SQL, probe.samples(), idle / 1048576.0),
                    data);
            return b.settle(result, rec, "");
        }
    }

    private static LoadRun load(String jdbcUrl, StandaloneProxy proxy, String user, String password) {
        return new LoadRun("stream").arg("direct", jdbcUrl).arg("ws", proxy.wsUri()).arg("user", user)
                .arg("password", password).arg("sql", SQL).arg("rows", ROWS);
    }

    /** Samples the live heap every {@link #INTERVAL_MS} on a thread of its own while the probe stream runs. */
    private static final class HeapProbe {
        private static final long INTERVAL_MS = 200;
        private final Jmx jmx;
        private final AtomicLong max = new AtomicLong();
        private volatile int samples;
        private volatile boolean running;
        private Thread thread;

        HeapProbe(Jmx jmx) {
            this.jmx = jmx;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    long used = jmx.liveHeap();
                    if (running) {
                        max.accumulateAndGet(used, Math::max);
                        samples++;
                    }
                    try {
                        Thread.sleep(INTERVAL_MS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-probe");
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long maxUsed() {
            return max.get();
        }

        int samples() {
            return samples;
        }
    }
}
