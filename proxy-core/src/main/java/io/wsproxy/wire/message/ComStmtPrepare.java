package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_STMT_PREPARE: a statement to prepare, with {@code ?} placeholders. */
public record ComStmtPrepare(String sql) {
    /** Decodes the body, after the command byte. */
    public static ComStmtPrepare decode(WireReader r) {
        return new ComStmtPrepare(r.restString());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.STMT_PREPARE.id()).string(sql);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(32 + sql.length());
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
