package io.wsproxy.ws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds MySQL text-protocol row payloads for tests: one length-encoded string per value, 0xFB for null. */
final class TextRows {

    private TextRows() {
    }

    /** Each value a String (sent as UTF-8), a byte[] (sent as is) or null. */
    static byte[] row(Object... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object v : values) {
            if (v == null) {
                out.write(0xFB);
                continue;
            }
            byte[] bytes = v instanceof byte[] ? (byte[]) v : ((String) v).getBytes(StandardCharsets.UTF_8);
            writeLength(out, bytes.length);
            out.write(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }

    static void writeLength(ByteArrayOutputStream out, long n) {
        if (n < 0xFB) {
            out.write((int) n);
        } else if (n < 1 << 16) {
            out.write(0xFC);
            writeLittleEndian(out, n, 2);
        } else if (n < 1 << 24) {
            out.write(0xFD);
            writeLittleEndian(out, n, 3);
        } else {
            out.write(0xFE);
            writeLittleEndian(out, n, 8);
        }
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, long n, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (n >>> (8 * i)) & 0xff);
        }
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
