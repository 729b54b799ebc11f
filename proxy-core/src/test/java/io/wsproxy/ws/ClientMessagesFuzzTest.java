package io.wsproxy.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property: whatever the text, parse returns a message or throws a ProtocolException, nothing else. */
class ClientMessagesFuzzTest {

    private static final long SEED = 0x5eed_2024L;
    private static final int CASES = 10_000;

    private static final String[] SEEDS = {
        "{\"type\":\"auth\",\"user\":\"root\",\"password\":\"pw\",\"database\":\"d\",\"options\":{\"bigint\":\"string\"}}",
        "{\"type\":\"query\",\"id\":1,\"sql\":\"SELECT ?\",\"args\":[null,true,1.5e3,\"x\",-7]}",
        "{\"type\":\"query\",\"id\":\"abc\",\"sql\":\"DO 0\"}",
        "{\"type\":\"cancel\",\"id\":99999999999999999999999}",
        "{\"type\":\"ping\"}",
    };
    private static final String[] FRAGMENTS = {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "true", "1e999999999", "-", "0.",
        "\"type\"", "\"id\"", "\"args\"", "\"options\"", "{\"bigint\":1}", "\u0000", "\uD83D\uDE00", "\uDC00", " ",
        "NaN", "Infinity", "/*", "'", "9".repeat(2000),
    };

    @Test
    void parseNeverThrowsAnythingButProtocolException() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        for (int i = 0; i < CASES; i++) {
            String text = i % 10 == 0 ? randomText(random) : mutate(SEEDS[random.nextInt(SEEDS.length)], random);
            try {
                ClientMessages.parse(text);
                parsed++;
            } catch (ProtocolException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (Throwable t) {
                failures.add(t + " for " + text);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(parsed).as("some mutations still parse").isPositive();
    }

    /**
     * The streaming fast path ({@link CommonMessages}) answers only where the tree-based parser
     * gives the same message; where it declines, the outcome is the tree's, error wording included.
     */
    @Test
    void theFastPathAgreesWithTheTreeParser() {
        Random random = new Random(SEED + 1);
        int answered = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String text = i % 10 == 0 ? randomText(random) : mutate(SEEDS[random.nextInt(SEEDS.length)], random);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            Object tree = outcome(() -> ClientMessages.parseTree(utf8, 0, utf8.length));
            Object parsed = outcome(() -> ClientMessages.parse(utf8, 0, utf8.length));
            ClientMessage fast = CommonMessages.read(ClientMessages.json(), utf8, 0, utf8.length);
            if (fast != null) {
                answered++;
                if (!fast.equals(tree)) {
                    disagreements.add(text + " -> fast " + fast + ", tree " + tree);
                }
            }
            if (!parsed.equals(tree)) {
                disagreements.add(text + " -> parse " + parsed + ", tree " + tree);
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(answered).as("the fast path answers for a good part of the messages").isGreaterThan(CASES / 50);
    }

    /** The shapes the fast path reads, and the near misses it must leave to the tree. */
    @Test
    void curatedMessagesAgreeOnBothPaths() {
        String[] messages = {
            "{\"type\":\"query\",\"id\":1,\"sql\":\"SELECT 1\"}",
            "{\"sql\":\"SELECT ?\",\"id\":\"q-1\",\"type\":\"query\",\"args\":[null,true,false,-0,2.50,1e3,"
                    + "12345678901234567890123,\"x\\u00e9\"]}",
            "{\"type\":\"query\",\"id\":2.0,\"sql\":\"DO 0\",\"extra\":{\"nested\":[1,{\"a\":[]}]}}",
            "{\"type\":\"query\",\"id\":3,\"sql\":\"DO 0\",\"args\":null}",
            "{\"type\":\"cancel\",\"id\":99999999999999999999}",
            "{\"type\":\"ping\",\"id\":[1]}",
            "{\"type\":\"query\",\"id\":1,\"sql\":\"a\",\"sql\":\"b\"}",
            "{\"type\":\"query\",\"id\":1,\"sql\":\"a\",\"extra\":{\"k\":1,\"k\":2}}",
            "{\"type\":\"query\",\"id\":true,\"sql\":\"a\"}",
            "{\"type\":\"query\",\"id\":1,\"sql\":5}",
            "{\"type\":\"query\",\"id\":1,\"sql\":\"a\",\"args\":[[1]]}",
            "{\"type\":\"query\",\"id\":1,\"sql\":\"a\",\"args\":{}}",
            "{\"type\":\"query\",\"id\":1}",
            "{\"type\":\"query\",\"sql\":\"a\"}",
            "{\"type\":\"query\",\"id\":1,\"sql\":\"a\"} {}",
            "{\"type\":\"query\",\"id\":1,\"sql\":\"a\",\"password\":\"p\"}",
            "{\"type\":\"auth\",\"user\":\"u\",\"password\":\"p\"}",
            "{\"type\":\"nope\"}",
            "{\"type\":null}",
            "[]",
            "   ",
            "{\"type\":\"query\",\"id\":NaN,\"sql\":\"a\"}",
        };
        for (String text : messages) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertThat(outcome(() -> ClientMessages.parse(utf8, 0, utf8.length))).as(text)
                    .isEqualTo(outcome(() -> ClientMessages.parseTree(utf8, 0, utf8.length)));
        }
        byte[] common = messages[1].getBytes(StandardCharsets.UTF_8);
        assertThat(CommonMessages.read(ClientMessages.json(), common, 0, common.length)).as("read without the tree")
                .isNotNull();
    }

    /** The parsed message, or the ProtocolException's id and message. */
    private static Object outcome(java.util.function.Supplier<ClientMessage> parse) {
        try {
            return parse.get();
        } catch (ProtocolException e) {
            return "error " + e.id() + ": " + e.getMessage();
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            switch (random.nextInt(5)) {
                case 0:
                    if (s.length() > 0) {
                        s.deleteCharAt(at);
                    }
                    break;
                case 1:
                    s.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                    break;
                case 2:
                    if (s.length() > 0) {
                        s.setCharAt(at, (char) random.nextInt(0x80));
                    }
                    break;
                case 3:
                    s.setLength(at);
                    break;
                default:
                    // Swap one value for another fragment: keeps the structure mostly valid.
                    int colon = s.indexOf(":", at);
                    if (colon >= 0) {
                        int end = colon + 1;
                        while (end < s.length() && s.charAt(end) != ',' && s.charAt(end) != '}') {
                            end++;
                        }
                        s.replace(colon + 1, end, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                    }
            }
        }
        return s.toString();
    }

    private static String randomText(Random random) {
        int n = random.nextInt(40);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(random.nextBoolean() ? FRAGMENTS[random.nextInt(FRAGMENTS.length)] : (char) random.nextInt(0x10000));
        }
        return s.toString();
    }
}
