package io.wsproxy.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.RawWs;
import io.wsproxy.it.support.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * The WebSocket fuzz: 100 sessions at once send malformed JSON (random, truncated, wrong
 * types, deep nesting) and malformed frames (invalid UTF-8, binary, oversized, unmasked, reserved
 * bits and opcodes, broken fragmentation, fragments never finished), over 10,000 inputs in all.
 * Each input must get exactly its documented answer: {@code error} 9110 with the session going on,
 * or the session closed with its close code. Meanwhile honest sessions keep getting answers, and
 * afterwards the node and its proxy still serve.
 */
class WsFuzzIT {
    private static final int SESSIONS = 100;
    private static final int ROUNDS = 3;
    /** Protocol errors per round: under 100, so the session stays open until its fatal input. */
    private static final int ERRORS_PER_ROUND = 33;
    private static final int HONEST = 4;
    private static final int MAX_MESSAGE = 1024 * 1024;
    private static final Duration REPLY = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void tenThousandMalformedInputsEachGetTheirDocumentedAnswerAndNothingElseIsDisturbed() throws Exception {
        try (EngineNode node = ProxyCnf.http().start(dir.resolve("node"), "fuzz-pw")) {
            Map<String, String> wrong = new ConcurrentHashMap<>();
            Map<String, LongAdder> inputs = new ConcurrentHashMap<>();
            AtomicBoolean fuzzing = new AtomicBoolean(true);
            LongAdder honestAnswers = new LongAdder();
            AtomicLong slowestHonestMs = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> honestFailures = new ConcurrentLinkedQueue<>();

            ExecutorService pool = Executors.newFixedThreadPool(SESSIONS + HONEST);
            List<Future<?>> honest = new ArrayList<>();
            for (int h = 0; h < HONEST; h++) {
                honest.add(pool.submit(() -> honestLoop(node, fuzzing, honestAnswers, slowestHonestMs, honestFailures)));
            }
            long start = System.nanoTime();
            List<Future<?>> fuzzers = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                int seed = s;
                fuzzers.add(pool.submit(() -> {
                    fuzz(node, new Random(seed), seed, inputs, wrong);
                    return null;
                }));
            }
            for (Future<?> f : fuzzers) {
                f.get(10, TimeUnit.MINUTES);
            }
            long fuzzMs = (System.nanoTime() - start) / 1_000_000;
            fuzzing.set(false);
            for (Future<?> f : honest) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            long total = inputs.values().stream().mapToLong(LongAdder::sum).sum();
            System.out.printf("fuzz: %,d malformed inputs from %d sessions in %,d ms%n", total, SESSIONS, fuzzMs);
            inputs.forEach((kind, n) -> System.out.printf("fuzz:   %-40s %,6d%n", kind, n.sum()));
            System.out.printf("fuzz: %,d honest queries answered meanwhile, slowest %d ms, %d failed%n",
                    honestAnswers.sum(), slowestHonestMs.get(), honestFailures.size());

            // Then
            assertThat(wrong).as("inputs whose answer was not the documented one").isEmpty();
            assertThat(total).isGreaterThanOrEqualTo(10_000);
            assertThat(honestFailures).as("honest sessions' failures").isEmpty();
            assertThat(honestAnswers.sum()).isGreaterThanOrEqualTo(HONEST);
            assertThat(node.isAlive()).isTrue();
            try (WsClient fresh = WsClient.connect(node.wsUri())) {
                fresh.send(Msg.auth("root", "fuzz-pw"));
                assertThat(fresh.next().path("type").asText()).isEqualTo("ready");
                fresh.send(Msg.query(1, "SELECT 41 + 1 AS answer"));
                assertThat(fresh.next().path("type").asText()).isEqualTo("columns");
                assertThat(fresh.next().path("rows").get(0).get(0).asInt()).isEqualTo(42);
            }
        }
    }

    /** One fuzzing session: rounds of protocol errors, each round ended by one fatal frame. */
    private static void fuzz(EngineNode node, Random random, int seed, Map<String, LongAdder> inputs,
            Map<String, String> wrong) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            try (RawWs ws = RawWs.open(node.wsUri())) {
                // Before auth: a query is a protocol error too
                ws.send(Msg.query(1, "SELECT 1"));
                expect9110(ws, "query before auth", inputs, wrong);
                ws.send(Msg.auth("root", "fuzz-pw"));
                JsonNode ready = ws.nextJson(REPLY);
                if (!"ready".equals(ready.path("type").asText())) {
                    wrong.put("auth of session " + seed, ready.toString());
                    return;
                }
                List<String> bad = new ArrayList<>();
                for (int i = 0; i < ERRORS_PER_ROUND; i++) {
                    bad.add(FuzzInputs.protocolError(random));
                }
                for (String message : bad) { // pipelined, as a client may
                    ws.write(RawWs.frame(RawWs.TEXT, true, message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                for (String message : bad) {
                    expect9110(ws, abbreviate(message), inputs, wrong);
                }
                FuzzInputs.Fatal fatal = FuzzInputs.fatal(random, seed + round, MAX_MESSAGE);
                ws.writeQuietly(fatal.bytes());
                count(inputs, fatal.kind());
                int code = ws.awaitClose(REPLY);
                if (code != fatal.closeCode()) {
                    wrong.put(fatal.kind() + " (session " + seed + ")", "closed with " + code + ", not " + fatal.closeCode());
                }
            }
        }
        unfinishedFragment(node, inputs, wrong, seed);
    }

    /** A fragment never finished: the session neither answers nor fails; a ping still gets its pong. */
    private static void unfinishedFragment(EngineNode node, Map<String, LongAdder> inputs, Map<String, String> wrong,
            int seed) throws Exception {
        try (RawWs ws = RawWs.open(node.wsUri())) {
            ws.send(Msg.auth("root", "fuzz-pw"));
            ws.nextJson(REPLY);
            ws.write(RawWs.frame(RawWs.TEXT, false, "{\"type\":\"query\",\"id\":1,".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII)));
            count(inputs, "fragment never finished");
            ws.write(RawWs.frame(RawWs.PING, true, new byte[] {42}));
            RawWs.Frame pong = ws.next(REPLY);
            if (pong.opcode() != 0xA || pong.payload().length != 1 || pong.payload()[0] != 42) {
                wrong.put("fragment never finished (session " + seed + ")", "answered opcode " + pong.opcode());
            }
        }
    }

    private static void expect9110(RawWs ws, String input, Map<String, LongAdder> inputs, Map<String, String> wrong)
            throws Exception {
        JsonNode reply = ws.nextJson(REPLY);
        count(inputs, "JSON protocol error (9110)");
        if (!"error".equals(reply.path("type").asText()) || reply.path("code").asInt() != 9110
                || !"08P01".equals(reply.path("sqlState").asText())) {
            wrong.put(input, reply.toString());
        }
    }

    private static void count(Map<String, LongAdder> inputs, String kind) {
        inputs.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** An honest session: SELECT 1 over and over, each answered in order, until the fuzzing ends. */
    private static Void honestLoop(EngineNode node, AtomicBoolean fuzzing, LongAdder answers, AtomicLong slowestMs,
            ConcurrentLinkedQueue<Throwable> failures) {
        try (WsClient client = WsClient.connect(node.wsUri())) {
            client.send(Msg.auth("root", "fuzz-pw"));
            assertThat(client.next().path("type").asText()).isEqualTo("ready");
            long id = 0;
            do {
                long t0 = System.nanoTime();
                client.send(Msg.query(++id, "SELECT 1"));
                List<String> types = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    types.add(client.next().path("type").asText());
                }
                assertThat(types).containsExactly("columns", "rows", "end");
                slowestMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                answers.increment();
            } while (fuzzing.get());
        } catch (Throwable e) {
            failures.add(e);
        }
        return null;
    }
}
