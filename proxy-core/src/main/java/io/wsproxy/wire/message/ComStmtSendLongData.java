package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.util.Arrays;

/**
 * COM_STMT_SEND_LONG_DATA: a piece of one parameter's value, sent before COM_STMT_EXECUTE;
 * pieces append. The server sends no reply.
 */
public record ComStmtSendLongData(long statementId, int paramId, byte[] data) {
    /** Decodes the body, after the command byte. */
    public static ComStmtSendLongData decode(WireReader r) {
        return new ComStmtSendLongData(r.u32(), r.u16(), r.rest());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.STMT_SEND_LONG_DATA.id()).u32(statementId).u16(paramId).bytes(data);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(7 + data.length);
        encodeTo(w, caps);
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComStmtSendLongData c && c.statementId == statementId && c.paramId == paramId
                && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(statementId) * 31 + paramId * 17 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ComStmtSendLongData[statementId=" + statementId + ", paramId=" + paramId + ", " + data.length
                + " bytes]";
    }
}
