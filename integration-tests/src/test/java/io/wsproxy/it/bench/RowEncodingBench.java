package io.wsproxy.it.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.ws.ByteSink;
import io.wsproxy.ws.ResultColumn;
import io.wsproxy.ws.RowEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Is {@link RowEncoder} (JsonBytes: JSON written from the row packet's bytes) worth its code
 * against Jackson's {@link JsonGenerator} on the same rows? Not part of the suite: run by hand
 * ({@code java -cp <test classpath> io.wsproxy.it.bench.RowEncodingBench}); docs/performance.md
 * has its figures. Both sides read the same text-protocol rows and write the same JSON arrays.
 */
final class RowEncodingBench {
    private static final int ROWS = 200_000;

    private RowEncodingBench() {
    }

    public static void main(String[] args) throws IOException {
        List<ResultColumn> columns = List.of(new ResultColumn("X", ColumnType.LONGLONG, 0, 63),
                new ResultColumn("R", ColumnType.VAR_STRING, 0, 45));
        byte[][] rows = new byte[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = row(Integer.toString(i + 1), "x".repeat(90));
        }
        RowEncoder encoder = new RowEncoder(columns, false);
        JsonGenerator jackson = new JsonFactory().createGenerator(new ByteArrayOutputStream(8 << 20));
        for (int round = 0; round < 8; round++) {
            long a = System.nanoTime();
            long bytesA = jsonBytes(encoder, rows);
            long b = System.nanoTime();
            long bytesB = jackson(jackson, rows);
            long c = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: JsonBytes %.0f ns/row (%d B), Jackson %.0f ns/row (%d B)%n", round,
                    (b - a) / (double) ROWS, bytesA, (c - b) / (double) ROWS, bytesB);
        }
    }

    private static long jsonBytes(RowEncoder encoder, byte[][] rows) {
        ByteSink sink = new ByteSink(64 * 1024);
        long total = 0;
        for (byte[] row : rows) {
            encoder.appendRow(row, 0, row.length, sink);
            if (sink.size() > 60 * 1024) {
                total += sink.size();
                sink.reset();
            }
        }
        return total + sink.size();
    }

    /** What a Jackson encoder of the same rows does: a number's digits as text, a string's bytes escaped. */
    private static long jackson(JsonGenerator g, byte[][] rows) throws IOException {
        ByteArrayOutputStream out = (ByteArrayOutputStream) g.getOutputTarget();
        out.reset();
        for (byte[] p : rows) {
            g.writeStartArray();
            int pos = 0;
            for (int col = 0; col < 2; col++) {
                int len = p[pos++] & 0xff;
                if (col == 0) {
                    g.writeNumber(new String(p, pos, len, StandardCharsets.ISO_8859_1));
                } else {
                    g.writeUTF8String(p, pos, len);
                }
                pos += len;
            }
            g.writeEndArray();
        }
        g.flush();
        return out.size();
    }

    private static byte[] row(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.write(b.length);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }
}
