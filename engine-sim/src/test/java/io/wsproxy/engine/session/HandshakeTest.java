package io.wsproxy.engine.session;

import static io.wsproxy.wire.CapabilityFlags.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.engine.testing.TestNode;
import io.wsproxy.engine.testing.WireClient;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.auth.NativePassword;
import io.wsproxy.wire.message.AuthSwitchRequest;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.HandshakeResponse41;
import io.wsproxy.wire.message.HandshakeV10;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.wire.message.SslRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection phase, packet by packet over the node's TCP port. */
class HandshakeTest {
    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.start(dir);
        try (WireClient root = node.root()) {
            root.query("CREATE USER 'alice'@'%' IDENTIFIED BY 'alice-pw'");
            root.query("CREATE USER 'empty'@'%'");
            root.query("CREATE DATABASE shop");
            root.query("CREATE DATABASE secret");
            root.query("GRANT SELECT ON shop.* TO 'alice'@'%'");
        }
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void theGreetingOffersNativePasswordAndTheProtocolFeaturesDriversNeed() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            HandshakeV10 hello = (HandshakeV10) c.greeting();

            assertThat(hello.serverVersion()).isEqualTo("8.0.35-wsproxy");
            assertThat(hello.authPluginName()).isEqualTo("mysql_native_password");
            assertThat(hello.authPluginData()).hasSizeGreaterThanOrEqualTo(20);
            assertThat(hello.connectionId()).isPositive();
            Capabilities caps = hello.capabilities();
            for (int flag : new int[] {CLIENT_PROTOCOL_41, CLIENT_SECURE_CONNECTION, CLIENT_PLUGIN_AUTH,
                    CLIENT_DEPRECATE_EOF, CLIENT_MULTI_STATEMENTS, CLIENT_MULTI_RESULTS, CLIENT_PS_MULTI_RESULTS,
                    CLIENT_CONNECT_WITH_DB, CLIENT_TRANSACTIONS}) {
                assertThat(caps.has(flag)).as("capability 0x%x", flag).isTrue();
            }
            assertThat(caps.has(CLIENT_SSL)).as("no SSL without ssl_cert and ssl_key").isFalse();
        }
    }

    @Test
    void theRightPasswordGetsOkAndTheSessionAnswers() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            assertThat(c.login("alice", "alice-pw")).isInstanceOf(OkPacket.class);
            assertThat(c.query("SELECT CURRENT_USER()")).isInstanceOfSatisfying(WireClient.Rows.class,
                    rows -> assertThat(rows.rows().get(0)[0]).isEqualTo("alice@%"));
        }
    }

    @Test
    void aWrongPasswordIs1045UsingPasswordYesAndTheConnectionEnds() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            assertThat(c.login("alice", "wrong")).isInstanceOfSatisfying(ErrPacket.class, err -> {
                assertThat(err.errorCode()).isEqualTo(1045);
                assertThat(err.sqlState()).isEqualTo("28000");
                assertThat(err.message()).isEqualTo("Access denied for user 'alice'@'127.0.0.1' (using password: YES)");
            });
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void anUnknownUserGetsTheSameAnswerAsAWrongPassword() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            assertThat(c.login("mallory", "")).isInstanceOfSatisfying(ErrPacket.class,
                    err -> assertThat(err.message()).isEqualTo(
                            "Access denied for user 'mallory'@'127.0.0.1' (using password: NO)"));
        }
    }

    @Test
    void anAccountWithoutAPasswordLogsInWithAnEmptyOne() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            assertThat(c.login("empty", "")).isInstanceOf(OkPacket.class);
        }
    }

    @Test
    void aCachingSha2ClientIsSwitchedToNativePassword() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            HandshakeV10 hello = (HandshakeV10) c.greeting();
            Capabilities caps = new Capabilities(WireClient.CLIENT_FLAGS);
            c.sendNext(new HandshakeResponse41(caps, 1 << 24, 45, "alice", new byte[32], null,
                    "caching_sha2_password", Map.of()).encode(caps));

            AuthSwitchRequest switchTo = AuthSwitchRequest.decode(new WireReader(c.read().payload()), caps);
            assertThat(switchTo.pluginName()).isEqualTo("mysql_native_password");
            byte[] seed = Arrays.copyOf(switchTo.pluginData(), 20);
            assertThat(seed).isEqualTo(Arrays.copyOf(hello.authPluginData(), 20));
            c.sendNext(NativePassword.scramble("alice-pw", seed));

            assertThat(c.read().payload()[0]).as("OK").isEqualTo((byte) 0);
        }
    }

    @Test
    void theInitialDatabaseMustBeGrantedAndExist() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            assertThat(c.login("alice", "alice-pw", "shop", WireClient.CLIENT_FLAGS)).isInstanceOf(OkPacket.class);
            assertThat(((WireClient.Rows) c.query("SELECT DATABASE()")).rows().get(0)[0]).isEqualTo("shop");
        }
        try (WireClient c = WireClient.tcp(node.node().port())) {
            assertThat(c.login("alice", "alice-pw", "secret", WireClient.CLIENT_FLAGS))
                    .isInstanceOfSatisfying(ErrPacket.class, err -> assertThat(err.errorCode()).isEqualTo(1044));
        }
        try (WireClient c = WireClient.tcp(node.node().port())) {
            assertThat(c.login("root", TestNode.ROOT_PASSWORD, "nowhere", WireClient.CLIENT_FLAGS))
                    .isInstanceOfSatisfying(ErrPacket.class, err -> assertThat(err.errorCode()).isEqualTo(1049));
        }
    }

    @Test
    void aClientWithoutProtocol41IsRefusedWith1043() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            int old = WireClient.CLIENT_FLAGS & ~CLIENT_PROTOCOL_41;
            assertThat(c.login("alice", "alice-pw", null, old)).isInstanceOfSatisfying(ErrPacket.class,
                    err -> assertThat(err.errorCode()).isEqualTo(1043));
        }
    }

    @Test
    void anSslRequestWhenSslIsOffIsRefusedWith1043() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            c.greeting();
            Capabilities caps = new Capabilities(WireClient.CLIENT_FLAGS | CLIENT_SSL);
            c.sendNext(new SslRequest(caps, 1 << 24, 45).encode(caps));

            assertThat(ErrPacket.decode(new WireReader(c.read().payload()), caps).errorCode()).isEqualTo(1043);
        }
    }

    @Test
    void aMalformedHandshakeResponseIsRefusedWith1043() throws Exception {
        try (WireClient c = WireClient.tcp(node.node().port())) {
            c.greeting();
            c.sendNext(new byte[] {(byte) 0x85, (byte) 0xa6, 0x0f, 0x00, 0x01});

            assertThat(ErrPacket.decode(new WireReader(c.read().payload()), new Capabilities(0)).errorCode())
                    .isEqualTo(1043);
        }
    }

    @Test
    void pastMaxConnectionsTheNextClientGets1040InsteadOfAGreeting() throws Exception {
        try (WireClient root = node.root()) {
            root.query("SET GLOBAL max_connections = 1");
            try (WireClient c = WireClient.tcp(node.node().port())) {
                assertThat(c.greeting()).isInstanceOfSatisfying(ErrPacket.class,
                        err -> assertThat(err.errorCode()).isEqualTo(1040));
            } finally {
                root.query("SET GLOBAL max_connections = DEFAULT");
            }
        }
    }
}
