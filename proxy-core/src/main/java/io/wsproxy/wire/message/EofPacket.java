package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** MySQL "Protocol::EOF_Packet", for clients without CLIENT_DEPRECATE_EOF. */
public record EofPacket(int warnings, int statusFlags) {
    public static final int HEADER = 0xfe;

    public static EofPacket decode(WireReader r, Capabilities caps) {
        if (r.u8() != HEADER) {
            throw new MalformedPacketException("not an EOF packet");
        }
        if (caps.has(CapabilityFlags.CLIENT_PROTOCOL_41) && r.remaining() >= 4) {
            int warnings = r.u16();
            return new EofPacket(warnings, r.u16());
        }
        return new EofPacket(0, 0);
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(HEADER);
        if (caps.has(CapabilityFlags.CLIENT_PROTOCOL_41)) {
            w.u16(warnings).u16(statusFlags);
        }
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(5);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
