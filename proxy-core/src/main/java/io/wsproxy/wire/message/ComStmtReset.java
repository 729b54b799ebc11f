package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_STMT_RESET: drops the parameter data sent with COM_STMT_SEND_LONG_DATA and closes an open cursor; OK or ERR. */
public record ComStmtReset(long statementId) {
    /** Decodes the body, after the command byte. */
    public static ComStmtReset decode(WireReader r) {
        return new ComStmtReset(r.u32());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.STMT_RESET.id()).u32(statementId);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(5);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
