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
 * A syscall census for a latency case: {@code strace -f} on each process while a short,
 * unmeasured load runs, as syscalls per query, in all and by thread. Where a thread hand-off or a write costs a
 * syscall, this shows what a round trip costs the kernel, which JFR's Java samples do not.
 */
final class Syscalls {
    private static final Path STRACE = Path.of("/usr/bin/strace");

    private Syscalls() {
    }

    static boolean available() {
        return Files.isExecutable(STRACE);
    }

    /**
     * Two lines per process: its syscalls per operation of {@code load}, the most frequent first,
     * then the same split by thread (names with their numbers folded into N), so that a JVM's own
     * service threads (timers, compilers, GC) are told apart from the threads a query runs on.
     */
    static String census(Path dir, String label, Map<String, Long> processes, LoadRun load) throws Exception {
        Map<String, Process> tracers = new LinkedHashMap<>();
        Map<String, Path> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Long> p : processes.entrySet()) {
            Path file = dir.resolve("strace-" + label + "-" + p.getKey().replaceAll("\\W+", "_") + ".txt");
            outputs.put(p.getKey(), file);
            tracers.put(p.getKey(), new ProcessBuilder(STRACE.toString(), "-f", "-qq", "-p", p.getValue().toString(),
                    "-o", file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start());
        }
        JsonNode result;
        Map<String, Map<Long, String>> threads = new LinkedHashMap<>();
        try {
            Thread.sleep(1000); // strace attaches to every thread
            result = load.run(dir, "strace-" + label);
        } finally {
            for (Map.Entry<String, Process> t : tracers.entrySet()) {
                t.getValue().destroy(); // SIGTERM: strace detaches
                t.getValue().waitFor(10, TimeUnit.SECONDS);
                threads.put(t.getKey(), threadNames(processes.get(t.getKey())));
            }
        }
        long ops = 0;
        for (JsonNode run : result.get("runs")) {
            ops += run.get("ops").asLong();
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Path> o : outputs.entrySet()) {
            Map<String, Map<String, Long>> byThread = countByThread(Files.readAllLines(o.getValue()),
                    threads.get(o.getKey()));
            Map<String, Long> all = new java.util.HashMap<>();
            byThread.values().forEach(m -> m.forEach((call, n) -> all.merge(call, n, Long::sum)));
            out.append(format("  %s, %s: %s%n", label, o.getKey(), perOp(all, ops, true)));
            List<Map.Entry<String, Map<String, Long>>> busiest = new ArrayList<>(byThread.entrySet());
            busiest.sort((a, b) -> Long.compare(requestPath(b.getValue()), requestPath(a.getValue())));
            StringBuilder split = new StringBuilder();
            for (Map.Entry<String, Map<String, Long>> t : busiest.subList(0, Math.min(4, busiest.size()))) {
                if (requestPath(t.getValue()) > 0) {
                    split.append(split.length() == 0 ? "" : "; ").append(t.getKey()).append(' ')
                            .append(perOp(t.getValue(), ops, false));
                }
            }
            out.append(format("    by thread: %s%n", split));
        }
        return out.toString();
    }

    /** Each live thread's name, by thread id, numbers folded into N (vert.x-eventloop-thread-N). */
    private static Map<Long, String> threadNames(long pid) {
        Map<Long, String> names = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    names.put(Long.parseLong(task.getFileName().toString()),
                            Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "N"));
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (java.io.IOException e) {
            // the process ended: threads stay unnamed
        }
        return names;
    }

    /** Syscalls per thread name from strace -f lines ({@code TID name(args) = ret}). */
    private static Map<String, Map<String, Long>> countByThread(List<String> lines, Map<Long, String> names) {
        java.util.regex.Pattern call = java.util.regex.Pattern.compile("^(\\d+)\\s+([a-z_0-9]+)\\(");
        Map<String, Map<String, Long>> counts = new java.util.TreeMap<>();
        for (String line : lines) {
            java.util.regex.Matcher m = call.matcher(line);
            if (m.find()) {
                String thread = names.getOrDefault(Long.parseLong(m.group(1)), "(ended thread)");
                counts.computeIfAbsent(thread, t -> new java.util.HashMap<>()).merge(m.group(2), 1L, Long::sum);
            }
        }
        return counts;
    }

    /**
     * The syscalls a query's bytes and hand-offs go through; the rest is the JVM's own (JIT, timers).
     * On io_uring one {@code io_uring_enter} submits reads and writes and waits for them.
     */
    private static final java.util.Set<String> REQUEST_PATH = java.util.Set.of("read", "write", "readv", "writev",
            "recvfrom", "sendto", "recvmsg", "sendmsg", "poll", "ppoll", "epoll_wait", "epoll_pwait", "epoll_pwait2",
            "select", "futex", "io_uring_enter");

    private static long requestPath(Map<String, Long> calls) {
        return calls.entrySet().stream().filter(e -> REQUEST_PATH.contains(e.getKey())).mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static String perOp(Map<String, Long> counts, long ops, boolean withOthers) {
        List<Map.Entry<String, Long>> calls = new ArrayList<>();
        long path = 0;
        long other = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (REQUEST_PATH.contains(e.getKey())) {
                calls.add(e);
                path += e.getValue();
            } else {
                other += e.getValue();
            }
        }
        calls.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder s = new StringBuilder(format("%.1f%s (", (double) path / ops,
                withOthers ? " I/O and hand-off syscalls per query" : ""));
        for (int i = 0; i < calls.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(calls.get(i).getKey())
                    .append(format(" %.1f", (double) calls.get(i).getValue() / ops));
        }
        s.append(")");
        return withOthers ? s.append(format(", %.1f others, over %d queries", (double) other / ops, ops)).toString()
                : s.toString();
    }

    private static String format(String pattern, Object... args) {
        return String.format(java.util.Locale.ROOT, pattern, args);
    }
}
