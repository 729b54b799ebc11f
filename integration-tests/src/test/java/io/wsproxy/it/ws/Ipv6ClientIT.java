package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.WsClient;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 clients of a node whose proxy listens on both families ({@code bind_address = ::}). The
 * proxy reaches the engine over a Unix socket, so the PROXY v2 header is the only way the engine
 * learns the client's address: what {@code USER()} shows and which account grants apply come
 * from it. A {@code 'u'@'localhost'} grant covers {@code ::1} and nothing else.
 */
class Ipv6ClientIT {
    private static final String PW = "ipv6-root-pw";
    private static final String LOCAL_USER = "u";
    private static final String LOCAL_PW = "u-pw";
    private static final String ANY_USER = "anywhere";
    private static final String ANY_PW = "anywhere-pw";

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startDualStackNodeWithALocalhostOnlyUser() throws Exception {
        node = ProxyCnf.http().with("bind_address", "::").start(dir.resolve("node"), PW);
        try (Connection c = DriverManager.getConnection(node.mysqlUrl("sslMode=DISABLED"), "root", PW);
                Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + LOCAL_USER + "'@'localhost' IDENTIFIED BY '" + LOCAL_PW + "'");
            s.execute("CREATE USER '" + ANY_USER + "'@'%' IDENTIFIED BY '" + ANY_PW + "'");
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

    @Test
    void aClientOnANonLoopbackIpv6AddressIsNotLetInByALocalhostGrantAndIsSeenByItsOwnAddress() throws Exception {
        Optional<InetAddress> found = nonLoopbackIpv6();
        assumeTrue(found.isPresent(), "this machine has no global or site-local IPv6 address to connect from");
        InetAddress address = found.get();
        URI uri = wsUri("[" + address.getHostAddress() + "]");

        try (WsClient refused = WsClient.connect(uri)) {
            refused.send(Msg.auth(LOCAL_USER, LOCAL_PW));
            JsonNode error = refused.next();
            assertError(error, 1045, "28000");
            assertThat(error.path("message").asText()).as("the 1045 names the user, not as localhost: %s", error)
                    .contains("'" + LOCAL_USER + "'@").doesNotContain("localhost");
            assertThat(refused.awaitClose().code()).isEqualTo(1008);
        }

        try (WsClient client = WsClient.connect(uri)) {
            client.send(Msg.auth(ANY_USER, ANY_PW));
            JsonNode ready = client.next();
            assertThat(ready.path("type").asText()).as("reply to auth over %s: %s", uri, ready).isEqualTo("ready");
            JsonNode row = Sessions.query(client, 1, "SELECT USER(), CURRENT_USER()").onlyRow();
            assertThat(row.get(1).asText()).isEqualTo(ANY_USER + "@%");
            String user = row.get(0).asText();
            assertThat(user).as("USER()").startsWith(ANY_USER + "@");
            String host = user.substring(ANY_USER.length() + 1);
            assertThat(InetAddress.getByName(host)).as("the host in USER() %s", user).isEqualTo(address);
        }
    }

    private static URI wsUri(String host) {
        return URI.create("ws://" + host + ":" + node.proxyUrl().getPort() + "/ws");
    }

    /** An address of this machine that is IPv6 and neither loopback, link-local nor multicast, without a zone. */
    private static Optional<InetAddress> nonLoopbackIpv6() throws SocketException, UnknownHostException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet6Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()
                        && !a.isAnyLocalAddress() && !a.isMulticastAddress()) {
                    return Optional.of(InetAddress.getByAddress(a.getAddress()));
                }
            }
        }
        return Optional.empty();
    }
}
