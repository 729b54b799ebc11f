package io.wsproxy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.MariaDbCli;
import io.wsproxy.it.support.QueryReply;
import io.wsproxy.it.support.WsClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's demo command, exactly as a newcomer types it after the build, from the
 * repository root: the mariadb client and a WebSocket client work with what it prints, and
 * Ctrl-C (SIGINT) stops it and every node it started.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DemoIT {
    /** The README's command, after {@code mvn -B -q package -DskipTests &&}. */
    private static final List<String> README_COMMAND = List.of("java", "-jar", "engine-sim/target/engine-sim.jar", "demo");

    @Test
    void readmeDemoCommandServesTheMariadbClientAndAWebSocketAndSigintLeavesNoProcess() throws Exception {
        Path repository = EngineNode.jar().toAbsolutePath().getParent().getParent().getParent();
        // A terminal delivers Ctrl-C; a test harness may run with SIGINT ignored, which a child
        // would inherit, so the command runs with SIGINT's default action restored.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(README_COMMAND);
        Process demo = new ProcessBuilder(command).directory(repository.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(demo, out), "demo-stdout");
        reader.setDaemon(true);
        reader.start();
        List<ProcessHandle> started = List.of();
        try {
            List<String> printed = awaitLine(out, "Stop:", Duration.ofSeconds(240));
            started = demo.toHandle().descendants().toList();
            assertThat(started).as("node processes").hasSizeGreaterThanOrEqualTo(3);

            List<String> sql = Arrays.asList(after(printed, "SQL:").split("\\s+"));
            assertThat(sql.get(0)).isEqualTo("mariadb");
            MariaDbCli.Result cli = MariaDbCli.run(sql.subList(1, sql.size()), "SHOW AGGREGATORS; SHOW LEAVES");
            assertThat(cli.exitCode()).as("mariadb: %s", cli.stderr()).isZero();
            assertThat(cli.stdout().lines().filter(l -> l.startsWith("127.0.0.1"))).hasSize(3);

            URI ws = URI.create(after(printed, "WebSocket:").split("\\s+")[0]);
            assertThat(after(printed, "Console:")).isEqualTo("http://" + ws.getAuthority() + "/");
            String password = sql.stream().filter(a -> a.startsWith("-p")).findFirst().orElseThrow().substring(2);
            WsClient session = WsClient.connect(HttpClient.newHttpClient(), ws);
            session.authenticate("root", password);
            QueryReply reply = new QueryReply(session.query(1, "SELECT 1", Duration.ofSeconds(30)));
            assertThat(reply.onlyRow().get(0).asText()).isEqualTo("1");

            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();

            assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("the demo exits on SIGINT").isTrue();
            assertThat(session.awaitClose(Duration.ofSeconds(10)).code()).as("close code at shutdown").isEqualTo(1001);
            assertThat(started).as("node processes after SIGINT").noneMatch(ProcessHandle::isAlive);
            assertThat(Path.of(after(printed, "Files:").split("\\s+")[0])).as("the demo's temporary files").doesNotExist();
        } finally {
            demo.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            started.forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    private static void read(Process demo, BlockingQueue<String> out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        } catch (IOException ignored) {
            // the demo is gone
        }
    }

    /** The lines printed up to and including the first one containing {@code marker}. */
    private static List<String> awaitLine(BlockingQueue<String> out, String marker, Duration timeout)
            throws InterruptedException {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = out.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line with '" + marker + "' within " + timeout + "; printed: " + lines);
            }
            lines.add(line);
            if (line.contains(marker)) {
                return lines;
            }
        }
    }

    /** The text after {@code label} on the line that has it. */
    private static String after(List<String> lines, String label) {
        return lines.stream().filter(l -> l.strip().startsWith(label)).findFirst()
                .map(l -> l.substring(l.indexOf(label) + label.length()).strip())
                .orElseThrow(() -> new AssertionError("no '" + label + "' line in " + lines));
    }
}
