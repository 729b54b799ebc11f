package io.wsproxy.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.WsClient;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md section 6: "no thread per session". 2,000 authenticated {@code /ws} sessions, each
 * with its own engine connection, are served by the same threads as one session.
 */
class ManySessionsIT {
    private static final int SESSIONS = 2_000;
    private static final int HTTP_CLIENTS = 4;
    /** Upgrades and logins in flight at once while the sessions open; all stay open together. */
    private static final int OPENING_AT_ONCE = 64;
    private static final int MAX_EXTRA_THREADS = 8;
    private static final Duration REPLY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void twoThousandSessionsRunOnAboutTheThreadsOfOne() throws Exception {
        Path base = dir.resolve("node");
        Files.createDirectories(base);
        Files.writeString(base.resolve("memsql.cnf"),
                "[server]\nport = 0\nbind_address = 127.0.0.1\nmax_connections = 5000\n");
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < HTTP_CLIENTS; i++) {
            clients.add(HttpClient.newHttpClient());
        }
        List<WsClient> sessions = Collections.synchronizedList(new ArrayList<>());
        ExecutorService opener = Executors.newFixedThreadPool(OPENING_AT_ONCE);
        try (EngineNode node = EngineNode.start(base, "pw");
                ProxyProcess proxy = ProxyProcess.start(dir.resolve("proxy"), node.socket(), List.of("-Xmx512m"),
                        "--max-sessions", "5000")) {
            try {
                WsClient first = WsClient.connect(clients.get(0), proxy.wsUri());
                sessions.add(first);
                first.authenticate("root", "pw");
                assertThat(first.query(0, "SELECT 0", REPLY).get(1).path("rows").toString()).isEqualTo("[[0]]");
                int threadsWithOne = proxy.threadCount();
                List<String> namesWithOne = proxy.threadNames();

                // When
                long started = System.nanoTime();
                List<Future<?>> opened = new ArrayList<>();
                for (int i = 1; i < SESSIONS; i++) {
                    HttpClient http = clients.get(i % HTTP_CLIENTS);
                    opened.add(opener.submit(() -> {
                        WsClient session = WsClient.connect(http, proxy.wsUri());
                        sessions.add(session);
                        session.authenticate("root", "pw");
                        return null;
                    }));
                }
                for (Future<?> f : opened) {
                    f.get(120, TimeUnit.SECONDS);
                }
                long openMs = elapsedMs(started);
                List<WsClient> all = List.copyOf(sessions);
                started = System.nanoTime();
                for (int i = 0; i < all.size(); i++) {
                    all.get(i).sendQuery(i, "SELECT " + i);
                }
                for (int i = 0; i < all.size(); i++) {
                    List<JsonNode> reply = all.get(i).awaitReply(REPLY);
                    assertThat(reply).as("session %d", i).extracting(m -> m.path("type").asText())
                            .containsExactly("columns", "rows", "end");
                    assertThat(reply.get(1).path("id").asInt()).isEqualTo(i);
                    assertThat(reply.get(1).path("rows").toString()).as("session %d", i).isEqualTo("[[" + i + "]]");
                }
                long queryMs = elapsedMs(started);
                int threadsWithAll = proxy.threadCount();
                List<String> namesWithAll = proxy.threadNames();
                started = System.nanoTime();
                JsonNode health = proxy.healthz(HttpClient.newHttpClient());
                long healthMs = elapsedMs(started);

                System.out.printf("ManySessionsIT: proxy threads with 1 session: %d, with %d sessions: %d"
                                + " (opened in %d ms, %d queries answered in %d ms, /healthz %s in %d ms)"
                                + "%n  with 1: %s%n  with all: %s%n",
                        threadsWithOne, all.size(), threadsWithAll, openMs, all.size(), queryMs, health, healthMs,
                        namesWithOne, namesWithAll);

                // Then
                assertThat(all).hasSize(SESSIONS);
                assertThat(health.path("sessions").asInt()).as("/healthz %s", health).isGreaterThanOrEqualTo(SESSIONS);
                assertThat(threadsWithAll - threadsWithOne)
                        .as("threads grew from %s to %s", namesWithOne, namesWithAll)
                        .isLessThanOrEqualTo(MAX_EXTRA_THREADS);
                assertThat(threadsWithAll).isLessThan(SESSIONS / 10);
                assertThat(proxy.isAlive()).isTrue();
            } finally {
                closeAll(opener, List.copyOf(sessions));
            }
        } finally {
            opener.shutdownNow();
        }
    }

    private static void closeAll(ExecutorService pool, List<WsClient> sessions) throws Exception {
        List<Future<?>> closing = new ArrayList<>();
        for (WsClient session : sessions) {
            closing.add(pool.submit(session::close));
        }
        for (Future<?> f : closing) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
