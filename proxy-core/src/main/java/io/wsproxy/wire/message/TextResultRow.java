package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.util.Arrays;

/** MySQL "Text Resultset Row": one length-encoded string per column, 0xFB for NULL (null here). */
public record TextResultRow(byte[][] values) {
    public static TextResultRow decode(WireReader r, int columnCount) {
        byte[][] values = new byte[columnCount][];
        for (int i = 0; i < columnCount; i++) {
            values[i] = r.lenencBytes();
        }
        return new TextResultRow(values);
    }

    /** The hot path: appends one row's values without building a record. */
    public static void encodeValues(WireWriter w, byte[][] values) {
        for (byte[] value : values) {
            w.lenencBytes(value);
        }
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        encodeValues(w, values);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(64);
        encodeTo(w, caps);
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextResultRow t && Arrays.deepEquals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "TextResultRow[" + values.length + " values]";
    }
}
