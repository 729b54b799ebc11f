package io.wsproxy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real toolbox, {@code java -jar engine-sim.jar admin --registry FILE ...}, run as a process
 * per command, as a user runs it. Nodes it starts outlive it; {@link #close()} stops them.
 */
final class AdminCli implements AutoCloseable {
    /** What one command printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        Result ok() {
            assertThat(exitCode).as("exit code of admin (stdout: %s, stderr: %s)", stdout, stderr).isZero();
            return this;
        }

        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static final Pattern CREATED = Pattern.compile("Created node ([0-9A-F]{40}) ");

    private final Path registry;

    AdminCli(Path registry) {
        this.registry = registry;
    }

    Path registry() {
        return registry;
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", EngineNode.jar().toString(), "admin", "--registry", registry.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("admin", ".out");
        Path err = Files.createTempFile("admin", ".err");
        try {
            // Output goes to files: node processes started by the command inherit nothing from it.
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(240, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("admin " + String.join(" ", args) + " did not finish in 240 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** create-node; returns the new node's id. */
    String createNode(Path baseDir, int port, String password) throws IOException, InterruptedException {
        Result r = run("create-node", "--base-dir", baseDir.toString(), "--port", Integer.toString(port),
                "--password", password).ok();
        Matcher m = CREATED.matcher(r.stdout());
        assertThat(m.find()).as("create-node output: %s", r.stdout()).isTrue();
        return m.group(1);
    }

    /** Stops every node of the registry; kills what the registry still names if that fails. */
    @Override
    public void close() throws Exception {
        if (!Files.exists(registry)) {
            return;
        }
        try {
            run("stop-node", "--all");
        } finally {
            Matcher pids = Pattern.compile("\"pid\" : (\\d+)").matcher(Files.readString(registry));
            while (pids.find()) {
                ProcessHandle.of(Long.parseLong(pids.group(1)))
                        .filter(h -> h.info().commandLine().orElse("").contains(" node --base-dir "))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
