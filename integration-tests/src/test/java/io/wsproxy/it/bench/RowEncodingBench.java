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
        int rounds = 30;
        int warmUp = 10;
        double[] ours = new double[rounds - warmUp];
        double[] theirs = new double[rounds - warmUp];
        for (int round = 0; round < rounds; round++) {
            long a = System.nanoTime();
            jsonBytes(encoder, rows);
            long b = System.nanoTime();
            jackson(jackson, rows);
            long c = System.nanoTime();
            if (round >= warmUp) {
                ours[round - warmUp] = (b - a) / (double) ROWS;
                theirs[round - warmUp] = (c - b) / (double) ROWS;
            }
        }
        System.out.printf(Locale.ROOT, "median of %d rounds after %d of warm-up: JsonBytes %.0f ns/row, Jackson %.0f ns/row%n",
                rounds - warmUp, warmUp, median(ours), median(theirs));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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
