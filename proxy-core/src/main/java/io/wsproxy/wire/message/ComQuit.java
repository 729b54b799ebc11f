package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_QUIT: the server closes the connection. */
public record ComQuit() {
    /** Decodes the body, after the command byte. */
    public static ComQuit decode(WireReader r) {
        return new ComQuit();
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.QUIT.id());
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(32);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
