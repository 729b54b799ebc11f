package io.wsproxy.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.engine.testing.TestNode;
import io.wsproxy.engine.testing.WireClient;
import io.wsproxy.wire.ProxyHeaderV2;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.OkPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine trusts in the PROXY v2 header on a proxy socket: the client's address decides
 * which account matches, so a LOCAL header (no address) is refused, never taken for localhost,
 * and a remote IPv6 client cannot use a 'u'@'localhost' account.
 */
class ProxySocketTrustTest {
    @TempDir
    static Path dir;
    static TestNode node;
    static Path proxySocket;

    @BeforeAll
    static void startNodeWithAProxySocketAndALocalOnlyUser() throws Exception {
        node = TestNode.start(dir);
        proxySocket = node.node().proxySockets().open(1);
        try (WireClient root = node.root()) {
            assertThat(root.query("CREATE USER 'local_only'@'localhost' IDENTIFIED BY 'pw'"))
                    .isInstanceOf(WireClient.Ok.class);
            assertThat(root.query("CREATE USER 'anywhere'@'%' IDENTIFIED BY 'pw'")).isInstanceOf(WireClient.Ok.class);
        }
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static byte[] from(String address) throws Exception {
        return ProxyHeaderV2.forClient(new InetSocketAddress(InetAddress.getByName(address), 50000),
                new InetSocketAddress(InetAddress.getByName(address.contains(":") ? "::1" : "127.0.0.1"), 8080), false)
                .encode();
    }

    @Test
    void aLocalHeaderIsRefusedBeforeTheGreetingWithAClearError() throws Exception {
        try (WireClient c = WireClient.unix(proxySocket, ProxyHeaderV2.local(false).encode())) {
            Object greeting = c.greeting();
            assertThat(greeting).isInstanceOfSatisfying(ErrPacket.class, err -> {
                assertThat(err.errorCode()).isEqualTo(1043);
                assertThat(err.message()).contains("LOCAL").contains("client's address");
            });
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aLocalHeaderDoesNotLogInALocalhostAccount() throws Exception {
        try (WireClient c = WireClient.unix(proxySocket, ProxyHeaderV2.local(false).encode())) {
            assertThat(c.login("local_only", "pw")).isInstanceOf(ErrPacket.class);
        }
    }

    @Test
    void aRemoteIpv6ClientCannotUseALocalhostOnlyAccount() throws Exception {
        try (WireClient c = WireClient.unix(proxySocket, from("2001:db8::7"))) {
            assertThat(c.login("local_only", "pw")).isInstanceOfSatisfying(ErrPacket.class, err -> {
                assertThat(err.errorCode()).isEqualTo(1045);
                assertThat(err.message()).contains("'local_only'@'2001:db8::7'");
            });
        }
    }

    @Test
    void aRemoteIpv6ClientUsesAnAnyHostAccountAndIsSeenByItsAddress() throws Exception {
        try (WireClient c = WireClient.unix(proxySocket, from("2001:db8::7"))) {
            assertThat(c.login("anywhere", "pw")).isInstanceOf(OkPacket.class);
            WireClient.Rows rows = (WireClient.Rows) c.query("SELECT USER()");
            assertThat(rows.rows().get(0)[0]).isEqualTo("anywhere@2001:db8::7");
        }
    }

    @Test
    void theIpv6LoopbackIsLocalhostAsInMySql() throws Exception {
        try (WireClient c = WireClient.unix(proxySocket, from("::1"))) {
            assertThat(c.login("local_only", "pw")).isInstanceOf(OkPacket.class);
        }
    }

    @Test
    void aRemoteIpv4ClientCannotUseALocalhostOnlyAccount() throws Exception {
        try (WireClient c = WireClient.unix(proxySocket, from("192.0.2.10"))) {
            assertThat(c.login("local_only", "pw")).isInstanceOfSatisfying(ErrPacket.class,
                    err -> assertThat(err.errorCode()).isEqualTo(1045));
        }
    }

    @Test
    void noHeaderAtAllIsRefused() throws Exception {
        try (WireClient c = WireClient.unix(proxySocket, new byte[16])) {
            assertThat(c.greeting()).isInstanceOfSatisfying(ErrPacket.class,
                    err -> assertThat(err.message()).contains("no valid PROXY v2 header"));
        }
    }
}
