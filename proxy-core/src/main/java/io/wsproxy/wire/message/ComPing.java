package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_PING: answered by OK. */
public record ComPing() {
    /** Decodes the body, after the command byte. */
    public static ComPing decode(WireReader r) {
        return new ComPing();
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.PING.id());
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(32);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
