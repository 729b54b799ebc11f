package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.TestCerts;
import io.wsproxy.it.support.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transitions are serialized (DESIGN.md section 4): eight SUPER sessions race RESTART PROXY
 * against SET GLOBAL of both ports (HTTP and HTTPS, so protocol switches on one port race too)
 * for 30 seconds on a node with SSL; the only refusals are the documented ones (9101 conflict,
 * 9103 bind); whenever SHOW PROXY STATUS says RUNNING, its port answers in its protocol (checked
 * with a real connection, and counted only if the same generation still runs after the probe);
 * and a last RESTART PROXY leaves exactly what the variables say: one listening port, one engine
 * socket.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConcurrentControlIT {
    static final int SESSIONS = 8;
    static final Duration RUN = Duration.ofSeconds(30);
    static final Duration SOCKETS_GONE_TIMEOUT = Duration.ofSeconds(Nodes.DRAIN_SECONDS + 20);

    @TempDir
    Path dir;

    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicLong restartsOk = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong bindFailures = new AtomicLong();
    private final AtomicLong sets = new AtomicLong();
    private final AtomicLong setWarnings = new AtomicLong();
    private final AtomicLong statuses = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private SSLContext tls;

    @Test
    void racingRestartsAndSetsEndInTheStateTheVariablesAsk() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        tls = Tls.trusting(certs.caCert());
        try (EngineNode node = Nodes.startWithSsl(dir.resolve("node"), certs); Connection root = ProxySql.root(node)) {
            int[] candidates = Ports.free(3);
            long deadline = System.nanoTime() + RUN.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                Connection c = ProxySql.root(node);
                Thread t = new Thread(() -> race(c, candidates, deadline), "control-" + i);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join(RUN.plusSeconds(60).toMillis());
                assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
            }
            System.out.printf("concurrent control: %d sessions for %s: %d RESTART PROXY ok, %d refused 9101, "
                    + "%d refused 9103, %d SET GLOBAL (%d with warning 9101), %d SHOW PROXY STATUS, "
                    + "%d ports probed while RUNNING, %d unexpected%n", SESSIONS, RUN, restartsOk.get(),
                    conflicts.get(), bindFailures.get(), sets.get(), setWarnings.get(), statuses.get(), probes.get(),
                    unexpected.size());
            assertThat(unexpected).as("errors or states other than the documented ones").isEmpty();
            assertThat(restartsOk.get()).as("successful restarts during the race").isPositive();
            assertThat(probes.get()).as("RUNNING states whose port was probed").isPositive();

            int port = candidates[0];
            ProxySql.setPorts(root, port, 0);
            ProxySql.restart(root);

            ProxySql.Status status = ProxySql.status(root);
            assertThat(status.state()).isEqualTo("RUNNING");
            assertThat(status.protocol()).isEqualTo("HTTP");
            assertThat(status.port()).isEqualTo(Integer.parseInt(ProxySql.global(root, "http_proxy_port")));
            assertThat(ProxySql.global(root, "https_proxy_port")).isEqualTo("0");
            for (int candidate : candidates) {
                assertThat(Ports.listening(candidate)).as("port %d listening", candidate).isEqualTo(candidate == port);
            }
            try (WsClient ws = WsClient.session(Nodes.client(), Ports.ws(port), "root", Nodes.ROOT_PW)) {
                ws.selectOne(1);
            }
            assertOnlyEngineSocket(node.baseDir(), "proxy-" + status.generation() + ".sock");
        }
    }

    /** One session's random mix of control statements until the deadline. */
    private void race(Connection c, int[] candidates, long deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (c) {
            while (System.nanoTime() < deadline) {
                int op = random.nextInt(10);
                try {
                    if (op < 4) {
                        ProxySql.restart(c);
                        restartsOk.incrementAndGet();
                    } else if (op < 9) {
                        set(c, candidates, random);
                    } else {
                        checkStatus(c, candidates);
                    }
                } catch (SQLException e) {
                    switch (e.getErrorCode()) {
                        case 9101 -> conflicts.incrementAndGet();
                        case 9103 -> bindFailures.incrementAndGet();
                        default -> unexpected.add(Thread.currentThread().getName() + ": " + e.getErrorCode() + " "
                                + e.getSQLState() + " " + e.getMessage());
                    }
                }
            }
        } catch (Exception e) {
            unexpected.add(Thread.currentThread().getName() + ": " + e);
        }
    }

    /** Both ports in one statement: off, HTTP or HTTPS on a candidate, or a conflict of the two. */
    private void set(Connection c, int[] candidates, ThreadLocalRandom random) throws SQLException {
        int kind = random.nextInt(10);
        int http = kind < 2 || kind >= 6 && kind < 9 ? 0 : candidates[random.nextInt(candidates.length)];
        int https = kind >= 6 ? candidates[random.nextInt(candidates.length)] : 0;
        try (Statement s = c.createStatement()) {
            s.execute("SET GLOBAL http_proxy_port = " + http + ", GLOBAL https_proxy_port = " + https);
            sets.incrementAndGet();
            if (s.getWarnings() != null) {
                if (s.getWarnings().getErrorCode() != 9101 || https == 0 || http == 0) {
                    unexpected.add("SET " + http + "/" + https + " warned " + s.getWarnings());
                }
                setWarnings.incrementAndGet();
            } else if (https != 0 && http != 0) {
                unexpected.add("SET " + http + "/" + https + " created a conflict without warning 9101");
            }
        }
    }

    /**
     * A RUNNING status names a port that answers in its protocol: probed, then the status is read
     * again, and the probe counts only if the same generation was RUNNING throughout.
     */
    private void checkStatus(Connection c, int[] candidates) throws SQLException, IOException {
        ProxySql.Status status = ProxySql.status(c);
        statuses.incrementAndGet();
        boolean ok = switch (status.state()) {
            case "STOPPED" -> true;
            case "RUNNING" -> Set.of("HTTP", "HTTPS").contains(status.protocol())
                    && Set.of(candidates[0], candidates[1], candidates[2]).contains(status.port());
            default -> false;
        };
        if (!ok) {
            unexpected.add("SHOW PROXY STATUS " + status);
        }
        if (status.state().equals("RUNNING")) {
            Probe seen = Probe.of(status.port(), tls);
            ProxySql.Status after = ProxySql.status(c);
            if (after.state().equals("RUNNING") && after.generation() == status.generation()) {
                probes.incrementAndGet();
                if (!seen.name().equals(status.protocol())) {
                    unexpected.add("SHOW PROXY STATUS " + status + " but the port answered " + seen);
                }
            }
        }
    }

    /** Engine sockets of replaced generations go once their drain is over; only {@code expected} stays. */
    private static void assertOnlyEngineSocket(Path baseDir, String expected) throws Exception {
        long started = System.nanoTime();
        long deadline = started + SOCKETS_GONE_TIMEOUT.toNanos();
        Set<String> sockets = engineSockets(baseDir);
        while (!sockets.equals(Set.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            sockets = engineSockets(baseDir);
        }
        System.out.printf("concurrent control: engine sockets %s after %d ms%n", sockets,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(sockets).as("proxy-*.sock in %s, %s after the last RESTART PROXY", baseDir, SOCKETS_GONE_TIMEOUT)
                .containsExactly(expected);
    }

    private static Set<String> engineSockets(Path baseDir) throws IOException {
        try (Stream<Path> files = Files.list(baseDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("proxy-\\d+\\.sock"))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
