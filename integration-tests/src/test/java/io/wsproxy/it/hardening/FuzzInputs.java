package io.wsproxy.it.hardening;

import io.wsproxy.it.support.RawWs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Malformed {@code /ws} input for the fuzz test, each with the outcome PROTOCOL.md (and
 * docs/errors.md) promises for it: messages that break the JSON protocol (error 9110, the
 * session goes on) and frames that end the session (a close code).
 */
final class FuzzInputs {
    /** One input that ends the session, with its close code. */
    record Fatal(String kind, byte[] bytes, int closeCode) {
    }

    private static final List<String> WRONG_TYPES = List.of(
            "{\"type\":\"query\",\"id\":{\"a\":1},\"sql\":\"SELECT 1\"}",
            "{\"type\":\"query\",\"id\":1,\"sql\":5}",
            "{\"type\":\"query\",\"id\":1,\"sql\":\"SELECT ?\",\"args\":\"not an array\"}",
            "{\"type\":\"query\",\"id\":1,\"sql\":\"SELECT ?\",\"args\":[{\"nested\":true}]}",
            "{\"type\":[\"query\"]}",
            "{\"type\":\"cancel\",\"id\":true}",
            "{\"type\":\"query\",\"id\":[1],\"sql\":\"SELECT 1\"}",
            "{\"type\":null}",
            "{\"type\":\"auth\",\"user\":1,\"password\":\"x\"}",
            "[{\"type\":\"ping\"}]",
            "\"ping\"",
            "null",
            "{}",
            "");

    private FuzzInputs() {
    }

    /**
     * A text message, valid UTF-8, that is not a valid message of an authenticated session: every
     * one of them gets {@code error} 9110.
     */
    static String protocolError(Random random) {
        switch (random.nextInt(7)) {
            case 0: { // a strict prefix of a valid message is never valid JSON
                String whole = "{\"type\":\"query\",\"id\":" + random.nextInt(1000) + ",\"sql\":\"SELECT 1\"}";
                return whole.substring(0, 1 + random.nextInt(whole.length() - 1));
            }
            case 1:
                return WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size()));
            case 2: { // deep nesting inside an otherwise good query
                int depth = 1000 + random.nextInt(4000);
                return "{\"type\":\"query\",\"id\":1,\"sql\":\"SELECT ?\",\"args\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            }
            case 3:
                return "{\"type\":\"fuzz-" + random.nextInt(1_000_000) + "\",\"id\":1}";
            case 4: // a cancel for nothing that runs
                return "{\"type\":\"cancel\",\"id\":\"none-" + random.nextInt(1_000_000) + "\"}";
            case 5: // auth again, after ready
                return "{\"type\":\"auth\",\"user\":\"root\",\"password\":\"again\"}";
            default:
                return randomText(random, 1 + random.nextInt(200));
        }
    }

    /** Random code points (ASCII, accents, CJK, emoji): valid UTF-8, never a JSON object with a type. */
    private static String randomText(Random random, int length) {
        StringBuilder s = new StringBuilder("~");
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> s.append((char) (' ' + random.nextInt(95)));
                case 1 -> s.append((char) (0xc0 + random.nextInt(0x100)));
                case 2 -> s.append((char) (0x4e00 + random.nextInt(0x5000)));
                default -> s.appendCodePoint(0x1f300 + random.nextInt(0x300));
            }
        }
        return s.toString();
    }

    /** An input that ends an authenticated session, chosen by {@code n} so that every kind comes up. */
    static Fatal fatal(Random random, int n, int maxMessageSize) {
        switch (n % 9) {
            case 0: {
                byte[] text = randomText(random, 50).getBytes(StandardCharsets.UTF_8);
                text[random.nextInt(text.length)] = (byte) (0xf8 | random.nextInt(8)); // never in UTF-8
                return new Fatal("invalid UTF-8", RawWs.frame(RawWs.TEXT, true, text), 1007);
            }
            case 1:
                return new Fatal("binary frame", RawWs.frame(RawWs.BINARY, true, bytes(random, 100)), 1003);
            case 2:
                return new Fatal("message over the limit", RawWs.frame(RawWs.TEXT, true,
                        "x".repeat(maxMessageSize + 1).getBytes(StandardCharsets.US_ASCII)), 1009);
            case 3:
                return new Fatal("unmasked frame", RawWs.frame(RawWs.FIN | RawWs.TEXT,
                        "{\"type\":\"ping\"}".getBytes(StandardCharsets.US_ASCII), false), 1002);
            case 4:
                return new Fatal("reserved bit set", RawWs.frame(RawWs.FIN | 0x40 | RawWs.TEXT,
                        "{\"type\":\"ping\"}".getBytes(StandardCharsets.US_ASCII), true), 1002);
            case 5:
                return new Fatal("reserved opcode", RawWs.frame(RawWs.FIN | (3 + random.nextInt(5)), bytes(random, 10), true),
                        1002);
            case 6:
                return new Fatal("continuation without a start", RawWs.frame(RawWs.CONTINUATION, true, bytes(random, 10)),
                        1002);
            case 7: {
                byte[] first = RawWs.frame(RawWs.TEXT, false, "{\"type\":".getBytes(StandardCharsets.US_ASCII));
                byte[] second = RawWs.text("{\"type\":\"ping\"}");
                return new Fatal("new message inside an unfinished one", concat(first, second), 1002);
            }
            default:
                return new Fatal("control frame over 125 bytes", RawWs.frame(RawWs.PING, true, bytes(random, 126)), 1002);
        }
    }

    static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
