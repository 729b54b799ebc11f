package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_PROCESS_KILL: KILL CONNECTION as a command. */
public record ComProcessKill(long connectionId) {
    /** Decodes the body, after the command byte. */
    public static ComProcessKill decode(WireReader r) {
        return new ComProcessKill(r.u32());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.PROCESS_KILL.id()).u32(connectionId);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(32);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
