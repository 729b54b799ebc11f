package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsproxy.it.bench.LoadGenerator.Args;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * B1, B2, B8: one statement (default {@code SELECT 1}) in a closed loop, direct and via
 * {@code /ws}, sides alternating run by run so both see the same minute of a noisy machine.
 */
final class RoundTrips {
    private RoundTrips() {
    }

    /** One session per side; latency of each round trip. */
    static ObjectNode latency(Args a) throws Exception {
        String sql = a.get("sql", "SELECT 1");
        Map<String, SqlSession> sessions = open(a);
        try {
            for (String side : a.sides()) {
                loop(sessions.get(side), sql, a.integer("warmupMs", 2000), null);
            }
            ArrayNode runs = JsonNodeFactory.instance.arrayNode();
            for (int r = 0; r < a.integer("runs", 3); r++) {
                for (String side : order(a.sides(), r)) {
                    Histogram h = Latencies.histogram();
                    LoadGenerator.phaseStart(side);
                    long start = System.nanoTime();
                    loop(sessions.get(side), sql, a.integer("runMs", 2000), h);
                    long nanos = System.nanoTime() - start;
                    LoadGenerator.phaseEnd(side);
                    runs.add(run(r, side, h.getTotalCount(), nanos, h));
                }
            }
            return JsonNodeFactory.instance.objectNode().set("runs", runs);
        } finally {
            sessions.values().forEach(SqlSession::close);
        }
    }

    /** {@code sessions} per side, each on its own thread, as fast as replies come. */
    static ObjectNode throughput(Args a) throws Exception {
        String sql = a.get("sql", "SELECT 1");
        int n = a.integer("sessions", 64);
        Map<String, List<SqlSession>> pools = new LinkedHashMap<>();
        try {
            for (String side : a.sides()) {
                List<SqlSession> pool = new ArrayList<>();
                pools.put(side, pool);
                for (int i = 0; i < n; i++) {
                    pool.add(SqlSession.open(a.get(side), a.get("user"), a.get("password"), false));
                }
            }
            for (String side : a.sides()) {
                phase(pools.get(side), sql, a.integer("warmupMs", 2000));
            }
            ArrayNode runs = JsonNodeFactory.instance.arrayNode();
            for (int r = 0; r < a.integer("runs", 3); r++) {
                for (String side : order(a.sides(), r)) {
                    LoadGenerator.phaseStart(side);
                    Phase p = phase(pools.get(side), sql, a.integer("runMs", 3000));
                    LoadGenerator.phaseEnd(side);
                    runs.add(run(r, side, p.ops, p.nanos, p.latency));
                }
            }
            return JsonNodeFactory.instance.objectNode().set("runs", runs);
        } finally {
            pools.values().forEach(pool -> pool.forEach(SqlSession::close));
        }
    }

    private static Map<String, SqlSession> open(Args a) throws Exception {
        Map<String, SqlSession> sessions = new LinkedHashMap<>();
        for (String side : a.sides()) {
            sessions.put(side, SqlSession.open(a.get(side), a.get("user"), a.get("password"), false));
        }
        return sessions;
    }

    private static void loop(SqlSession s, String sql, long millis, Histogram h) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000L;
        if (s instanceof WsClient ws) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            chain(ws, sql, end, h, done);
            done.get(millis + 60_000, TimeUnit.MILLISECONDS);
            return;
        }
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            s.query(sql);
            if (h != null) {
                Latencies.record(h, t0);
            }
        }
    }

    /**
     * The closed loop of a {@code /ws} session, driven from its reply callbacks as a browser's
     * would be: no thread waits for a reply, so none has to be woken for it.
     */
    private static void chain(WsClient ws, String sql, long end, Histogram h, CompletableFuture<Void> done) {
        long t0 = System.nanoTime();
        ws.queryAsync(sql).whenComplete((rows, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
                return;
            }
            if (h != null) {
                Latencies.record(h, t0);
            }
            if (System.nanoTime() < end) {
                chain(ws, sql, end, h, done);
            } else {
                done.complete(null);
            }
        });
    }

    private record Phase(long ops, long nanos, Histogram latency) {
    }

    /** All sessions loop; only what completes inside the measured window (after a settle) counts. */
    private static Phase phase(List<SqlSession> pool, String sql, long millis) throws Exception {
        int n = pool.size();
        Histogram[] histograms = new Histogram[n];
        long[] ops = new long[n];
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(n);
        Window w = new Window();
        for (int i = 0; i < n; i++) {
            int k = i;
            histograms[k] = Latencies.histogram();
            if (pool.get(k) instanceof WsClient ws) {
                windowChain(ws, sql, w, histograms[k], ops, k, failure, done);
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    while (!w.stop) {
                        long t0 = System.nanoTime();
                        pool.get(k).query(sql);
                        if (w.measuring) {
                            Latencies.record(histograms[k], t0);
                            ops[k]++;
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    w.stop = true;
                } finally {
                    done.countDown();
                }
            }, "session-" + k);
            t.start();
        }
        Thread.sleep(250); // every session is in its loop
        long t0 = System.nanoTime();
        w.measuring = true;
        Thread.sleep(millis);
        w.measuring = false;
        long nanos = System.nanoTime() - t0;
        w.stop = true;
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        Histogram all = Latencies.histogram();
        long total = 0;
        for (int i = 0; i < n; i++) {
            all.add(histograms[i]);
            total += ops[i];
        }
        return new Phase(total, nanos, all);
    }

    /** The closed loop of one {@code /ws} session in a phase, driven from its reply callbacks. */
    private static void windowChain(WsClient ws, String sql, Window w, Histogram h, long[] ops, int k,
            AtomicReference<Exception> failure, CountDownLatch done) {
        long t0 = System.nanoTime();
        ws.queryAsync(sql).whenComplete((rows, e) -> {
            if (e != null) {
                failure.compareAndSet(null, new Exception(e));
                w.stop = true;
                done.countDown();
                return;
            }
            if (w.measuring) {
                Latencies.record(h, t0);
                ops[k]++;
            }
            if (w.stop) {
                done.countDown();
            } else {
                windowChain(ws, sql, w, h, ops, k, failure, done);
            }
        });
    }

    private static final class Window {
        volatile boolean measuring;
        volatile boolean stop;
    }

    static List<String> order(String[] sides, int run) {
        List<String> l = new ArrayList<>(List.of(sides));
        if (run % 2 == 1) {
            java.util.Collections.reverse(l);
        }
        return l;
    }

    private static ObjectNode run(int r, String side, long ops, long nanos, Histogram h) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("run", r);
        n.put("side", side);
        n.put("ops", ops);
        n.put("seconds", nanos / 1e9);
        n.put("opsPerSec", Math.round(ops / (nanos / 1e9)));
        n.setAll(Latencies.summary(h));
        return n;
    }
}
