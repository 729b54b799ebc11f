package io.wsproxy.wire.message;

import io.wsproxy.wire.BinaryValues;
import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.util.Arrays;
import java.util.List;

/**
 * MySQL "Binary Protocol Resultset Row", the rows of COM_STMT_EXECUTE and COM_STMT_FETCH: a 0x00
 * header, a NULL bitmap offset by two bits, then each non-NULL value as {@link BinaryValues} writes
 * it for its column's type (unsigned from the column's flags).
 */
public record BinaryResultRow(Object[] values) {
    public static final int HEADER = 0x00;

    public static BinaryResultRow decode(WireReader r, List<ColumnDefinition41> columns) {
        if (r.u8() != HEADER) {
            throw new io.wsproxy.wire.MalformedPacketException("not a binary row");
        }
        int n = columns.size();
        byte[] nulls = r.bytes(NullBitmap.size(n, NullBitmap.ROWS));
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            if (!NullBitmap.isNull(nulls, i, NullBitmap.ROWS)) {
                ColumnDefinition41 c = columns.get(i);
                values[i] = BinaryValues.read(r, c.type(), (c.flags() & ColumnFlags.UNSIGNED) != 0);
            }
        }
        return new BinaryResultRow(values);
    }

    /** Appends the row; null values are NULL. */
    public void encodeTo(WireWriter w, List<ColumnDefinition41> columns) {
        int n = columns.size();
        if (values.length != n) {
            throw new IllegalArgumentException(values.length + " values for " + n + " columns");
        }
        byte[] nulls = new byte[NullBitmap.size(n, NullBitmap.ROWS)];
        for (int i = 0; i < n; i++) {
            if (values[i] == null) {
                NullBitmap.setNull(nulls, i, NullBitmap.ROWS);
            }
        }
        w.u8(HEADER).bytes(nulls);
        for (int i = 0; i < n; i++) {
            if (values[i] != null) {
                BinaryValues.write(w, columns.get(i).type(), values[i]);
            }
        }
    }

    public byte[] encode(List<ColumnDefinition41> columns) {
        WireWriter w = new WireWriter(64);
        encodeTo(w, columns);
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryResultRow b && Arrays.deepEquals(values, b.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "BinaryResultRow" + Arrays.deepToString(values);
    }
}
