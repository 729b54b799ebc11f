package io.wsproxy.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link ClientMessages#parse(byte[], int, int)}: a well-formed {@code query},
 * {@code cancel} or {@code ping} read with Jackson's streaming parser, without building a tree.
 * These are nearly every message a session sends, and the tree was the largest cost of a small
 * query's trip through the proxy.
 *
 * <p>It only ever answers for a message it fully understands: anything else (an {@code auth}, a
 * field of an unexpected JSON type, a duplicate field, trailing tokens, invalid JSON) returns
 * null, and the tree-based parser reads the message again and produces the result or the exact
 * error it always did. So this class adds no rule of its own; a test checks that both paths
 * agree on every message it answers for.
 */
final class CommonMessages {

    private CommonMessages() {
    }

    /** The message, or null when the tree-based parser must decide. */
    static ClientMessage read(JsonFactory json, byte[] utf8, int offset, int length) {
        try (JsonParser p = json.createParser(utf8, offset, length)) {
            return read(p);
        } catch (IOException | RuntimeException e) {
            return null; // the tree-based parser reports it
        }
    }

    private static ClientMessage read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String type = null;
        Object id = null;
        String sql = null;
        List<Object> args = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    type = p.getText();
                }
                case "id" -> {
                    id = scalar(p, value);
                    if (id == null || id instanceof Boolean) {
                        return null;
                    }
                }
                case "sql" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    sql = p.getText();
                }
                case "args" -> {
                    if (value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    args = args(p);
                    if (args == null) {
                        return null;
                    }
                }
                case "user", "password", "database", "options" -> {
                    return null; // auth's fields: its rules live in the tree-based parser
                }
                default -> p.skipChildren(); // unknown fields are ignored, as PROTOCOL.md says
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || type == null) {
            return null;
        }
        switch (type) {
            case "query":
                return id == null || sql == null ? null : new ClientMessage.Query(id, sql, args);
            case "cancel":
                return id == null ? null : new ClientMessage.Cancel(id);
            case "ping":
                return new ClientMessage.Ping();
            default:
                return null;
        }
    }

    /** The elements of an {@code args} array (the parser on its start), or null if one is not a scalar. */
    private static List<Object> args(JsonParser p) throws IOException {
        List<Object> values = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_NULL) {
                values.add(null);
                continue;
            }
            Object value = scalar(p, t);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    /**
     * A string, boolean or number as {@link ClientMessages} keeps it (integers as Long, or
     * BigInteger past 64 bits; other numbers as BigDecimal with the scale sent); null otherwise.
     */
    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            default:
                return null;
        }
    }
}
