package io.wsproxy.ws;

import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;

/** The MySQL type names shown in a {@code columns} message's {@code "type"}. */
public final class TypeNames {

    private TypeNames() {
    }

    /**
     * The SQL name of a column's type: BIGINT rather than the wire's LONGLONG, VARBINARY or
     * VARCHAR by charset, TEXT for a BLOB type with a text charset. MySQL sends ENUM and SET
     * columns as STRING with the ENUM or SET flag.
     */
    public static String typeName(ColumnType type, int flags, int charset) {
        boolean binary = JsonKind.isBinary(flags, charset);
        switch (type) {
            case DECIMAL: case NEWDECIMAL: return "DECIMAL";
            case TINY: return "TINYINT";
            case SHORT: return "SMALLINT";
            case INT24: return "MEDIUMINT";
            case LONG: return "INT";
            case LONGLONG: return "BIGINT";
            case FLOAT: return "FLOAT";
            case DOUBLE: return "DOUBLE";
            case NULL: return "NULL";
            case TIMESTAMP: return "TIMESTAMP";
            case DATE: return "DATE";
            case TIME: return "TIME";
            case DATETIME: return "DATETIME";
            case YEAR: return "YEAR";
            case BIT: return "BIT";
            case JSON: return "JSON";
            case ENUM: return "ENUM";
            case SET: return "SET";
            case GEOMETRY: return "GEOMETRY";
            case VARCHAR: case VAR_STRING:
                return binary ? "VARBINARY" : "VARCHAR";
            case STRING:
                if ((flags & ColumnFlags.ENUM) != 0) {
                    return "ENUM";
                }
                if ((flags & ColumnFlags.SET) != 0) {
                    return "SET";
                }
                return binary ? "BINARY" : "CHAR";
            case TINY_BLOB: case BLOB: case MEDIUM_BLOB: case LONG_BLOB:
                return binary ? "BLOB" : "TEXT";
            default:
                throw new IllegalArgumentException("no type name for column type " + type);
        }
    }

    /** Whether values may be null: the column definition lacks NOT_NULL. */
    public static boolean nullable(int flags) {
        return (flags & ColumnFlags.NOT_NULL) == 0;
    }
}
