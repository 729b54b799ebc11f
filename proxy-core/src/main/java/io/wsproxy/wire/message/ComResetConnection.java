package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_RESET_CONNECTION: reset the session's state without re-authenticating. */
public record ComResetConnection() {
    /** Decodes the body, after the command byte. */
    public static ComResetConnection decode(WireReader r) {
        return new ComResetConnection();
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.RESET_CONNECTION.id());
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(32);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
