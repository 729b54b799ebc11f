package io.wsproxy.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The server's messages (PROTOCOL.md section 1, "Server to client") as compact JSON text, one
 * per text frame. {@code rows} messages are built by {@link RowsMessageBuilder}, straight from
 * the engine's row bytes.
 */
public final class ServerMessages {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String PONG = "{\"type\":\"pong\"}";

    private ServerMessages() {
    }

    /** After a successful {@code auth}; {@code database} null when none was chosen. */
    public static String ready(long connectionId, String serverVersion, String database) {
        return write(g -> {
            start(g, "ready");
            g.writeNumberField("connectionId", connectionId);
            g.writeStringField("serverVersion", serverVersion);
            g.writeStringField("database", database);
        });
    }

    /** Start of a result set. */
    public static String columns(Object id, List<ColumnInfo> columns) {
        return write(g -> {
            start(g, "columns");
            writeId(g, id);
            g.writeArrayFieldStart("columns");
            for (ColumnInfo c : columns) {
                g.writeStartObject();
                g.writeStringField("name", c.name());
                g.writeStringField("type", c.type());
                g.writeBooleanField("nullable", c.nullable());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
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
        return write(g -> {
            start(g, "end");
            writeId(g, id);
            writeUnsigned(g, "rowCount", rowCount);
            g.writeBooleanField("more", more);
        });
    }

    /**
     * A statement without a result set. MySQL sends affected rows and the last insert id as
     * unsigned 64-bit integers, so negative longs are written as their unsigned value.
     */
    public static String ok(Object id, long affectedRows, long lastInsertId, int warnings, boolean more) {
        return write(g -> {
            start(g, "ok");
            writeId(g, id);
            writeUnsigned(g, "affectedRows", affectedRows);
            writeUnsigned(g, "lastInsertId", lastInsertId);
            g.writeNumberField("warnings", warnings);
            g.writeBooleanField("more", more);
        });
    }

    /** An error; {@code id} null for a session-level error, which then has no {@code id} field. */
    public static String error(Object id, int code, String sqlState, String message) {
        return write(g -> {
            start(g, "error");
            if (id != null) {
                writeId(g, id);
            }
            g.writeNumberField("code", code);
            g.writeStringField("sqlState", sqlState);
            g.writeStringField("message", message);
        });
    }

    public static String pong() {
        return PONG;
    }

    /** The id as a JSON value: a string stays a string, a number stays a number. */
    public static String idJson(Object id) {
        StringWriter out = new StringWriter(16);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeIdValue(g, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.writeTo(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void start(JsonGenerator g, String type) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
    }

    private static void writeId(JsonGenerator g, Object id) throws IOException {
        g.writeFieldName("id");
        writeIdValue(g, id);
    }

    private static void writeIdValue(JsonGenerator g, Object id) throws IOException {
        if (id instanceof String) {
            g.writeString((String) id);
        } else if (id instanceof Long || id instanceof Integer || id instanceof Short || id instanceof Byte) {
            g.writeNumber(((Number) id).longValue());
        } else if (id instanceof BigInteger) {
            g.writeNumber((BigInteger) id);
        } else if (id instanceof BigDecimal) {
            g.writeNumber((BigDecimal) id);
        } else {
            throw new IllegalArgumentException("a query id is a String or an integral/decimal number, got "
                    + (id == null ? "null" : id.getClass().getName()));
        }
    }

    private static void writeUnsigned(JsonGenerator g, String field, long value) throws IOException {
        g.writeFieldName(field);
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(Long.toUnsignedString(value));
        }
    }
}
