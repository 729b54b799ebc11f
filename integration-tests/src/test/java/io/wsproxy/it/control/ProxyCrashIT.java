package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * I2: a proxy that fails stays FAILED, its port closed, until RESTART PROXY; the manager never
 * restarts it by itself. Each moving part is killed for real (the server closed, an event loop
 * shut down, the engine link closed: through the fault switch, which breaks the named part and
 * nothing else; the engine socket file deleted from outside), and the instance's own watchdog
 * must notice: FAILED within a second of the kill.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyCrashIT {
    /** How long a failed proxy is watched for a self-restart. */
    static final Duration STAYS_FAILED = Duration.ofSeconds(5);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** I2 as the RESTART PROXY issue words it: a crash is FAILED within 1 s. */
    static final Duration KILL_TO_FAILED = Duration.ofSeconds(1);

    @TempDir
    static Path dir;
    static EngineNode node;
    static Connection root;
    static final HttpClient http = Nodes.client();

    int port;
    long generation;
    WsClient session;

    @BeforeAll
    static void startNode() throws Exception {
        node = Nodes.start(dir.resolve("node"));
        root = ProxySql.root(node);
    }

    @AfterAll
    static void stopNode() throws Exception {
        Nodes.closeAll(root, node);
    }

    @BeforeEach
    void runAnHttpProxyWithAnOpenSession() throws Exception {
        port = Ports.free();
        ProxySql.startHttp(root, port);
        generation = ProxySql.status(root).generation();
        session = WsClient.session(http, Ports.ws(port), "root", Nodes.ROOT_PW);
        session.selectOne(1);
    }

    @AfterEach
    void closeSession() throws Exception {
        Nodes.closeAll(session);
    }

    @Test
    void injectedFailureLeavesTheProxyFailedUntilRestartProxy() throws Exception {
        String reason = "rehearsal: event loop lost " + System.nanoTime();
        ProxySql.setGlobal(root, "proxy_inject_failure", reason);

        ProxySql.Status failed = ProxySql.status(root);
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.port()).isZero();
        assertThat(failed.lastError()).contains(reason);
        assertThat(ProxySql.global(root, "proxy_inject_failure")).as("the switch reads '' again").isEmpty();

        assertFailedAndStaysDown(failed);
        assertRestartProxyRecovers();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"close-server", "stop-event-loop", "close-engine-link"})
    void aPartKilledByTheFaultSwitchIsFailedWithinASecondAndStaysFailed(String part) throws Exception {
        long killed = System.nanoTime();
        ProxySql.setGlobal(root, "proxy_inject_failure", part);

        ProxySql.Status failed = awaitState("FAILED", KILL_TO_FAILED);
        System.out.printf("crash: %s reported FAILED after %d ms%n", part,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        assertThat(failed.lastError()).contains("generation " + generation);

        assertFailedAndStaysDown(failed);
        assertRestartProxyRecovers();
    }

    @Test
    void aVanishedEngineSocketIsFailedWithinASecondAndStaysFailed() throws Exception {
        Path socket = node.baseDir().resolve("proxy-" + generation + ".sock");
        assertThat(socket).exists();
        Files.delete(socket);

        ProxySql.Status failed = awaitState("FAILED", KILL_TO_FAILED);
        assertThat(failed.lastError()).contains(socket.getFileName().toString());

        assertFailedAndStaysDown(failed);
        assertRestartProxyRecovers();
    }

    /** The open session is closed, the port closes, and for {@link #STAYS_FAILED} nothing comes back. */
    private void assertFailedAndStaysDown(ProxySql.Status failed) throws Exception {
        WsClient.Close closed = session.awaitEnd(CLOSE_TIMEOUT);
        assertThat(closed).as("the open session after the failure").isNotNull();
        System.out.printf("crash: the open session ended with %d%n", closed.code());

        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (Ports.listening(port)) {
            assertThat(System.nanoTime()).as("port %d still accepts after the failure", port).isLessThan(deadline);
            Thread.sleep(20);
        }
        long start = System.nanoTime();
        int checks = 0;
        while (System.nanoTime() - start < STAYS_FAILED.toNanos()) {
            assertThat(ProxySql.status(root)).as("SHOW PROXY STATUS %s after the failure",
                    Duration.ofNanos(System.nanoTime() - start)).isEqualTo(failed);
            assertThat(Ports.listening(port)).as("port %d accepts again", port).isFalse();
            checks++;
            Thread.sleep(100);
        }
        assertThat(checks).isGreaterThanOrEqualTo(10);
        System.out.printf("crash: FAILED and port closed in %d checks over %s%n", checks, STAYS_FAILED);
    }

    private void assertRestartProxyRecovers() throws Exception {
        ProxySql.restart(root);
        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.port()).isEqualTo(port);
        assertThat(status.generation()).isGreaterThan(generation);
        try (WsClient ws = WsClient.session(http, Ports.ws(port), "root", Nodes.ROOT_PW)) {
            ws.selectOne(1);
        }
    }

    private static ProxySql.Status awaitState(String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ProxySql.Status status = ProxySql.status(root);
        while (!status.state().equals(state)) {
            assertThat(System.nanoTime()).as("%s within %s, last %s", state, timeout, status).isLessThan(deadline);
            Thread.sleep(10);
            status = ProxySql.status(root);
        }
        return status;
    }
}
