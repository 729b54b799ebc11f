package io.wsproxy.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Every message of one query's reply (PROTOCOL.md: results of {@code columns}, {@code rows}*,
 * {@code end}, or {@code ok}, the last with {@code more: false}; or ended by {@code error}).
 */
public record QueryReply(List<JsonNode> messages) {
    private static final int MAX_MESSAGES = 100_000;

    /** Reads from {@code client} up to and including the message that ends the query. */
    public static QueryReply read(WsClient client) {
        List<JsonNode> messages = new ArrayList<>();
        while (messages.size() < MAX_MESSAGES) {
            JsonNode m = client.next();
            messages.add(m);
            if (endsQuery(m)) {
                return new QueryReply(List.copyOf(messages));
            }
        }
        throw new AssertionError("a query reply of more than " + MAX_MESSAGES + " messages never ended");
    }

    private static boolean endsQuery(JsonNode m) {
        String type = m.path("type").asText();
        if (type.equals("error")) {
            return true;
        }
        return (type.equals("end") || type.equals("ok")) && m.path("more").isBoolean() && !m.path("more").asBoolean();
    }

    public List<String> types() {
        return messages.stream().map(m -> m.path("type").asText()).toList();
    }

    public JsonNode last() {
        return messages.get(messages.size() - 1);
    }

    public JsonNode first(String type) {
        return messages.stream().filter(m -> m.path("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + type + "' message in " + messages));
    }

    /** The rows of every {@code rows} message, in order. */
    public List<JsonNode> rows() {
        List<JsonNode> rows = new ArrayList<>();
        messages.stream().filter(m -> m.path("type").asText().equals("rows"))
                .forEach(m -> m.path("rows").forEach(rows::add));
        return rows;
    }

    /** The one row of a single-row result. */
    public JsonNode onlyRow() {
        List<JsonNode> rows = rows();
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows + " in " + messages);
        }
        return rows.get(0);
    }

    public JsonNode error() {
        JsonNode last = last();
        if (!last.path("type").asText().equals("error")) {
            throw new AssertionError("the query did not end with an error: " + messages);
        }
        return last;
    }

    @Override
    public String toString() {
        return messages.toString();
    }
}
