package io.wsproxy.wire.message;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;

/**
 * MySQL "Protocol::ColumnDefinition41". The catalog is always "def"; the fixed-length fields
 * follow a length byte of 0x0c.
 */
public record ColumnDefinition41(String schema, String table, String orgTable, String name, String orgName,
        int characterSet, long columnLength, ColumnType type, int flags, int decimals) {
    private static final String CATALOG = "def";
    private static final int FIXED_FIELDS_LENGTH = 0x0c;

    public static ColumnDefinition41 decode(WireReader r, Capabilities caps) {
        r.lenencString(); // catalog
        String schema = r.lenencString();
        String table = r.lenencString();
        String orgTable = r.lenencString();
        String name = r.lenencString();
        String orgName = r.lenencString();
        r.lenencInt(); // length of the fixed fields, 0x0c
        int charset = r.u16();
        long length = r.u32();
        ColumnType type;
        try {
            type = ColumnType.of(r.u8());
        } catch (IllegalArgumentException e) {
            throw new io.wsproxy.wire.MalformedPacketException(e.getMessage());
        }
        int flags = r.u16();
        int decimals = r.u8();
        return new ColumnDefinition41(schema, table, orgTable, name, orgName, charset, length, type, flags, decimals);
    }

    public void encodeTo(WireWriter w, Capabilities caps) {
        w.lenencString(CATALOG).lenencString(nz(schema)).lenencString(nz(table)).lenencString(nz(orgTable))
                .lenencString(nz(name)).lenencString(nz(orgName))
                .lenencInt(FIXED_FIELDS_LENGTH).u16(characterSet).u32(columnLength).u8(type.id()).u16(flags)
                .u8(decimals).zeros(2);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public byte[] encode(Capabilities caps) {
        WireWriter w = new WireWriter(48 + nz(name).length() * 2 + nz(table).length() * 4);
        encodeTo(w, caps);
        return w.toByteArray();
    }
}
