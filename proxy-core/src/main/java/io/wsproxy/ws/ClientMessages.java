package io.wsproxy.ws;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one text frame into a {@link ClientMessage}. Unknown fields are ignored (forward
 * compatibility); everything else PROTOCOL.md does not allow is a {@link ProtocolException}.
 */
public final class ClientMessages {

    /** Longest Jackson detail copied into an error message. */
    private static final int MAX_DETAIL = 160;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Numbers stay exact: ids are echoed as sent, args become SQL literals digit for digit.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private ClientMessages() {
    }

    /** The parser factory with the rules above (exact numbers, duplicate fields refused). */
    static com.fasterxml.jackson.core.JsonFactory json() {
        return MAPPER.getFactory();
    }

    /**
     * The message in {@code text}.
     *
     * @throws ProtocolException unparseable JSON, not an object, missing or unknown {@code type},
     *                           a missing field or a field of the wrong JSON type
     */
    public static ClientMessage parse(String text) throws ProtocolException {
        if (text == null || text.isBlank()) {
            throw new ProtocolException("unparseable JSON: empty message");
        }
        return parse(readTree(() -> MAPPER.readTree(text)));
    }

    /**
     * {@link #parse(String)} of a message's UTF-8 bytes, read in place: the WebSocket frame's
     * bytes become the SQL text's String with no copy in between.
     */
    public static ClientMessage parse(byte[] utf8, int offset, int length) throws ProtocolException {
        ClientMessage common = CommonMessages.read(json(), utf8, offset, length);
        return common != null ? common : parseTree(utf8, offset, length);
    }

    /** {@link #parse(byte[], int, int)} without the fast path: the tree decides, and words every error. */
    static ClientMessage parseTree(byte[] utf8, int offset, int length) {
        if (isBlank(utf8, offset, length)) {
            throw new ProtocolException("unparseable JSON: empty message");
        }
        return parse(readTree(() -> MAPPER.readTree(utf8, offset, length)));
    }

    /**
     * A Data API request body, {@code {"sql": ..., "args": [...], "database": ...}} (PROTOCOL.md
     * section 2), under the same JSON rules as a {@code query} message; {@code args} as for one.
     *
     * @throws ProtocolException unparseable JSON, not an object, no {@code sql}, a field of the wrong JSON type
     */
    public static SqlRequest sqlRequest(byte[] utf8, int offset, int length) throws ProtocolException {
        if (isBlank(utf8, offset, length)) {
            throw new ProtocolException("unparseable JSON: empty body");
        }
        JsonNode root = readTree(() -> MAPPER.readTree(utf8, offset, length));
        if (!root.isObject()) {
            throw new ProtocolException("the body must be a JSON object, got " + describe(root));
        }
        return new SqlRequest(requiredString(root, "sql", null), args(root, null), optionalString(root, "database"));
    }

    private static boolean isBlank(byte[] utf8, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = utf8[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static ClientMessage parse(JsonNode root) throws ProtocolException {
        if (!root.isObject()) {
            throw new ProtocolException("message must be a JSON object, got " + describe(root));
        }
        Object id = readableId(root);
        JsonNode type = root.get("type");
        if (type == null || type.isNull()) {
            throw new ProtocolException(id, "missing field \"type\"");
        }
        if (!type.isTextual()) {
            throw new ProtocolException(id, "field \"type\" must be a string, got " + describe(type));
        }
        switch (type.textValue()) {
            case "auth":
                return auth(root);
            case "query":
                return new ClientMessage.Query(requiredId(root), requiredString(root, "sql", id), args(root, id));
            case "cancel":
                return new ClientMessage.Cancel(requiredId(root));
            case "ping":
                return new ClientMessage.Ping();
            default:
                throw new ProtocolException(id, "unknown message type " + abbreviate(type.toString()));
        }
    }

    private interface TreeReader {
        JsonNode read() throws java.io.IOException;
    }

    private static JsonNode readTree(TreeReader reader) {
        JsonNode root;
        try {
            root = reader.read();
        } catch (JacksonException e) {
            throw new ProtocolException("unparseable JSON: " + detail(e));
        } catch (java.io.IOException | RuntimeException e) {
            // Defensive: no parser failure may escape as anything but a protocol error.
            throw new ProtocolException("unparseable JSON: " + abbreviate(String.valueOf(e.getMessage())));
        }
        if (root == null || root.isMissingNode()) {
            throw new ProtocolException("unparseable JSON: empty message");
        }
        return root;
    }

    private static ClientMessage.Auth auth(JsonNode root) {
        String user = requiredString(root, "user", null);
        String password = requiredString(root, "password", null);
        String database = optionalString(root, "database");
        boolean bigintAsString = false;
        JsonNode options = root.get("options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw new ProtocolException("field \"options\" must be an object, got " + describe(options));
            }
            JsonNode bigint = options.get("bigint");
            if (bigint != null && !bigint.isNull()) {
                if (!bigint.isTextual() || !(bigint.textValue().equals("string") || bigint.textValue().equals("number"))) {
                    throw new ProtocolException("field \"options.bigint\" must be \"string\" or \"number\", got "
                            + abbreviate(bigint.toString()));
                }
                bigintAsString = bigint.textValue().equals("string");
            }
        }
        return new ClientMessage.Auth(user, password, database, bigintAsString);
    }

    private static Object requiredId(JsonNode root) {
        JsonNode id = root.get("id");
        if (id == null || id.isNull()) {
            throw new ProtocolException("missing field \"id\"");
        }
        Object value = idValue(id);
        if (value == null) {
            throw new ProtocolException("field \"id\" must be a string or a number, got " + describe(id));
        }
        return value;
    }

    /** The id to echo in an error about this message, if it has a usable one. */
    private static Object readableId(JsonNode root) {
        JsonNode id = root.get("id");
        return id == null ? null : idValue(id);
    }

    private static Object idValue(JsonNode id) {
        if (id.isTextual()) {
            return id.textValue();
        }
        if (id.isNumber()) {
            return number(id);
        }
        return null;
    }

    private static Object number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        return n.decimalValue();
    }

    private static String requiredString(JsonNode root, String field, Object id) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new ProtocolException(id, "missing field \"" + field + "\"");
        }
        if (!value.isTextual()) {
            throw new ProtocolException(id, "field \"" + field + "\" must be a string, got " + describe(value));
        }
        return value.textValue();
    }

    private static String optionalString(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ProtocolException("field \"" + field + "\" must be a string, got " + describe(value));
        }
        return value.textValue();
    }

    private static List<Object> args(JsonNode root, Object id) {
        JsonNode args = root.get("args");
        if (args == null || args.isNull()) {
            return null;
        }
        if (!args.isArray()) {
            throw new ProtocolException(id, "field \"args\" must be an array, got " + describe(args));
        }
        List<Object> values = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            JsonNode arg = args.get(i);
            if (arg.isNull()) {
                values.add(null);
            } else if (arg.isBoolean()) {
                values.add(arg.booleanValue());
            } else if (arg.isNumber()) {
                values.add(number(arg));
            } else if (arg.isTextual()) {
                values.add(arg.textValue());
            } else {
                throw new ProtocolException(id, "args[" + i + "] must be null, a boolean, a number or a string, got "
                        + describe(arg));
            }
        }
        return values;
    }

    private static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY: return "an array";
            case OBJECT: return "an object";
            case BOOLEAN: return "a boolean";
            case NUMBER: return "a number";
            case STRING: return "a string";
            case NULL: return "null";
            default: return node.getNodeType().name().toLowerCase();
        }
    }

    private static String detail(JacksonException e) {
        String message = e.getOriginalMessage();
        JsonLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            message += " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
        }
        return abbreviate(message);
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "...";
    }
}
