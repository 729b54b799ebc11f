package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A syscall census for a latency miss: {@code strace -c -f} on each process while a short,
 * unmeasured load runs, as syscalls per query. Where a thread hand-off or a write costs a
 * syscall, this shows what a round trip costs the kernel, which JFR's Java samples do not.
 */
final class Syscalls {
    private static final Path STRACE = Path.of("/usr/bin/strace");

    private Syscalls() {
    }

    static boolean available() {
        return Files.isExecutable(STRACE);
    }

    /** One line per process: syscalls per operation of {@code load}, the most frequent first. */
    static String census(Path dir, String label, Map<String, Long> processes, LoadRun load) throws Exception {
        Map<String, Process> tracers = new LinkedHashMap<>();
        Map<String, Path> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Long> p : processes.entrySet()) {
            Path file = dir.resolve("strace-" + label + "-" + p.getKey().replaceAll("\\W+", "_") + ".txt");
            outputs.put(p.getKey(), file);
            tracers.put(p.getKey(), new ProcessBuilder(STRACE.toString(), "-c", "-f", "-p", p.getValue().toString(),
                    "-o", file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start());
        }
        JsonNode result;
        try {
            Thread.sleep(1000); // strace attaches to every thread
            result = load.run(dir, "strace-" + label);
        } finally {
            for (Process t : tracers.values()) {
                t.destroy(); // SIGTERM: strace detaches and writes its table
                t.waitFor(10, TimeUnit.SECONDS);
            }
        }
        long ops = 0;
        for (JsonNode run : result.get("runs")) {
            ops += run.get("ops").asLong();
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Path> o : outputs.entrySet()) {
            out.append(String.format(java.util.Locale.ROOT, "  %s, %s: %s%n", label, o.getKey(),
                    perOp(Files.readAllLines(o.getValue()), ops)));
        }
        return out.toString();
    }

    /** The syscalls a query's bytes and hand-offs go through; the rest is the JVM's own (JIT, timers). */
    private static final java.util.Set<String> REQUEST_PATH = java.util.Set.of("read", "write", "readv", "writev",
            "recvfrom", "sendto", "recvmsg", "sendmsg", "poll", "ppoll", "epoll_wait", "epoll_pwait", "select",
            "futex");

    private static String perOp(List<String> table, long ops) {
        List<Map.Entry<String, Long>> calls = new ArrayList<>();
        long path = 0;
        long other = 0;
        for (String line : table) {
            String[] f = line.trim().split("\\s+");
            if ((f.length == 5 || f.length == 6) && f[0].matches("[\\d.]+") && !f[f.length - 1].equals("total")) {
                long n = Long.parseLong(f[3]);
                if (REQUEST_PATH.contains(f[f.length - 1])) {
                    calls.add(Map.entry(f[f.length - 1], n));
                    path += n;
                } else {
                    other += n;
                }
            }
        }
        calls.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder s = new StringBuilder(format("%.1f I/O and hand-off syscalls per query (", (double) path / ops));
        for (int i = 0; i < calls.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(calls.get(i).getKey())
                    .append(format(" %.1f", (double) calls.get(i).getValue() / ops));
        }
        return s.append(format("), %.1f others, over %d queries", (double) other / ops, ops)).toString();
    }

    private static String format(String pattern, Object... args) {
        return String.format(java.util.Locale.ROOT, pattern, args);
    }
}
