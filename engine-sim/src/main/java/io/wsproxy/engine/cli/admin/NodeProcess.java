package io.wsproxy.engine.cli.admin;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node as its own process ({@code engine-sim.jar node}), started in the background with its
 * output in {@code <base>/node.out} and {@code node.err}, and its {@code ready} line awaited.
 */
public final class NodeProcess {
    private static final Pattern READY = Pattern.compile("ready port=(\\d+) socket=(\\S+)(?: proxy=(\\S+))?");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** A started node: its process and what its ready line said. */
    public record Started(Process process, int port, Optional<String> proxyUrl) {
    }

    private NodeProcess() {
    }

    /** Starts {@code node --base-dir DIR} with this JVM's java and classpath, and waits for it to be ready. */
    public static Started start(Path baseDir, List<String> extraArgs) {
        return spawn(baseDir, extraArgs).awaitReady();
    }

    /** A node process that was started and has not printed its ready line yet. */
    public static final class Pending {
        private final Process process;
        private final Path out;
        private final long offset;
        private final Path baseDir;

        private Pending(Process process, Path out, long offset, Path baseDir) {
            this.process = process;
            this.out = out;
            this.offset = offset;
            this.baseDir = baseDir;
        }

        public Process process() {
            return process;
        }

        /** Waits for the node's ready line; a node that exits or hangs is one line and is stopped. */
        public Started awaitReady() {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    Matcher m = READY.matcher(newOutput(out, offset));
                    if (m.find()) {
                        return new Started(process, Integer.parseInt(m.group(1)), Optional.ofNullable(m.group(3)));
                    }
                    if (!process.isAlive()) {
                        throw new AdminException("the node in " + baseDir + " exited with " + process.exitValue()
                                + ": " + lastLine(baseDir.resolve("node.err")));
                    }
                    pause();
                }
            } catch (IOException e) {
                process.destroyForcibly();
                throw new AdminException("cannot read " + out + ": " + e.getMessage());
            }
            process.destroyForcibly();
            throw new AdminException("the node in " + baseDir + " was not ready within " + START_TIMEOUT.toSeconds()
                    + " s");
        }
    }

    /** Starts the process without waiting: several nodes start in parallel, then each is awaited. */
    public static Pending spawn(Path baseDir, List<String> extraArgs) {
        Path out = baseDir.resolve("node.out");
        try {
            long offset = Files.exists(out) ? Files.size(out) : 0;
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp",
                    System.getProperty("java.class.path"), "io.wsproxy.engine.cli.Main", "node", "--base-dir",
                    baseDir.toString()));
            command.addAll(extraArgs);
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(baseDir.resolve("node.err").toFile()))
                    .start();
            return new Pending(process, out, offset, baseDir);
        } catch (IOException e) {
            throw new AdminException("cannot start the node in " + baseDir + ": " + e.getMessage());
        }
    }

    private static String newOutput(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
            f.seek(offset);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> !l.isBlank() && !l.startsWith("\tat ")).reduce((a, b) -> b)
                    .orElse("(nothing on stderr)");
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    /** Between two looks at a node's output file (a child process of its own: nothing to be told by). */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while waiting for a node");
        }
    }

    /** The node process of {@code baseDir} with this pid, if it still runs (a reused pid is not it). */
    public static Optional<ProcessHandle> running(Long pid, Path baseDir) {
        if (pid == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> p.info().arguments()
                .map(args -> List.of(args).contains(baseDir.toString())).orElse(true));
    }

    /** SIGTERM (the node closes its proxy sessions with 1001), then SIGKILL after {@link #STOP_TIMEOUT}. */
    public static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
