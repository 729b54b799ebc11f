package io.wsproxy.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the suite observes of another process: jcmd (heap, class histogram, JFR) and /proc. */
final class Jvm {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern MAX_OPEN_FILES = Pattern.compile("Max open files\\s+(\\d+)\\s+(\\d+)");

    private Jvm() {
    }

    /** Live heap: a full GC, then the heap's used size, in bytes (one jcmd for both). */
    static long heapUsedAfterGc(long pid, Path scratch) throws IOException, InterruptedException {
        Path commands = scratch.resolve("gc-then-heap.jcmd");
        Files.writeString(commands, "GC.run\nGC.heap_info\n");
        String out = jcmd(pid, "-f", commands.toString());
        Matcher m = HEAP_USED.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no heap size in jcmd output:\n" + out);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    static String classHistogram(long pid) throws IOException, InterruptedException {
        return jcmd(pid, "GC.class_histogram");
    }

    /** Starts a profiling recording (settings=profile) in a running JVM. */
    static void startJfr(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile");
    }

    static void stopJfr(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.dump", "name=bench", "filename=" + file.toAbsolutePath());
        jcmd(pid, "JFR.stop", "name=bench");
    }

    static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    static long openFiles(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }

    /** The soft limit on open files of a process (what it can actually use). */
    static long openFilesLimit(long pid) throws IOException {
        Matcher m = MAX_OPEN_FILES.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "limits")));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    static long threads(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.count();
        }
    }
}
