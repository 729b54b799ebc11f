package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.WsClient.Close;
import io.wsproxy.it.support.WsClient.Failure;
import io.wsproxy.it.support.EngineNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy started, left alone, moved and stopped from SQL (DESIGN.md section 4: I1, I6, I7),
 * on a node booted without a proxy; each test gets a fresh node.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyLifecycleIT {
    static final int MOVES = 20;
    @TempDir
    Path dir;
    EngineNode node;
    Connection root;
    final HttpClient http = Nodes.client();

    @BeforeEach
    void startNodeWithoutProxy() throws Exception {
        node = Nodes.start(dir.resolve("node"));
        root = ProxySql.root(node);
    }

    @AfterEach
    void stopNode() throws Exception {
        Nodes.closeAll(root, node);
    }

    @Test
    void nodeWithoutProxyPortsBootsWithTheProxyStopped() throws Exception {
        assertThatThrownBy(node::proxyUrl).isInstanceOf(IllegalStateException.class);
        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("STOPPED");
        assertThat(status.port()).isZero();
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    void setGlobalHttpProxyPortThenRestartProxyStartsAProxyServingQueries() throws Exception {
        int port = Ports.free();
        ProxySql.setGlobal(root, "http_proxy_port", port);
        // I6: the variable alone starts nothing.
        assertThat(ProxySql.status(root).state()).isEqualTo("STOPPED");
        assertThat(Ports.listening(port)).isFalse();

        ProxySql.restart(root);

        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.protocol()).isEqualTo("HTTP");
        assertThat(status.port()).isEqualTo(port);
        assertThat(status.generation()).isPositive();
        try (WsClient ws = WsClient.session(http, Ports.ws(port), "root", Nodes.ROOT_PW)) {
            List<JsonNode> rows = ws.rows(1, "SELECT 1");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get(0).asInt()).isEqualTo(1);
            assertThat(ProxySql.status(root).sessions()).as("Sessions with one open session").isEqualTo(1);
        }
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(Ports.http(port, "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void proxyVariablesChangedWithoutRestartLeaveTheRunningProxyAsItIs() throws Exception {
        int[] ports = Ports.free(2);
        ProxySql.startHttp(root, ports[0]);
        ProxySql.Status before = ProxySql.status(root);
        assertThat(before.state()).isEqualTo("RUNNING");

        ProxySql.setGlobal(root, "http_proxy_port", ports[1]);
        assertUnchanged(before, ports[0], ports[1]);
        ProxySql.setGlobal(root, "http_proxy_port", 0);
        assertUnchanged(before, ports[0], ports[1]);
        ProxySql.setGlobal(root, "proxy_allowed_origins", "https://studio.example");
        assertUnchanged(before, ports[0], ports[1]);
        assertThat(ProxySql.global(root, "http_proxy_port")).isEqualTo("0");
    }

    private void assertUnchanged(ProxySql.Status before, int running, int other) throws Exception {
        assertThat(ProxySql.status(root)).usingRecursiveComparison().ignoringFields("sessions").isEqualTo(before);
        assertThat(Ports.listening(other)).as("port %d, only in the variable", other).isFalse();
        try (WsClient ws = WsClient.session(http, Ports.ws(running), "root", Nodes.ROOT_PW)) {
            ws.selectOne(1);
        }
    }

    @Test
    void restartOnANewPortMovesTheProxyAndTheOldSessionsDrainThenClose1012() throws Exception {
        int[] ports = Ports.free(2);
        int oldPort = ports[0];
        int newPort = ports[1];
        ProxySql.startHttp(root, oldPort);
        long oldGeneration = ProxySql.status(root).generation();
        WsClient old = WsClient.session(http, Ports.ws(oldPort), "root", Nodes.ROOT_PW);
        old.selectOne(1);

        ProxySql.setGlobal(root, "http_proxy_port", newPort);
        ProxySql.restart(root);
        long restarted = System.nanoTime();

        // I1: the old port lets go at once (asserted last, so the drain is checked either way);
        // the new one serves.
        boolean oldPortListening = Ports.listening(oldPort);
        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.port()).isEqualTo(newPort);
        assertThat(status.generation()).isGreaterThan(oldGeneration);
        try (WsClient fresh = WsClient.session(http, Ports.ws(newPort), "root", Nodes.ROOT_PW)) {
            fresh.selectOne(1);
        }

        // I7: the session opened before the move keeps answering during the drain, then gets 1012.
        long answered = 0;
        Close closed;
        while (true) {
            try {
                old.selectOne(2 + answered);
                answered++;
            } catch (Failure e) {
                assertThat(e.closed()).as("the old session's query failed without a close: %s", e.getMessage())
                        .isNotNull();
                closed = e.closed();
                break;
            }
        }
        Duration drained = Duration.ofNanos(System.nanoTime() - restarted);
        assertThat(answered).as("queries answered by the old session during the drain").isPositive();
        assertThat(closed.code()).as("close code of the drained session").isEqualTo(1012);
        assertThat(drained).as("time from RESTART PROXY to the 1012")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(Nodes.DRAIN_SECONDS).minusMillis(300));
        assertThat(oldPortListening).as("old port %d accepted a connection right after RESTART PROXY", oldPort)
                .isFalse();
    }

    @Test
    void everyMoveToAnotherPortClosesTheOldPortBeforeRestartProxyReturns() throws Exception {
        int from = Ports.free();
        ProxySql.startHttp(root, from);
        List<String> stillListening = new ArrayList<>();
        for (int move = 1; move <= MOVES; move++) {
            int to = Ports.free();
            ProxySql.setGlobal(root, "http_proxy_port", to);
            ProxySql.restart(root);
            if (Ports.listening(from)) {
                stillListening.add("move " + move + " (" + from + " -> " + to + ")");
            }
            assertThat(ProxySql.status(root).port()).isEqualTo(to);
            from = to;
        }
        System.out.printf("moves: the old port still accepted a TCP connection after %d of %d moves%n",
                stillListening.size(), MOVES);
        assertThat(stillListening).as("moves after which the old port still accepted a connection").isEmpty();
    }

    @Test
    void movingBackToThePortJustLeftSucceedsWhileClientsKeepConnecting() throws Exception {
        int[] ports = Ports.free(2);
        ProxySql.startHttp(root, ports[0]);
        // Clients that still have either address, as browsers do after a move.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong knocks = new AtomicLong();
        Thread clients = new Thread(() -> {
            while (!stop.get()) {
                for (int port : ports) {
                    try {
                        Ports.listening(port);
                        knocks.incrementAndGet();
                    } catch (IOException e) {
                        // a timeout under load: the next knock follows
                    }
                }
            }
        }, "knocking-clients");
        clients.start();
        List<String> refused = new ArrayList<>();
        int at = ports[0];
        try {
            for (int move = 1; move <= 2 * MOVES; move++) {
                int to = ports[move % 2];
                ProxySql.setGlobal(root, "http_proxy_port", to);
                try {
                    ProxySql.restart(root);
                    at = to;
                } catch (SQLException e) {
                    refused.add("move " + move + " to " + to + ": " + e.getErrorCode() + " " + e.getMessage());
                }
            }
        } finally {
            stop.set(true);
            clients.join();
        }
        assertThat(ProxySql.status(root).port()).isEqualTo(at);
        System.out.printf("moves back and forth: RESTART PROXY refused %d of %d moves (%d client connects)%n",
                refused.size(), 2 * MOVES, knocks.get());
        assertThat(refused).as("moves back to the port just left that RESTART PROXY refused").isEmpty();
    }

    @Test
    void restartWithBothPortsZeroStopsTheProxy() throws Exception {
        int port = Ports.free();
        ProxySql.startHttp(root, port);
        assertThat(ProxySql.status(root).state()).isEqualTo("RUNNING");

        ProxySql.setPorts(root, 0, 0);
        ProxySql.restart(root);

        ProxySql.Status status = ProxySql.status(root);
        assertThat(status.state()).isEqualTo("STOPPED");
        assertThat(status.port()).isZero();
        assertThat(Ports.listening(port)).as("port %d after the proxy was turned off", port).isFalse();
        assertThatThrownBy(() -> WsClient.open(http, Ports.ws(port))).isInstanceOf(Failure.class);
    }
}
