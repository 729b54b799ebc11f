package io.wsproxy.wire;

/**
 * MySQL column types as sent in ColumnDefinition41 (enum_field_types in MySQL's
 * include/field_types.h; https://dev.mysql.com/doc/dev/mysql-server/latest/field__types_8h.html).
 */
public enum ColumnType {
    DECIMAL(0x00),
    TINY(0x01),
    SHORT(0x02),
    LONG(0x03),
    FLOAT(0x04),
    DOUBLE(0x05),
    NULL(0x06),
    TIMESTAMP(0x07),
    LONGLONG(0x08),
    INT24(0x09),
    DATE(0x0a),
    TIME(0x0b),
    DATETIME(0x0c),
    YEAR(0x0d),
    VARCHAR(0x0f),
    BIT(0x10),
    JSON(0xf5),
    NEWDECIMAL(0xf6),
    ENUM(0xf7),
    SET(0xf8),
    TINY_BLOB(0xf9),
    MEDIUM_BLOB(0xfa),
    LONG_BLOB(0xfb),
    BLOB(0xfc),
    VAR_STRING(0xfd),
    STRING(0xfe),
    GEOMETRY(0xff);

    private static final ColumnType[] BY_ID = new ColumnType[256];

    static {
        for (ColumnType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;

    ColumnType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The type for a wire id; unknown ids are a protocol error. */
    public static ColumnType of(int id) {
        ColumnType t = (id >= 0 && id < 256) ? BY_ID[id] : null;
        if (t == null) {
            throw new IllegalArgumentException("unknown MySQL column type 0x" + Integer.toHexString(id));
        }
        return t;
    }
}
