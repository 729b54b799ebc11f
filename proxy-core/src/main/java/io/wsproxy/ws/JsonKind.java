package io.wsproxy.ws;

import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;

/**
 * How a column's text-protocol values become JSON in {@code rows}: PROTOCOL.md's "Values in
 * rows" table, which follows SingleStore's Data API "data type conversion".
 */
public enum JsonKind {
    /** Integer types and YEAR: a number, the engine's digits copied. */
    INTEGER,
    /** BIGINT: a number, or a string when the client asked for {@code options.bigint: "string"}. */
    BIGINT,
    /** FLOAT, DOUBLE: a number (a string if the engine's text is not a JSON number). */
    FLOAT,
    /** DECIMAL, text, ENUM, SET, dates and times: a string, as the engine printed it. */
    STRING,
    /** JSON: the value inline (a string if the engine's text does not parse). */
    JSON,
    /** Binary strings, BIT, GEOMETRY: base64 in a string. */
    BASE64,
    /** The NULL type: every value is null. */
    NULL;

    /** The kind for a column definition's type, flags and character set id. */
    public static JsonKind of(ColumnType type, int flags, int charset) {
        switch (type) {
            case TINY: case SHORT: case INT24: case LONG: case YEAR:
                return INTEGER;
            case LONGLONG:
                return BIGINT;
            case FLOAT: case DOUBLE:
                return FLOAT;
            case DECIMAL: case NEWDECIMAL:
            case DATE: case TIME: case DATETIME: case TIMESTAMP:
                return STRING;
            case JSON:
                // Before the charset test: MySQL announces JSON columns with the binary charset.
                return JSON;
            case BIT: case GEOMETRY:
                return BASE64;
            case NULL:
                return NULL;
            case VARCHAR: case VAR_STRING: case STRING: case ENUM: case SET:
            case TINY_BLOB: case BLOB: case MEDIUM_BLOB: case LONG_BLOB:
                return isBinary(flags, charset) ? BASE64 : STRING;
            default:
                throw new IllegalArgumentException("no JSON mapping for column type " + type);
        }
    }

    /**
     * Binary strings carry the binary charset (63). The BINARY flag alone does not decide: MySQL
     * also sets it on text columns with a {@code _bin} collation. It is only trusted when a
     * column definition carries no charset at all (0).
     */
    static boolean isBinary(int flags, int charset) {
        if (charset == 0) {
            return (flags & ColumnFlags.BINARY) != 0;
        }
        return charset == ColumnFlags.BINARY_CHARSET;
    }
}
