package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_STMT_FETCH: the next rows of a cursor opened by COM_STMT_EXECUTE. */
public record ComStmtFetch(long statementId, long rowCount) {
    /** Decodes the body, after the command byte. */
    public static ComStmtFetch decode(WireReader r) {
        return new ComStmtFetch(r.u32(), r.u32());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.STMT_FETCH.id()).u32(statementId).u32(rowCount);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(9);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
