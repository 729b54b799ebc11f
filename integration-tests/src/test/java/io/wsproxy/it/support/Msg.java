package io.wsproxy.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Client messages of PROTOCOL.md section 1, built by Jackson so that every string (passwords,
 * SQL, args) is escaped by a JSON encoder and not by the test.
 */
public final class Msg {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Msg() {
    }

    public static String auth(String user, String password) {
        return authNode(user, password).toString();
    }

    public static String auth(String user, String password, String database) {
        return authNode(user, password).put("database", database).toString();
    }

    /** {@code options.bigint: "string"}. */
    public static String authBigintAsString(String user, String password) {
        ObjectNode m = authNode(user, password);
        m.putObject("options").put("bigint", "string");
        return m.toString();
    }

    private static ObjectNode authNode(String user, String password) {
        return JSON.createObjectNode().put("type", "auth").put("user", user).put("password", password);
    }

    /** {@code id} is a String or a Number and goes out as that JSON kind. */
    public static String query(Object id, String sql) {
        return queryNode(id, sql).toString();
    }

    /** A query with {@code args}; each arg becomes the JSON value Jackson maps it to (null, number, string, boolean). */
    public static String query(Object id, String sql, Object... args) {
        ObjectNode m = queryNode(id, sql);
        ArrayNode array = m.putArray("args");
        Arrays.stream(args).forEach(a -> array.add(JSON.valueToTree(a)));
        return m.toString();
    }

    private static ObjectNode queryNode(Object id, String sql) {
        ObjectNode m = JSON.createObjectNode().put("type", "query");
        m.set("id", JSON.valueToTree(id));
        return m.put("sql", sql);
    }

    public static String cancel(Object id) {
        ObjectNode m = JSON.createObjectNode().put("type", "cancel");
        m.set("id", JSON.valueToTree(id));
        return m.toString();
    }

    public static String ping() {
        return "{\"type\":\"ping\"}";
    }
}
