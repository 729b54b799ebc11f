package io.wsproxy.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.JvmMemory;
import io.wsproxy.it.support.MariaDbServer;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.RawWs;
import io.wsproxy.it.support.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 hostile sessions send queries of the maximum message size as fast as the proxy takes them
 * and never read a reply, against the standalone proxy (its own JVM, -Xmx256m) in front of
 * MariaDB. The proxy's heap must stay under the bound docs/protocol.md states: its byte budget
 * (a quarter of the heap: 64 MiB here, for waiting queries and large messages being received)
 * plus, per session, a small frame in flight, one parked read, a small query on its way to the
 * engine and its fixed state; its committed direct buffers stay under the same bound. Honest sessions
 * keep getting answers throughout, and once the hostile sessions are gone the budget is whole again.
 */
class HostileClientsIT {
    private static final int HOSTILE = 500;
    private static final int HONEST = 4;
    private static final int MAX_MESSAGE = 1 << 20;
    private static final Duration HOSTILE_PHASE = Duration.ofSeconds(20);
    private static final long BUDGET = (256L << 20) / 4;
    /**
     * Per session: a frame up to 64 KiB passing unreserved, one parked read (64 KiB), a running
     * query up to 64 KiB on its way to the engine, and its own state.
     */
    private static final long PER_SESSION = 3 * 64 * 1024 + 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void fiveHundredSessionsThatSendMaximumSizeQueriesAndNeverReadKeepTheHeapUnderItsBound() throws Exception {
        try (MariaDbServer mariadb = MariaDbServer.start(dir.resolve("mariadb"), "--max-connections=1000");
                ProxyProcess proxy = ProxyProcess.start(dir.resolve("proxy"), mariadb.socket(),
                        List.of("-Xmx256m", "-XX:NativeMemoryTracking=summary"),
                        "--max-message-size", Integer.toString(MAX_MESSAGE))) {
            mariadb.sql("CREATE USER 'app'@'localhost' IDENTIFIED BY 'pw'; GRANT ALL ON *.* TO 'app'@'localhost'");
            long baseline = JvmMemory.heapUsedAfterGc(proxy.pid());
            long offHeapBaseline = JvmMemory.offHeapCommitted(proxy.pid());
            long bound = baseline + BUDGET + HOSTILE * PER_SESSION;
            // What the heap's bound counts lives in direct buffers while it is read or written, so
            // they answer to the same bound (committed memory, the allocator's pools included).
            long offHeapBound = offHeapBaseline + BUDGET + HOSTILE * PER_SESSION;

            // Given: 500 authenticated sessions, opened 32 at a time (MariaDB's accept backlog is finite)
            List<RawWs> hostile = new CopyOnWriteArrayList<>();
            ExecutorService opener = Executors.newFixedThreadPool(32);
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 0; i < HOSTILE; i++) {
                opened.add(opener.submit(() -> {
                    RawWs ws = RawWs.open(proxy.wsUri());
                    ws.send(Msg.auth("app", "pw"));
                    JsonNode ready = ws.nextJson(Duration.ofSeconds(60));
                    assertThat(ready.path("type").asText()).as("%s", ready).isEqualTo("ready");
                    hostile.add(ws);
                    return null;
                }));
            }
            for (Future<?> f : opened) {
                f.get(5, TimeUnit.MINUTES);
            }
            opener.shutdown();
            ExecutorService pool = Executors.newFixedThreadPool(HOSTILE + HONEST);

            List<WsClient> honestSessions = new ArrayList<>();
            for (int h = 0; h < HONEST; h++) {
                WsClient client = WsClient.connect(proxy.wsUri());
                client.authenticate("app", "pw");
                honestSessions.add(client);
            }

            // When: each sends maximum-size queries without reading, while honest sessions query
            AtomicBoolean attacking = new AtomicBoolean(true);
            LongAdder hostileBytes = new LongAdder();
            LongAdder honestAnswers = new LongAdder();
            AtomicLong slowestHonestMs = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> honestFailures = new ConcurrentLinkedQueue<>();
            byte[] query = RawWs.text(Msg.query(1, "SELECT 1 AS n /* " + "p".repeat(MAX_MESSAGE - 100) + " */"));
            for (RawWs ws : hostile) {
                pool.submit(() -> {
                    while (attacking.get()) {
                        ws.write(query); // blocks once the proxy stops reading this client
                        hostileBytes.add(query.length);
                    }
                    return null;
                });
            }
            List<Future<?>> honest = new ArrayList<>();
            for (WsClient client : honestSessions) {
                honest.add(pool.submit(() -> honestLoop(client, attacking, honestAnswers, slowestHonestMs, honestFailures)));
            }
            long start = System.nanoTime();
            long maxHeap = 0;
            long maxOffHeap = 0;
            int samples = 0;
            while (System.nanoTime() - start < HOSTILE_PHASE.toNanos()) {
                maxHeap = Math.max(maxHeap, JvmMemory.heapUsedAfterGc(proxy.pid()));
                maxOffHeap = Math.max(maxOffHeap, JvmMemory.offHeapCommitted(proxy.pid()));
                samples++;
            }
            attacking.set(false);
            hostile.forEach(RawWs::close); // also ends the writes that block
            for (Future<?> f : honest) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdownNow();

            System.out.printf("hostile: %d sessions sent %,d MiB of maximum-size queries in %d s without reading;"
                    + " proxy heap after GC: %,d KiB before, at most %,d KiB in %d samples (bound %,d KiB)%n",
                    HOSTILE, hostileBytes.sum() >> 20, HOSTILE_PHASE.toSeconds(), baseline >> 10, maxHeap >> 10, samples,
                    bound >> 10);
            System.out.printf("hostile: direct buffers committed (NMT Other): %,d KiB before, at most %,d KiB (bound %,d KiB)%n",
                    offHeapBaseline >> 10, maxOffHeap >> 10, offHeapBound >> 10);
            System.out.printf("hostile: %d honest sessions got %,d answers meanwhile, slowest %d ms, %d failed%n",
                    HONEST, honestAnswers.sum(), slowestHonestMs.get(), honestFailures.size());

            // Then
            assertThat(proxy.isAlive()).isTrue();
            assertThat(maxHeap).as("proxy heap after GC, bytes").isLessThan(bound);
            assertThat(maxOffHeap).as("proxy direct buffers committed, bytes").isLessThan(offHeapBound);
            assertThat(honestFailures).isEmpty();
            assertThat(honestAnswers.sum()).isGreaterThanOrEqualTo(HONEST);
            proxy.awaitNoSessions(java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(60)); // 500 closes take a moment
            assertBudgetWholeAgain(proxy);
        }
    }

    /** Pipelined queries that need most of a session's budget are all answered: nothing is left reserved. */
    private static void assertBudgetWholeAgain(ProxyProcess proxy) throws Exception {
        try (WsClient client = WsClient.connect(proxy.wsUri())) {
            client.send(Msg.auth("app", "pw"));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
            for (int id = 1; id <= 3; id++) {
                client.send(Msg.query(id, "SELECT " + id + " AS n /* " + "p".repeat(900_000) + " */"));
            }
            for (int id = 1; id <= 3; id++) {
                JsonNode first = client.next();
                assertThat(first.path("type").asText()).as("%s", first).isEqualTo("columns");
                client.next();
                assertThat(client.next().path("type").asText()).isEqualTo("end");
            }
        }
    }

    /** An honest session, opened before the attack: one query at a time, each answered, until it ends. */
    private static Void honestLoop(WsClient client, AtomicBoolean attacking, LongAdder answers, AtomicLong slowestMs,
            ConcurrentLinkedQueue<Throwable> failures) {
        try (client) {
            long id = 0;
            do {
                long t0 = System.nanoTime();
                client.send(Msg.query(++id, "SELECT 'honest' AS who"));
                assertThat(client.next().path("type").asText()).isEqualTo("columns");
                assertThat(client.next().path("rows").get(0).get(0).asText()).isEqualTo("honest");
                assertThat(client.next().path("type").asText()).isEqualTo("end");
                slowestMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                answers.increment();
            } while (attacking.get());
        } catch (Throwable e) {
            failures.add(e);
        }
        return null;
    }
}
