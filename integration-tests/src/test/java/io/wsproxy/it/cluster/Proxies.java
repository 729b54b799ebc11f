package io.wsproxy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.QueryReply;
import io.wsproxy.it.support.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** What a test asks of a proxy through a real WebSocket client. */
final class Proxies {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Proxies() {
    }

    /** An authenticated /ws session as root. */
    static WsClient session(HttpClient http, URI ws) {
        WsClient client = WsClient.connect(http, ws);
        client.authenticate("root", TestCluster.PASSWORD);
        return client;
    }

    /** SELECT 1 over the session answers 1. */
    static void assertSelectOne(WsClient client) {
        QueryReply reply = new QueryReply(client.query(1, "SELECT 1", TIMEOUT));
        assertThat(reply.onlyRow().get(0).asText()).as("SELECT 1 over %s", reply).isEqualTo("1");
    }

    /** A new session on {@code ws} authenticates and runs SELECT 1. */
    static void assertServes(HttpClient http, URI ws) {
        try (WsClient client = session(http, ws)) {
            assertSelectOne(client);
        }
    }
}
