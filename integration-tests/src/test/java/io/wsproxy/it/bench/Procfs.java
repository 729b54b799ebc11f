package io.wsproxy.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the suite reads of another process in /proc: descriptors, their limit, resident memory. */
final class Procfs {
    private static final Pattern MAX_OPEN_FILES = Pattern.compile("Max open files\\s+(\\d+)\\s+(\\d+)");

    private Procfs() {
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
