package io.wsproxy.ws;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The server's messages (PROTOCOL.md section 1, "Server to client") as compact JSON text, one
 * per text frame. {@code rows} messages are built by {@link RowsMessageBuilder}, straight from
 * the engine's row bytes.
 */
public final class ServerMessages {

    private static final String PONG = "{\"type\":\"pong\"}";

    private ServerMessages() {
    }

    /** After a successful {@code auth}; {@code database} null when none was chosen. */
    public static String ready(long connectionId, String serverVersion, String database) {
        return start("ready").number("connectionId", connectionId).string("serverVersion", serverVersion)
                .string("database", database).end();
    }

    /** Start of a result set. */
    public static String columns(Object id, List<ColumnInfo> columns) {
        Json json = start("columns").id(id).raw(",\"columns\":[");
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo c = columns.get(i);
            json.raw(i == 0 ? "{\"name\":" : ",{\"name\":").quoted(c.name()).raw(",\"type\":").quoted(c.type())
                    .raw(",\"nullable\":").raw(c.nullable() ? "true}" : "false}");
        }
        return json.raw("]").end();
    }

    /**
     * A {@code rows} message around rows already encoded as one JSON array of arrays (for tests
     * and small results; the hot path is {@link RowsMessageBuilder}).
     */
    public static String rows(Object id, String rowsJsonArray) {
        return "{\"type\":\"rows\",\"id\":" + idJson(id) + ",\"rows\":" + rowsJsonArray + "}";
    }

    /** End of a result set; {@code more} when another result of the same query follows. */
    public static String end(Object id, long rowCount, boolean more) {
        return start("end").id(id).unsigned("rowCount", rowCount).bool("more", more).end();
    }

    /**
     * A statement without a result set. MySQL sends affected rows and the last insert id as
     * unsigned 64-bit integers, so negative longs are written as their unsigned value.
     */
    public static String ok(Object id, long affectedRows, long lastInsertId, int warnings, boolean more) {
        return start("ok").id(id).unsigned("affectedRows", affectedRows).unsigned("lastInsertId", lastInsertId)
                .number("warnings", warnings).bool("more", more).end();
    }

    /** An error; {@code id} null for a session-level error, which then has no {@code id} field. */
    public static String error(Object id, int code, String sqlState, String message) {
        Json json = start("error");
        if (id != null) {
            json.id(id);
        }
        return json.number("code", code).string("sqlState", sqlState).string("message", message).end();
    }

    public static String pong() {
        return PONG;
    }

    /** The id as a JSON value: a string stays a string, a number stays a number. */
    public static String idJson(Object id) {
        return new Json(16).idValue(id).text.toString();
    }

    private static Json start(String type) {
        return new Json(96).raw("{\"type\":\"").raw(type).raw("\"");
    }

    /**
     * Compact JSON text, written straight into one StringBuilder: these messages have a fixed
     * shape, and a Jackson generator per message (its context, buffers and writer) cost more than
     * the message. Strings are escaped by Jackson's own encoder, so the text is what its generator
     * wrote before.
     */
    private static final class Json {
        private final StringBuilder text;

        Json(int capacity) {
            text = new StringBuilder(capacity);
        }

        Json raw(String json) {
            text.append(json);
            return this;
        }

        Json quoted(String value) {
            text.append('"');
            JsonStringEncoder.getInstance().quoteAsString(value, text);
            text.append('"');
            return this;
        }

        Json string(String field, String value) {
            field(field);
            return value == null ? raw("null") : quoted(value);
        }

        Json number(String field, long value) {
            field(field);
            text.append(value);
            return this;
        }

        Json unsigned(String field, long value) {
            field(field);
            text.append(Long.toUnsignedString(value));
            return this;
        }

        Json bool(String field, boolean value) {
            field(field);
            text.append(value);
            return this;
        }

        Json id(Object id) {
            field("id");
            return idValue(id);
        }

        Json idValue(Object id) {
            if (id instanceof String) {
                return quoted((String) id);
            }
            if (id instanceof Long || id instanceof Integer || id instanceof Short || id instanceof Byte) {
                text.append(((Number) id).longValue());
            } else if (id instanceof BigInteger || id instanceof BigDecimal) {
                text.append(id);
            } else {
                throw new IllegalArgumentException("a query id is a String or an integral/decimal number, got "
                        + (id == null ? "null" : id.getClass().getName()));
            }
            return this;
        }

        private void field(String name) {
            text.append(",\"").append(name).append("\":");
        }

        String end() {
            return text.append('}').toString();
        }
    }
}
