package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/** COM_FIELD_LIST: the column definitions of a table (deprecated in MySQL, still sent by the mariadb CLI). */
public record ComFieldList(String table, String wildcard) {
    /** Decodes the body, after the command byte. */
    public static ComFieldList decode(WireReader r) {
        return new ComFieldList(r.nulString(), r.restString());
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.u8(CommandType.FIELD_LIST.id()).nulString(table).string(wildcard == null ? "" : wildcard);
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(32);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
