package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_SET_OPTION: 0 turns multi-statements on, 1 off. */
public record ComSetOption(int option) {
    /** Decodes the body, after the command byte. */
    public static ComSetOption decode(WireReader r) {
        return new ComSetOption(r.u16());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.SET_OPTION.id()).u16(option);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(32);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
