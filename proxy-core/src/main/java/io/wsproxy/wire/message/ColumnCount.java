package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** The first packet of a text result set: the number of columns, length-encoded. */
public record ColumnCount(long count) {
    public static ColumnCount decode(WireReader r, Capabilities caps) {
        return new ColumnCount(r.lenencInt());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.lenencInt(count);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(9);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
