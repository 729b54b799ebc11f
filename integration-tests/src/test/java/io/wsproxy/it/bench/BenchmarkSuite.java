package io.wsproxy.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark suite of BENCHMARKS.md, run by {@code mvn verify -Pbench} only. It starts the
 * engines and proxies, runs each case's {@link LoadGenerator} in a JVM of its own, and writes
 * {@code target/bench/results.md} and {@code results.json}. A MISS is reported, not failed; a
 * case that breaks (an exception, wrong row counts, failed queries where none may fail) fails
 * the build after the report is written.
 */
class BenchmarkSuite {
    private static final String ROOT_PASSWORD = "bench-root-pw";

    @TempDir
    Path work;

    @Test
    void runAllCases() throws Exception {
        long started = System.nanoTime();
        // If Maven stops this JVM, the engines, proxies and load generators it started go too.
        Thread cleanup = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy));
        Runtime.getRuntime().addShutdownHook(cleanup);
        Path out = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        Files.createDirectories(out);
        Bench b = new Bench(out, work);
        List<CaseResult> results = new ArrayList<>();

        if (Stream.of("B1", "B2", "B3", "B5", TunnelCase.ID, DataApiCase.ID).anyMatch(BenchmarkSuite::selected)) {
            results.addAll(nodeCases(b));
        }
        if (selected("B8") || selected("B4")) {
            results.addAll(mariaDbCases(b));
        }
        results.removeIf(java.util.Objects::isNull);
        results.sort(java.util.Comparator.comparing(CaseResult::id));

        Report.Context context = Report.Context.here(repositoryRoot(), (System.nanoTime() - started) / 1_000_000_000L);
        Report.write(out, context, results, b.profiles());
        Runtime.getRuntime().removeShutdownHook(cleanup);
        assertThat(results).as("cases that broke (see results.md)")
                .filteredOn(r -> r.verdict() == CaseResult.Verdict.BROKEN).isEmpty();
    }

    /** B1, B2, B3, B5, B6 and B7 on one engine-sim node with its own proxy. */
    private List<CaseResult> nodeCases(Bench b) throws Exception {
        List<CaseResult> results = new ArrayList<>();
        try (EngineNode node = startNode(work.resolve("node"))) {
            String jdbc = node.mysqlUrl("sslMode=DISABLED&allowPublicKeyRetrieval=true");
            long nodePid = nodePid(node);
            SelectOneCases.Sides sides = new SelectOneCases.Sides(jdbc, node.wsUri().toString(), "root", ROOT_PASSWORD,
                    nodePid, "node", "(Connector/J, TCP)", Map.of());
            SelectOneCases.warmUp(b, "node", sides);
            results.add(run("B1", "SELECT 1 round trip, 1 session (engine-sim)",
                    () -> SelectOneCases.latency(b, "B1", "SELECT 1 round trip, 1 session (engine-sim)", sides)));
            results.add(run("B2", "SELECT 1, 64 sessions, closed loop (engine-sim)",
                    () -> SelectOneCases.throughput(b, "B2", "SELECT 1, 64 sessions, closed loop (engine-sim)", sides)));
            results.add(run("B3", "stream 1,000,000 rows",
                    () -> StreamCase.run(b, jdbc, "root", ROOT_PASSWORD, node.socket(), nodePid)));
            results.add(run(TunnelCase.ID, TunnelCase.TITLE,
                    () -> TunnelCase.run(b, node.proxyUrl(), node.port(), "root", ROOT_PASSWORD)));
            results.add(run(DataApiCase.ID, DataApiCase.TITLE,
                    () -> DataApiCase.run(b, node.proxyUrl(), node.wsUri().toString(), "root", ROOT_PASSWORD)));
            results.add(run("B5", "RESTART PROXY under load",
                    () -> RestartCase.run(b, node.wsUri(), jdbc, "root", ROOT_PASSWORD, nodePid)));
        }
        return results;
    }

    /**
     * B8: B1 and B2 with MariaDB as the engine and the standalone proxy on its Unix socket; then B4
     * on the same MariaDB, which accepts connections much faster than engine-sim does.
     */
    private List<CaseResult> mariaDbCases(Bench b) {
        String latencyTitle = "B1 with MariaDB: SELECT 1 round trip, 1 session";
        String throughputTitle = "B2 with MariaDB: SELECT 1, 64 sessions";
        List<CaseResult> cases = new ArrayList<>();
        try (MariaDbEngine mariadb = MariaDbEngine.start(work.resolve("mariadb"))) {
            String version = MariaDbEngine.version();
            try (StandaloneProxy proxy = StandaloneProxy.start(work.resolve("proxy-b8"), mariadb.socket())) {
                SelectOneCases.Sides sides = new SelectOneCases.Sides("unix:" + mariadb.socket(),
                        proxy.wsUri().toString(), MariaDbEngine.USER, MariaDbEngine.PASSWORD, proxy.pid(), "proxy",
                        "(wire codec, Unix socket)", Map.of("mariadbd", mariadb.pid()));
                SelectOneCases.warmUp(b, "b8-proxy", sides);
                cases.add(run("B8 (B1)", latencyTitle, () -> SelectOneCases.latency(b, "B8 (B1)", latencyTitle, sides)
                        .withNotes("MariaDB " + version + ". Direct: the project's wire codec on jnr-unixsocket"
                                + " (MariaDB Connector/J's localSocket needs JNA, not on the classpath).")));
                cases.add(run("B8 (B2)", throughputTitle, () -> SelectOneCases.throughput(b, "B8 (B2)",
                        throughputTitle, sides).withNotes("MariaDB " + version + "; direct as in B8 (B1).")));
            }
            if (selected("B8 floor")) {
                cases.addAll(floorCases(b, mariadb));
            }
            cases.add(run("B4", "10,000 idle sessions", () -> IdleCase.run(b, mariadb.socket(), "MariaDB",
                    MariaDbEngine.USER, MariaDbEngine.PASSWORD)));
        } catch (Exception e) {
            cases.add(CaseResult.broken("B8", "MariaDB as the engine", e));
        }
        return cases;
    }

    /**
     * B8's floor: the same two workloads through {@link ByteRelay} instead of the proxy, reported
     * beside B8 with no target.
     */
    private List<CaseResult> floorCases(Bench b, MariaDbEngine mariadb) {
        String latencyTitle = "B8 (B1) through a byte relay instead of the proxy";
        String throughputTitle = "B8 (B2) through a byte relay instead of the proxy";
        String how = "The second side is not the proxy but a byte relay (ByteRelay: Netty's " + ByteRelay.transport()
                + ", as many event loops as the proxy, forwards each read as it comes, parses nothing) in a JVM of its own, between the same"
                + " client (the wire codec on both sides) and the same MariaDB: the least a proxy in between adds.";
        try (HopFloor relay = HopFloor.start(work.resolve("relay-b8"), mariadb.socket())) {
            SelectOneCases.Sides floor = new SelectOneCases.Sides("unix:" + mariadb.socket(), "unix:" + relay.socket(),
                    MariaDbEngine.USER, MariaDbEngine.PASSWORD, relay.pid(), "relay", "(wire codec, Unix socket)",
                    Map.of("mariadbd", mariadb.pid()), true);
            SelectOneCases.warmUp(b, "b8-relay", floor);
            return Arrays.asList(
                    run("B8 floor (B1)", latencyTitle,
                            () -> SelectOneCases.latency(b, "B8 floor (B1)", latencyTitle, floor).withNotes(how)),
                    run("B8 floor (B2)", throughputTitle,
                            () -> SelectOneCases.throughput(b, "B8 floor (B2)", throughputTitle, floor).withNotes(how)));
        } catch (Exception e) {
            return List.of(CaseResult.broken("B8 floor", "B8 through a byte relay instead of the proxy", e));
        }
    }

    /**
     * The cases to run: all, or those named by {@code -Dbench.cases=B1,B8} (a case id or its
     * prefix, so B8 selects both B8 cases); for working on one case, the report then has only those.
     */
    private static boolean selected(String id) {
        String only = System.getProperty("bench.cases", "").strip();
        return only.isEmpty() || Arrays.stream(only.split(",")).map(String::strip).anyMatch(id::startsWith);
    }

    private static CaseResult run(String id, String title, Callable<CaseResult> body) {
        if (!selected(id)) {
            return null;
        }
        try {
            return body.call();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            return CaseResult.broken(id, title, e);
        }
    }

    private static EngineNode startNode(Path dir) throws Exception {
        Files.createDirectories(dir);
        int proxyPort = StandaloneProxy.freePort();
        Files.writeString(dir.resolve("memsql.cnf"), "[server]\nport = 0\nbind_address = 127.0.0.1\n"
                + "http_proxy_port = " + proxyPort + "\nhttp_api = ON\nmax_connections = 20000\n");
        return EngineNode.start(dir, ROOT_PASSWORD);
    }

    /** The node's process: EngineNode keeps it private; it is our child with the node's base dir. */
    private static long nodePid(EngineNode node) {
        String dir = node.baseDir().toString();
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(dir)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no child process for node " + dir)).pid();
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("../.git")) ? here.getParent() : here;
    }
}
