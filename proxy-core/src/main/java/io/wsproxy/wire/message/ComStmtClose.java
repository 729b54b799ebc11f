package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_STMT_CLOSE: frees a prepared statement; the server sends no reply. */
public record ComStmtClose(long statementId) {
    /** Decodes the body, after the command byte. */
    public static ComStmtClose decode(WireReader r) {
        return new ComStmtClose(r.u32());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.STMT_CLOSE.id()).u32(statementId);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(5);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
