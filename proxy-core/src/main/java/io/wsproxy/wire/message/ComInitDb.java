package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_INIT_DB: change the default database. */
public record ComInitDb(String schema) {
    /** Decodes the body, after the command byte. */
    public static ComInitDb decode(WireReader r) {
        return new ComInitDb(r.restString());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.INIT_DB.id()).string(schema);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(32);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
