package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_QUERY: a text query (query attributes are not negotiated). */
public record ComQuery(String sql) {
    /** Decodes the body, after the command byte. */
    public static ComQuery decode(WireReader r) {
        return new ComQuery(r.restString());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.QUERY.id()).string(sql);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(32);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
