package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/**
 * MySQL "COM_STMT_PREPARE_OK", the first packet of a successful prepare. The parameter
 * definitions, then the column definitions, follow as packets of their own, each group ended by
 * EOF unless CLIENT_DEPRECATE_EOF.
 */
public record ComStmtPrepareOk(long statementId, int columnCount, int paramCount, int warnings) {
    public static final int HEADER = 0x00;

    public static ComStmtPrepareOk decode(WireReader r, Capabilities caps) {
        if (r.u8() != HEADER) {
            throw new MalformedPacketException("not a COM_STMT_PREPARE_OK");
        }
        long id = r.u32();
        int columns = r.u16();
        int params = r.u16();
        r.skip(1); // reserved
        int warnings = r.remaining() >= 2 ? r.u16() : 0;
        return new ComStmtPrepareOk(id, columns, params, warnings);
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(HEADER).u32(statementId).u16(columnCount).u16(paramCount).u8(0).u16(warnings);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(12);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
