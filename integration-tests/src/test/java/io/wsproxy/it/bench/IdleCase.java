package io.wsproxy.it.bench;

import static io.wsproxy.it.bench.Bench.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * B4: 10,000 authenticated idle {@code /ws} sessions on a fresh standalone proxy, or as many as
 * its descriptor limit allows (BENCHMARKS.md: (hard limit - 200) / 2, since each session costs
 * the proxy two descriptors, its WebSocket and its engine socket, and 200 are left for the JVM);
 * the table states the limit. Heap per session is the live heap (full GC first) with the
 * sessions held, minus the same figure idle, over the sessions held.
 */
final class IdleCase {
    static final int SESSIONS = 10_000;
    static final long PER_SESSION_TARGET = 32 * 1024;

    private IdleCase() {
    }

    /** What one attempt measured. */
    record Attempt(int requested, JsonNode load, long heapIdle, long heapHeld, long rssIdle, long rssHeld,
            long fdsIdle, long fdsHeld, long fdLimit, String topClasses) {
        long held() {
            return load.get("held").asLong();
        }

        long alive() {
            return load.get("aliveAfterHold").asLong();
        }

        double heapPerSession() {
            return held() == 0 ? 0 : (double) (heapHeld - heapIdle) / held();
        }

        double rssPerSession() {
            return held() == 0 ? 0 : (double) (rssHeld - rssIdle) / held();
        }
    }

    /** The sessions to hold: 10,000, or (hard limit - 200) / 2 where the descriptor limit is lower. */
    static int sessions(long hardLimit) {
        return hardLimit <= 0 ? SESSIONS : (int) Math.min(SESSIONS, (hardLimit - 200) / 2);
    }

    /** "Max open files  soft  hard  files" of this process (/proc/self/limits), -1 if unknown. */
    private static long hardDescriptorLimit() throws java.io.IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Max open files\\s+\\S+\\s+(\\d+)")
                .matcher(Files.readString(Path.of("/proc/self/limits")));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static CaseResult run(Bench b, Path engineSocket, String engineName, String user, String password)
            throws Exception {
        // The proxy is a child of this JVM: it inherits this hard limit (and raises its soft one to it).
        long hardLimit = hardDescriptorLimit();
        int count = sessions(hardLimit);
        Attempt a = attempt(b, engineSocket, user, password, count);
        boolean allHeld = a.held() == count && a.alive() == count;
        double perSession = a.heapPerSession();
        boolean pass = allHeld && perSession < PER_SESSION_TARGET;
        String limit = count < SESSIONS ? format("Descriptor hard limit %,d here: (%,d - 200) / 2 = %,d sessions"
                + " asked for. ", hardLimit, hardLimit, count) : "";
        if (a.held() < count) {
            limit += format("Not all held: the try stopped at %,d (failures: %s). Each session holds 2 descriptors in"
                    + " the proxy (its WebSocket and its engine socket); the proxy had %d open idle, %d with the"
                    + " sessions held, and may have %d (ulimit -Hn here), so %,d is the most that fits; the heap"
                    + " figure is measured at that count. ", a.held(), a.load().get("failureReasons"),
                    a.fdsIdle(), a.fdsHeld(), a.fdLimit(), (a.fdLimit() - a.fdsIdle()) / 2);
        }
        ObjectNode data = json(a);
        Files.writeString(b.out().resolve("B4-class-histogram-delta.txt"), a.topClasses());
        String title = count < SESSIONS
                ? format("%,d authenticated idle /ws sessions (descriptor limit %,d)", count, hardLimit)
                : "10,000 authenticated idle /ws sessions";
        CaseResult result = new CaseResult("B4", title,
                format("%,d of %,d held, %,d alive after the hold; heap %.1f KiB/session (RSS %.1f KiB/session)",
                        a.held(), a.requested(), a.alive(), perSession / 1024, a.rssPerSession() / 1024),
                "—", "—", format("all %,d held; heap < 32 KiB/session", count), CaseResult.verdict(pass),
                limit + format("Standalone proxy on %s's Unix socket; sessions opened 32 at a time (%.1f s), held"
                        + " while the proxy was measured, then pinged. Heap per session: live heap (full GC first)"
                        + " held minus idle, over the sessions held: %.1f MiB idle, %.1f MiB held. Largest growth"
                        + " by class: B4-class-histogram-delta.txt.", engineName,
                        a.load().get("openSeconds").asDouble(), a.heapIdle() / 1048576.0, a.heapHeld() / 1048576.0),
                data);
        if (!pass) {
            b.profiles().put("B4", "live heap growth by class, per session held (GC.class_histogram, held minus"
                    + " idle):\n" + a.topClasses());
        }
        return result;
    }

    private static Attempt attempt(Bench b, Path engineSocket, String user, String password, int count)
            throws Exception {
        try (StandaloneProxy proxy = StandaloneProxy.start(b.work().resolve("proxy-b4"), engineSocket);
                Jmx jmx = Jmx.attach(proxy.pid())) {
            long pid = proxy.pid();
            // Warm the session path (classes, JIT, pools) so the idle figure is not a cold proxy's.
            load(proxy, user, password, 200).onMarker((m, child) -> release(child)).run(b.out(), "B4-warmup");
            long heapIdle = jmx.liveHeap();
            long rssIdle = Procfs.rssBytes(pid);
            long fdsIdle = Procfs.openFiles(pid);
            String histogramIdle = jmx.classHistogram();
            long[] held = new long[3];
            String[] histogramHeld = new String[1];
            JsonNode r = load(proxy, user, password, count).heap("3g").timeout(400).onMarker((marker, child) -> {
                if (marker.startsWith("held ")) {
                    held[0] = jmx.liveHeap();
                    held[1] = Procfs.rssBytes(pid);
                    held[2] = Procfs.openFiles(pid);
                    histogramHeld[0] = jmx.classHistogram();
                    release(child);
                }
            }).run(b.out(), "B4");
            long sessions = Math.max(1, r.get("held").asLong());
            return new Attempt(count, r, heapIdle, held[0], rssIdle, held[1], fdsIdle, held[2],
                    Procfs.openFilesLimit(pid), histogramDelta(histogramIdle, histogramHeld[0], sessions, 15));
        }
    }

    private static LoadRun load(StandaloneProxy proxy, String user, String password, int count) {
        return new LoadRun("idle").arg("ws", proxy.wsUri()).arg("user", user).arg("password", password)
                .arg("count", count).arg("concurrency", 32).arg("maxFailures", 32);
    }

    private static void release(Process child) throws Exception {
        OutputStream in = child.getOutputStream();
        in.write("release\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Classes whose live bytes grew most, per session, from two {@code GC.class_histogram} outputs. */
    static String histogramDelta(String before, String after, long sessions, int top) {
        Map<String, long[]> was = parse(before);
        Map<String, long[]> now = parse(after);
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        now.forEach((cls, v) -> {
            long[] old = was.getOrDefault(cls, new long[2]);
            grown.add(Map.entry(cls, new long[] {v[0] - old[0], v[1] - old[1]}));
        });
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        StringBuilder out = new StringBuilder(format("  %10s %12s %12s  %s%n", "bytes/sess", "objects", "bytes", "class"));
        for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(top, grown.size()))) {
            out.append(format("  %10.0f %,12d %,12d  %s%n", (double) e.getValue()[1] / sessions, e.getValue()[0],
                    e.getValue()[1], e.getKey()));
        }
        return out.toString();
    }

    private static Map<String, long[]> parse(String histogram) {
        Map<String, long[]> m = new HashMap<>();
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                m.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return m;
    }

    private static ObjectNode json(Attempt a) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("requested", a.requested());
        n.put("heapIdleBytes", a.heapIdle());
        n.put("heapHeldBytes", a.heapHeld());
        n.put("heapPerSessionBytes", a.heapPerSession());
        n.put("rssPerSessionBytes", a.rssPerSession());
        n.put("fdsIdle", a.fdsIdle());
        n.put("fdsHeld", a.fdsHeld());
        n.put("fdLimit", a.fdLimit());
        n.set("load", a.load());
        return n;
    }
}
