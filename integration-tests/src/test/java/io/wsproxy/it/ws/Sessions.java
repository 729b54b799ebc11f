package io.wsproxy.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.QueryReply;
import io.wsproxy.it.support.WsClient;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared steps of the /ws tests: an authenticated session, a query, the shape of an error. */
final class Sessions {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private Sessions() {
    }

    /** A session that sent {@code auth} as root and received {@code ready}. */
    static WsClient root(EngineNode node) throws IOException {
        return login(node, "root", node.rootPassword());
    }

    static WsClient login(EngineNode node, String user, String password) throws IOException {
        return ready(WsClient.connect(node.wsUri()), Msg.auth(user, password));
    }

    /** A root session whose current database is {@code database}. */
    static WsClient root(EngineNode node, String database) throws IOException {
        return ready(WsClient.connect(node.wsUri()), Msg.auth("root", node.rootPassword(), database));
    }

    private static WsClient ready(WsClient client, String auth) {
        client.send(auth);
        JsonNode ready = client.next();
        assertThat(ready.path("type").asText()).as("reply to auth: %s", ready).isEqualTo("ready");
        return client;
    }

    static QueryReply query(WsClient client, Object id, String sql) {
        client.send(Msg.query(id, sql));
        return QueryReply.read(client);
    }

    static QueryReply query(WsClient client, Object id, String sql, Object... args) {
        client.send(Msg.query(id, sql, args));
        return QueryReply.read(client);
    }

    /** Runs a statement without result set and fails unless it ends with {@code ok}. */
    static JsonNode exec(WsClient client, String sql) {
        QueryReply reply = query(client, "exec", sql);
        assertThat(reply.types()).as("reply to %s: %s", sql, reply).containsExactly("ok");
        return reply.last();
    }

    static void assertError(JsonNode m, int code, String sqlState) {
        assertThat(m.path("type").asText()).as("%s", m).isEqualTo("error");
        assertThat(m.path("code").isIntegralNumber()).as("code is a number in %s", m).isTrue();
        assertThat(m.path("code").asInt()).as("code in %s", m).isEqualTo(code);
        assertThat(m.path("sqlState").asText()).as("sqlState in %s", m).isEqualTo(sqlState);
        assertThat(m.path("message").isTextual()).as("message in %s", m).isTrue();
        assertThat(m.path("message").asText()).as("message in %s", m).isNotBlank();
    }

    /** A protocol error: 9110 / 08P01 (PROTOCOL_ERROR). */
    static void assertProtocolError(JsonNode m) {
        assertError(m, 9110, "08P01");
    }

    /** The session still answers {@code ping} with {@code pong} (and nothing else is pending). */
    static void assertStillOpen(WsClient client) {
        client.send(Msg.ping());
        JsonNode pong = client.next();
        assertThat(pong.path("type").asText()).as("reply to ping: %s", pong).isEqualTo("pong");
    }

    static String unique(String prefix) {
        return prefix + NAMES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    }
}
