package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/**
 * MySQL "Protocol::OK_Packet". Header 0x00, or 0xFE when it ends a result set in place of EOF
 * (CLIENT_DEPRECATE_EOF). Session-state tracking is neither offered nor parsed.
 */
public record OkPacket(long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) {
    public static final int HEADER = 0x00;
    public static final int EOF_HEADER = 0xfe;

    public OkPacket {
        info = info == null ? "" : info;
    }

    public static OkPacket decode(WireReader r, Capabilities caps) {
        int header = r.u8();
        if (header != HEADER && header != EOF_HEADER) {
            throw new MalformedPacketException("not an OK packet: 0x" + Integer.toHexString(header));
        }
        long affected = r.lenencInt();
        long lastId = r.lenencInt();
        int status = 0;
        int warnings = 0;
        if (caps.has(CapabilityFlags.CLIENT_PROTOCOL_41)) {
            status = r.u16();
            warnings = r.u16();
        } else if (caps.has(CapabilityFlags.CLIENT_TRANSACTIONS)) {
            status = r.u16();
        }
        String info = "";
        if (r.hasRemaining()) {
            info = caps.has(CapabilityFlags.CLIENT_SESSION_TRACK) ? nullToEmpty(r.lenencString()) : r.restString();
        }
        return new OkPacket(affected, lastId, status, warnings, info);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        encode(w, caps, HEADER);
    }

    /** The OK that ends a result set's rows under CLIENT_DEPRECATE_EOF. */
    public void encodeAsEofTo(WireWriter w, Capabilities caps) {
        encode(w, caps, EOF_HEADER);
    }

    private void encode(WireWriter w, Capabilities caps, int header) {
        w.u8(header).lenencInt(affectedRows).lenencInt(lastInsertId);
        if (caps.has(CapabilityFlags.CLIENT_PROTOCOL_41)) {
            w.u16(statusFlags).u16(warnings);
        } else if (caps.has(CapabilityFlags.CLIENT_TRANSACTIONS)) {
            w.u16(statusFlags);
        }
        if (!info.isEmpty()) {
            if (caps.has(CapabilityFlags.CLIENT_SESSION_TRACK)) {
                w.lenencString(info);
            } else {
                w.string(info);
            }
        }
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(16 + info.length());
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
