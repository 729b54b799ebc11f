package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the processes in a case (from /proc/PID/stat) and of the whole machine (/proc/stat)
 * over each side's measured phases: how many cores each process used, and its CPU time per
 * operation. On a shared machine the machine's figure shows how much of it was ours.
 */
final class CpuMeter {
    /** USER_HZ: the unit of /proc's CPU times on Linux (sysconf(_SC_CLK_TCK)). */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> processes = new LinkedHashMap<>();
    private final Map<String, long[]> atStart = new LinkedHashMap<>();
    private final Map<String, long[]> totals = new LinkedHashMap<>();

    void watch(String name, long pid) {
        processes.putIfAbsent(name, pid);
    }

    void phaseStart(String side) {
        atStart.put(side, snapshot());
    }

    void phaseEnd(String side) {
        long[] start = atStart.remove(side);
        if (start == null) {
            return;
        }
        long[] end = snapshot();
        long[] sum = totals.computeIfAbsent(side, s -> new long[end.length]);
        for (int i = 0; i < end.length; i++) {
            sum[i] += end[i] - start[i];
        }
    }

    /** [wall ms, machine busy ticks, machine total ticks, then each process's user and system ticks]. */
    private long[] snapshot() {
        long[] s = new long[3 + 2 * processes.size()];
        s[0] = System.currentTimeMillis();
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            s[1] = total - idle;
            s[2] = total;
            int k = 3;
            for (long pid : processes.values()) {
                long[] t = processTicks(pid);
                s[k++] = t[0];
                s[k++] = t[1];
            }
        } catch (IOException | RuntimeException e) {
            // a process already gone: its figure stays 0
        }
        return s;
    }

    /** User and system ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long[] processTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    /**
     * Per side: wall seconds, machine busy %, and per process the cores used and the CPU
     * microseconds per operation ({@code ops} or {@code rows} of the side's runs in {@code result}).
     */
    ObjectNode summary(JsonNode result) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        totals.forEach((side, t) -> {
            ObjectNode s = n.putObject(side);
            double wall = t[0] / 1000.0;
            long ops = 0;
            String unit = "query";
            for (JsonNode run : result.path("runs")) {
                if (side.equals(run.path("side").asText())) {
                    ops += run.has("ops") ? run.get("ops").asLong() : run.path("rows").asLong();
                    unit = run.has("ops") ? "query" : "row";
                }
            }
            s.put("unit", unit);
            s.put("seconds", wall);
            s.put("operations", ops);
            s.put("machineBusyPercent", t[2] == 0 ? 0 : Math.round(1000.0 * t[1] / t[2]) / 10.0);
            int k = 3;
            for (String name : processes.keySet()) {
                long user = t[k++];
                long system = t[k++];
                double cpuSeconds = (user + system) / TICKS_PER_SECOND;
                ObjectNode p = s.putObject(name);
                p.put("cores", Math.round(100 * cpuSeconds / wall) / 100.0);
                p.put("cpuUsPerOp", ops == 0 ? 0 : Math.round(1e7 * cpuSeconds / ops) / 10.0);
                p.put("kernelPercent", user + system == 0 ? 0 : Math.round(100.0 * system / (user + system)));
            }
        });
        return n;
    }

    /** One line per side, e.g. {@code ws phases: machine 100% busy; proxy 0.61 cores, 420 µs CPU/query; ...}. */
    static String text(ObjectNode summary) {
        StringBuilder out = new StringBuilder();
        summary.properties().forEach(side -> {
            out.append("  ").append(side.getKey()).append(" phases: machine ")
                    .append(side.getValue().get("machineBusyPercent").asDouble()).append("% busy");
            String unit = side.getValue().get("unit").asText();
            side.getValue().properties().forEach(f -> {
                if (f.getValue().isObject()) {
                    out.append("; ").append(f.getKey()).append(' ').append(f.getValue().get("cores").asDouble())
                            .append(" cores, ").append(f.getValue().get("cpuUsPerOp").asDouble()).append(" µs CPU/")
                            .append(unit).append(" (").append(f.getValue().get("kernelPercent").asInt())
                            .append("% in the kernel)");
                }
            });
            out.append('\n');
        });
        return out.toString();
    }
}
