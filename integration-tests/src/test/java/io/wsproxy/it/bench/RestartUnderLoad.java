package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsproxy.it.bench.LoadGenerator.Args;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * B5: {@code sessions} {@code /ws} sessions run {@code SELECT 1} in a closed loop and one more
 * thread keeps opening fresh sessions (connect, auth, one query, close), while the main thread
 * issues same-port {@code RESTART PROXY} over JDBC. A query that gets an error or loses its
 * session is a failed query; a fresh session that cannot connect or authenticate is a refused
 * connection.
 */
final class RestartUnderLoad {
    private RestartUnderLoad() {
    }

    static ObjectNode run(Args a) throws Exception {
        URI uri = URI.create(a.get("ws"));
        String user = a.get("user");
        String password = a.get("password");
        Counters c = new Counters();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < a.integer("sessions", 64); i++) {
            WsClient first = WsClient.open(uri, user, password);
            threads.add(start("query-" + i, () -> queryLoop(first, uri, user, password, c)));
        }
        threads.add(start("connector", () -> connectLoop(uri, user, password, c)));
        try (JdbcSession control = JdbcSession.open(a.get("jdbc"), user, password, false)) {
            Thread.sleep(a.integer("warmupMs", 2000));
            ArrayNode runs = JsonNodeFactory.instance.arrayNode();
            for (int r = 0; r < a.integer("runs", 3); r++) {
                LoadGenerator.phaseStart("ws");
                long[] before = c.snapshot();
                Histogram restarts = Latencies.histogram();
                for (int i = 0; i < a.integer("restarts", 20); i++) {
                    long t0 = System.nanoTime();
                    control.execute("RESTART PROXY");
                    Latencies.record(restarts, t0);
                    Thread.sleep(a.integer("intervalMs", 150));
                }
                Thread.sleep(500); // a failure caused by the last restart lands in this run
                long[] after = c.snapshot();
                LoadGenerator.phaseEnd("ws");
                ObjectNode n = runs.addObject();
                n.put("run", r);
                n.put("side", "ws");
                n.put("ops", after[0] - before[0]);
                n.put("queries", after[0] - before[0]);
                n.put("failedQueries", after[1] - before[1]);
                n.put("connects", after[2] - before[2]);
                n.put("refusedConnections", after[3] - before[3]);
                n.set("restart", Latencies.summary(restarts));
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.set("runs", runs);
            ObjectNode reasons = result.putObject("failureReasons");
            new TreeMap<>(c.reasons).forEach(reasons::put);
            return result;
        } finally {
            c.stop = true;
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }

    private static void queryLoop(WsClient first, URI uri, String user, String pw, Counters c) {
        WsClient s = first;
        while (!c.stop) {
            if (s == null || !s.isOpen()) {
                try {
                    s = WsClient.open(uri, user, pw);
                } catch (Exception e) {
                    c.failure(c.refused, "reconnect: " + IdleSessions.reason(e));
                    pause();
                    continue;
                }
            }
            try {
                s.query("SELECT 1");
                c.queries.increment();
            } catch (Exception e) {
                c.failure(c.failed, "query: " + IdleSessions.reason(e));
            }
        }
        s.close();
    }

    private static void connectLoop(URI uri, String user, String pw, Counters c) {
        while (!c.stop) {
            try (WsClient s = WsClient.open(uri, user, pw)) {
                s.query("SELECT 1");
                c.connects.increment();
            } catch (Exception e) {
                c.failure(c.refused, "connect: " + IdleSessions.reason(e));
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static final class Counters {
        final LongAdder queries = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder connects = new LongAdder();
        final LongAdder refused = new LongAdder();
        final Map<String, Integer> reasons = new ConcurrentHashMap<>();
        volatile boolean stop;

        void failure(LongAdder counter, String reason) {
            counter.increment();
            reasons.merge(reason, 1, Integer::sum);
        }

        long[] snapshot() {
            return new long[] {queries.sum(), failed.sum(), connects.sum(), refused.sum()};
        }
    }
}
