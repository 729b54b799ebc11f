package io.wsproxy.engine.data;

import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * H2's column types as MySQL column definitions, and how each column's values are read into the
 * text protocol. One mapping per result column, decided once per result set.
 */
record ColumnMapping(Column column, ValueReader reader) {
    private static final int UTF8MB4 = ColumnFlags.UTF8MB4_GENERAL_CI;
    private static final int BINARY = ColumnFlags.BINARY_CHARSET;
    /** LONGTEXT / LONGBLOB length, for H2's unbounded character and binary strings. */
    private static final long LONG_LENGTH = 4294967295L;
    private static final String FUNCTION_PREFIX = DataPlane.FUNCTIONS_SCHEMA + ".";

    static ColumnMapping of(ResultSetMetaData meta, int i, String database) throws SQLException {
        int jdbcType = meta.getColumnType(i);
        String typeName = meta.getColumnTypeName(i).toUpperCase(Locale.ROOT);
        int precision = meta.getPrecision(i);
        int scale = Math.max(0, meta.getScale(i));
        int flags = meta.isNullable(i) == ResultSetMetaData.columnNoNulls ? ColumnFlags.NOT_NULL : 0;
        if (meta.isAutoIncrement(i)) {
            flags |= ColumnFlags.AUTO_INCREMENT;
        }
        ColumnType type;
        ValueReader reader = ValueReader.TEXT;
        long length;
        int charset = BINARY;
        int decimals = 0;
        switch (jdbcType) {
            case Types.TINYINT -> { type = ColumnType.TINY; length = 4; flags |= ColumnFlags.NUM; }
            case Types.SMALLINT -> { type = ColumnType.SHORT; length = 6; flags |= ColumnFlags.NUM; }
            case Types.INTEGER -> { type = ColumnType.LONG; length = 11; flags |= ColumnFlags.NUM; }
            case Types.BIGINT -> { type = ColumnType.LONGLONG; length = 20; flags |= ColumnFlags.NUM; }
            case Types.BOOLEAN, Types.BIT -> {
                type = ColumnType.TINY; length = 1; flags |= ColumnFlags.NUM; reader = ValueReader.BOOLEAN;
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                type = ColumnType.NEWDECIMAL; length = precision + 2L; decimals = scale;
                flags |= ColumnFlags.NUM; reader = ValueReader.DECIMAL;
            }
            case Types.REAL -> { type = ColumnType.FLOAT; length = 12; decimals = 31; flags |= ColumnFlags.NUM; reader = ValueReader.DOUBLE; }
            case Types.FLOAT, Types.DOUBLE -> {
                type = ColumnType.DOUBLE; length = 22; decimals = 31; flags |= ColumnFlags.NUM; reader = ValueReader.DOUBLE;
            }
            case Types.DATE -> { type = ColumnType.DATE; length = 10; }
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
                type = ColumnType.TIME; decimals = scale; length = 8 + (scale > 0 ? scale + 1 : 0);
                reader = ValueReader.time(scale);
            }
            case Types.TIMESTAMP -> {
                type = ColumnType.DATETIME; decimals = scale; length = 19 + (scale > 0 ? scale + 1 : 0);
                reader = ValueReader.dateTime(scale);
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                type = ColumnType.TIMESTAMP; decimals = scale; length = 19 + (scale > 0 ? scale + 1 : 0);
                reader = ValueReader.timestamp(scale);
            }
            case Types.BINARY -> { type = ColumnType.STRING; length = precision; flags |= ColumnFlags.BINARY; reader = ValueReader.BYTES; }
            case Types.VARBINARY, Types.LONGVARBINARY -> {
                type = ColumnType.VAR_STRING; length = bounded(precision); flags |= ColumnFlags.BINARY; reader = ValueReader.BYTES;
            }
            case Types.BLOB -> {
                type = ColumnType.BLOB; length = LONG_LENGTH; flags |= ColumnFlags.BINARY | ColumnFlags.BLOB; reader = ValueReader.BYTES;
            }
            case Types.CLOB, Types.NCLOB -> { type = ColumnType.BLOB; length = LONG_LENGTH; flags |= ColumnFlags.BLOB; charset = UTF8MB4; }
            case Types.CHAR, Types.NCHAR -> { type = ColumnType.STRING; length = precision * 4L; charset = UTF8MB4; }
            case Types.NULL -> { type = ColumnType.NULL; length = 0; }
            default -> {
                if (typeName.equals("JSON")) {
                    type = ColumnType.JSON; length = LONG_LENGTH; charset = UTF8MB4; reader = ValueReader.JSON;
                } else if (typeName.startsWith("ENUM")) {
                    type = ColumnType.STRING; length = bounded(precision) * 4; flags |= ColumnFlags.ENUM; charset = UTF8MB4;
                } else {
                    // VARCHAR, CHARACTER VARYING, UUID, arrays, intervals: as text
                    type = ColumnType.VAR_STRING; length = bounded(precision) * 4; charset = UTF8MB4;
                }
            }
        }
        String table = meta.getTableName(i);
        String schema = meta.getSchemaName(i);
        Column column = new Column(schema == null || schema.isEmpty() ? (table == null || table.isEmpty() ? "" : database) : schema,
                nz(table), nz(table), label(meta.getColumnLabel(i)), nz(meta.getColumnName(i)), type, flags,
                Math.min(length, LONG_LENGTH), decimals, charset);
        return new ColumnMapping(column, reader);
    }

    /**
     * H2 names an expression column by its SQL, and writes a call of our SLEEP with the schema it
     * lives in ({@code public.sleep(1)}); MySQL names it as typed ({@code SLEEP(1)}).
     */
    static String label(String h2Label) {
        return h2Label.contains(FUNCTION_PREFIX) ? h2Label.replace(FUNCTION_PREFIX + "sleep(", "SLEEP(") : h2Label;
    }

    private static long bounded(int precision) {
        return precision <= 0 || precision > 16_777_215 ? 65535 : precision;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
