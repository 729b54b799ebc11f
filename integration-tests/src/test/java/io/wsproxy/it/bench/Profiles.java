package io.wsproxy.it.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a JFR recording: of its {@code jdk.ExecutionSample} events, the hottest top frames,
 * the innermost frames of our own code ({@code io.wsproxy}) and the busiest threads, each as a
 * share of all samples; of its {@code jdk.ObjectAllocationSample} events, where the bytes go.
 */
final class Profiles {
    private Profiles() {
    }

    /** Samples taken inside one of {@code windows} ({@code [startMillis, endMillis]}; none: all). */
    static String summarize(Path jfr, int top, List<long[]> windows) throws IOException {
        Map<String, Integer> selfFrames = new HashMap<>();
        Map<String, Integer> ownFrames = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        long allocated = 0;
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals("jdk.ObjectAllocationSample") && e.getStackTrace() != null
                    && inside(e.getStartTime().toEpochMilli(), windows)) {
                long weight = e.getLong("weight");
                allocated += weight;
                allocations.merge(allocationSite(e), weight, Long::sum);
                continue;
            }
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                    || !inside(e.getStartTime().toEpochMilli(), windows)) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                selfFrames.merge(name(frames.get(0)), 1, Integer::sum);
            }
            for (RecordedFrame f : frames) {
                if (f.isJavaFrame() && f.getMethod().getType().getName().startsWith("io.wsproxy")) {
                    ownFrames.merge(name(f), 1, Integer::sum);
                    break;
                }
            }
            RecordedThread t = e.getThread("sampledThread");
            threads.merge(t == null ? "?" : t.getJavaName().replaceAll("\\d+", "N"), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        out.append(samples).append(" execution samples in ").append(jfr.getFileName()).append('\n');
        section(out, "top frames (self)", selfFrames, samples, top);
        section(out, "innermost io.wsproxy frame of each sample", ownFrames, samples, top);
        section(out, "threads", threads, samples, top);
        out.append(String.format(java.util.Locale.ROOT, "  allocations (sampled weight, %,d MiB in all) by class and innermost"
                + " io.wsproxy line:%n", allocated >> 20));
        long all = allocated;
        allocations.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(a -> out.append(String.format(java.util.Locale.ROOT, "    %5.1f%%  %s%n",
                        100.0 * a.getValue() / Math.max(1, all), a.getKey())));
        return out.toString();
    }

    private static boolean inside(long millis, List<long[]> windows) {
        if (windows.isEmpty()) {
            return true;
        }
        for (long[] w : windows) {
            if (millis >= w[0] && millis <= w[1]) {
                return true;
            }
        }
        return false;
    }

    private static void section(StringBuilder out, String title, Map<String, Integer> counts, int total, int top) {
        out.append("  ").append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey())));
    }

    private static String allocationSite(RecordedEvent e) {
        String type = e.getClass("objectClass").getName();
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            if (f.isJavaFrame() && f.getMethod().getType().getName().startsWith("io.wsproxy")) {
                return type + " at " + name(f) + ":" + f.getLineNumber();
            }
        }
        return type;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
