package io.wsproxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console subcommand refuses what it cannot serve, with exit code 2 and the reason. */
class ConsoleCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureStderr() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(savedErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMalformedStateFileIsRefusedWithItsLine() throws Exception {
        Path state = Files.writeString(dir.resolve("studio.hcl"), "cluster \"a\" {\n  port 3306\n}\n");
        assertThat(ConsoleCommand.run("--state-file", state.toString(), "--port", "0")).isEqualTo(2);
        assertThat(stderr()).contains("error: " + state + " line 2: expected '=' after 'port'");
    }

    @Test
    void aMissingStateFileIsRefused() {
        Path missing = dir.resolve("nope.hcl");
        assertThat(ConsoleCommand.run("--state-file", missing.toString(), "--port", "0")).isEqualTo(2);
        assertThat(stderr()).contains("error: cannot read the state file " + missing);
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() throws Exception {
        Path state = Files.writeString(dir.resolve("studio.hcl"), "version = 1\n");
        assertThat(ConsoleCommand.run("--state-file", state.toString(), "--port", "0", "--ssl-cert", "c.pem"))
                .isEqualTo(2);
        assertThat(stderr()).contains("error: --ssl-cert and --ssl-key go together");
    }

    @Test
    void theStateFileAndPortAreRequired() {
        assertThat(ConsoleCommand.run("--port", "0")).isEqualTo(2);
        assertThat(stderr()).contains("Missing required option: '--state-file=<stateFile>'");
    }
}
