package io.wsproxy.wire.message;

import io.wsproxy.control.SqlException;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.nio.charset.StandardCharsets;

/** MySQL "Protocol::ERR_Packet": code, '#' + SQLSTATE (protocol 4.1), message. */
public record ErrPacket(int errorCode, String sqlState, String message) {
    public static final int HEADER = 0xff;
    private static final String GENERAL_SQLSTATE = "HY000";

    public static ErrPacket of(SqlException e) {
        return new ErrPacket(e.code(), e.sqlState(), e.getMessage());
    }

    public static ErrPacket decode(WireReader r, Capabilities caps) {
        if (r.u8() != HEADER) {
            throw new MalformedPacketException("not an ERR packet");
        }
        int code = r.u16();
        String state = GENERAL_SQLSTATE;
        if (r.hasRemaining() && r.peek() == '#') {
            r.skip(1);
            state = new String(r.bytes(5), StandardCharsets.US_ASCII);
        }
        return new ErrPacket(code, state, r.restString());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(HEADER).u16(errorCode);
        if (caps.has(CapabilityFlags.CLIENT_PROTOCOL_41)) {
            String state = sqlState == null || sqlState.length() != 5 ? GENERAL_SQLSTATE : sqlState;
            w.u8('#').string(state);
        }
        w.string(message == null ? "" : message);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(16 + (message == null ? 0 : message.length() * 2));
        encodeTo(w, caps);
        return w.toByteArray();
    }

    public SqlException toException() {
        return new SqlException(errorCode, sqlState, message);
    }
}
