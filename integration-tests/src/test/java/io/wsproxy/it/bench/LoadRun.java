package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One {@link LoadGenerator} in a JVM of its own, on this test's classpath. Its stderr goes to
 * {@code <name>.stderr} in the log directory; its {@code # marker} lines go to a handler, which
 * may answer on the child's stdin.
 */
final class LoadRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Called on the reading thread for each {@code # marker} line. */
    interface MarkerHandler {
        void on(String marker, Process child) throws Exception;
    }

    private final String workload;
    private final Map<String, String> args = new LinkedHashMap<>();
    private final List<String> jvmFlags = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
    private final List<MarkerHandler> markers = new ArrayList<>();
    private long timeoutSeconds = 180;

    LoadRun(String workload) {
        this.workload = workload;
    }

    /** The same workload, arguments, JVM flags and time limit; no marker handlers. */
    LoadRun copy() {
        LoadRun c = new LoadRun(workload);
        c.args.putAll(args);
        c.jvmFlags.clear();
        c.jvmFlags.addAll(jvmFlags);
        c.timeoutSeconds = timeoutSeconds;
        return c;
    }

    /**
     * The copy a profile runs: a round-trip workload runs its proxied side only, once, after a
     * short warm-up (the profile is of that side); any other workload runs as measured.
     */
    LoadRun forProfile() {
        LoadRun c = copy();
        if (workload.equals("latency") || workload.equals("throughput")) {
            c.arg("sides", "ws").arg("warmupMs", 1000).arg("runs", 1);
        }
        return c;
    }

    LoadRun arg(String key, Object value) {
        args.put(key, String.valueOf(value));
        return this;
    }

    LoadRun args(Map<String, String> more) {
        args.putAll(more);
        return this;
    }

    LoadRun heap(String size) {
        jvmFlags.removeIf(f -> f.startsWith("-Xms") || f.startsWith("-Xmx"));
        jvmFlags.add("-Xms" + size);
        jvmFlags.add("-Xmx" + size);
        return this;
    }

    LoadRun jvmFlag(String flag) {
        jvmFlags.add(flag);
        return this;
    }

    LoadRun onMarker(MarkerHandler handler) {
        markers.add(handler);
        return this;
    }

    LoadRun timeout(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** Runs the child to its end; returns its JSON line; throws with its stderr when it fails. */
    JsonNode run(Path logDir, String name) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath(), LoadGenerator.class.getName(), workload));
        args.forEach((k, v) -> command.add(k + "=" + v));
        Path stderr = logDir.resolve(name + ".stderr");
        Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // the run ended first
            }
        }, "loadrun-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("# ")) {
                    for (MarkerHandler h : markers) {
                        h.on(line.substring(2), child);
                    }
                } else if (line.startsWith("{")) {
                    result = line;
                }
            }
        } catch (Exception e) {
            child.destroyForcibly();
            throw e;
        }
        int exit = child.waitFor();
        watchdog.interrupt();
        if (exit != 0 || result == null) {
            throw new IllegalStateException(name + ": load generator exited with " + exit
                    + (exit == 137 ? " (killed after " + timeoutSeconds + " s)" : "") + "; stderr:\n" + tail(stderr));
        }
        Files.writeString(logDir.resolve(name + ".json"), result + "\n");
        return JSON.readTree(result);
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * This JVM's classpath. Surefire may run tests from a manifest-only jar, whose Class-Path
     * lists the real entries: those are expanded.
     */
    static String classpath() {
        String cp = System.getProperty("java.class.path");
        String[] entries = cp.split(java.io.File.pathSeparator);
        if (entries.length != 1 || !entries[0].endsWith(".jar") || !Path.of(entries[0]).getFileName().toString()
                .startsWith("surefirebooter")) {
            return cp;
        }
        try (JarFile jar = new JarFile(entries[0])) {
            Manifest m = jar.getManifest();
            List<String> paths = new ArrayList<>();
            for (String url : m.getMainAttributes().getValue("Class-Path").split(" ")) {
                if (!url.isBlank()) {
                    URI uri = Path.of(entries[0]).toUri().resolve(url);
                    paths.add(Path.of(uri).toString());
                }
            }
            return String.join(java.io.File.pathSeparator, paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
