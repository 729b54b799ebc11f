package io.wsproxy.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.WsClient;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 clients of a node whose proxy listens on both families ({@code bind_address = ::}). The
 * proxy reaches the engine over a Unix socket, so the PROXY v2 header is the only way the engine
 * learns the client's address: what {@code USER()} shows and which account grants apply come
 * from it. A {@code 'u'@'localhost'} grant covers {@code ::1}.
 *
 * <p>A client on a non-loopback IPv6 address is not tried here: tests send traffic to loopback
 * addresses only (this machine's other addresses face a network that is not ours). engine-sim's
 * ProxySocketTrustTest sends the engine PROXY v2 headers from 2001:db8::7 on a node's proxy
 * socket: a localhost-only account is refused, an any-host account is seen by that address.
 */
class Ipv6ClientIT {
    private static final String PW = "ipv6-root-pw";
    private static final String LOCAL_USER = "u";
    private static final String LOCAL_PW = "u-pw";

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startDualStackNodeWithALocalhostOnlyUser() throws Exception {
        node = ProxyCnf.http().with("bind_address", "::").start(dir.resolve("node"), PW);
        try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", PW);
                Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + LOCAL_USER + "'@'localhost' IDENTIFIED BY '" + LOCAL_PW + "'");
        }
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theNodePrintsTheProxysUrlWithTheIpv6WildcardInBrackets() {
        assertThat(node.proxyUrl().getHost()).isEqualTo("[::]");
        assertThat(node.proxyUrl().getPort()).isPositive();
    }

    @Test
    void aClientOnIpv6LoopbackLogsInAsLocalhostAndTheEngineSeesItsAddressAsColonColonOne() throws Exception {
        try (WsClient client = WsClient.connect(wsUri("[::1]"))) {
            client.send(Msg.auth(LOCAL_USER, LOCAL_PW));
            JsonNode ready = client.next();
            assertThat(ready.path("type").asText()).as("reply to auth over [::1]: %s", ready).isEqualTo("ready");

            JsonNode row = Sessions.query(client, 1, "SELECT USER(), CURRENT_USER()").onlyRow();
            assertThat(row.get(0).asText()).as("USER(): the address the PROXY v2 header carried")
                    .isEqualTo(LOCAL_USER + "@::1");
            assertThat(row.get(1).asText()).as("CURRENT_USER(): the account that matched")
                    .isEqualTo(LOCAL_USER + "@localhost");
        }
    }

    private static URI wsUri(String host) {
        return URI.create("ws://" + host + ":" + node.proxyUrl().getPort() + "/ws");
    }
}
