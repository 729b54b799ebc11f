package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsproxy.it.bench.LoadGenerator.Args;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * B4: opens {@code count} authenticated {@code /ws} sessions, prints {@code # held N}, and keeps
 * them idle until the suite (which measures the proxy meanwhile) writes a line on stdin; then
 * checks with {@code ping} that every session is still there.
 */
final class IdleSessions {
    private IdleSessions() {
    }

    static ObjectNode run(Args a) throws Exception {
        URI uri = URI.create(a.get("ws"));
        int count = a.integer("count", 10_000);
        int maxFailures = a.integer("maxFailures", 100);
        List<WsClient> held = Collections.synchronizedList(new ArrayList<>(count));
        Map<String, Integer> reasons = Collections.synchronizedMap(new TreeMap<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Histogram openLatency = Latencies.histogram();
        int threads = a.integer("concurrency", 32);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count && failures.get() < maxFailures) {
                    long start = System.nanoTime();
                    try {
                        held.add(WsClient.open(uri, a.get("user"), a.get("password")));
                        synchronized (openLatency) {
                            Latencies.record(openLatency, start);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        reasons.merge(reason(e), 1, Integer::sum);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        LoadGenerator.mark("held " + held.size());
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        List<CompletableFuture<Long>> pongs = new ArrayList<>();
        for (WsClient c : held) {
            pongs.add(c.ping());
        }
        int alive = 0;
        for (CompletableFuture<Long> p : pongs) {
            try {
                p.get(30, TimeUnit.SECONDS);
                alive++;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                reasons.merge("after the hold: " + reason(e), 1, Integer::sum);
            }
        }
        // The JVM's exit drops every connection at once: closing 10,000 one by one takes longer.

        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("requested", count);
        n.put("held", held.size());
        n.put("failed", failures.get());
        n.put("aliveAfterHold", alive);
        n.put("openSeconds", openSeconds);
        n.set("openLatency", Latencies.summary(openLatency));
        ObjectNode r = n.putObject("failureReasons");
        reasons.forEach(r::put);
        return n;
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t.getCause() != null && t.getMessage() == null)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.length() > 160 ? m.substring(0, 160) : m;
    }
}
