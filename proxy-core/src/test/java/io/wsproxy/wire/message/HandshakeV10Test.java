package io.wsproxy.wire.message;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_DEPRECATE_EOF;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PLUGIN_AUTH;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SECURE_CONNECTION;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SSL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.auth.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeV10Test {
    private static final Capabilities NONE = new Capabilities(0);

    /**
     * A MySQL 8.0.36 greeting as a server without TLS configured sends it (payload only):
     * capabilities 0xdffff7ff (all but CLIENT_SSL and bit 29), utf8mb4_0900_ai_ci (255),
     * autocommit, a 20-byte scramble in 8 + 12 bytes, caching_sha2_password.
     */
    private static final byte[] MYSQL_8_GREETING = Hex.bytes("""
            0a
            38 2e 30 2e 33 36 00
            0d 00 00 00
            2f 55 3e 74 50 72 6d 4b
            00
            ff f7
            ff
            02 00
            ff df
            15
            00 00 00 00 00 00 00 00 00 00
            4c 5c 36 2b 69 34 61 0c 31 7a 17 7b 00
            63 61 63 68 69 6e 67 5f 73 68 61 32 5f 70 61 73 73 77 6f 72 64 00
            """);

    /** The MySQL docs' "Protocol::HandshakeV10" example of a 5.5.2 server: no CLIENT_PLUGIN_AUTH. */
    private static final byte[] DOCS_5_5_2 = Hex.bytes("""
            0a 35 2e 35 2e 32 2d 6d 32 00 0b 00 00 00 64 76
            48 40 49 2d 43 4a 00 ff f7 08 02 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 2a 34 64 7c 63 5a 77
            6b 34 5e 5d 3a 00
            """);

    private static final Capabilities SERVER = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION
            | CLIENT_PLUGIN_AUTH | CLIENT_SSL | CLIENT_DEPRECATE_EOF);

    @Test
    void decodesAMysql8Greeting() {
        HandshakeV10 h = HandshakeV10.decode(new WireReader(MYSQL_8_GREETING), NONE);

        assertThat(h.serverVersion()).isEqualTo("8.0.36");
        assertThat(h.connectionId()).isEqualTo(13);
        assertThat(h.authPluginData()).hasSize(20)
                .isEqualTo(Hex.bytes("2f553e7450726d4b 4c5c362b6934610c317a177b"));
        assertThat(h.capabilities().bits()).isEqualTo(0xdffff7ff);
        assertThat(h.capabilities().has(CLIENT_SSL)).isFalse();
        assertThat(h.capabilities().has(CLIENT_PLUGIN_AUTH | CLIENT_DEPRECATE_EOF | CLIENT_PROTOCOL_41)).isTrue();
        assertThat(h.characterSet()).isEqualTo(255);
        assertThat(h.statusFlags()).isEqualTo(StatusFlags.SERVER_STATUS_AUTOCOMMIT);
        assertThat(h.authPluginName()).isEqualTo("caching_sha2_password");
    }

    @Test
    void reencodesTheMysql8GreetingByteForByte() {
        HandshakeV10 h = HandshakeV10.decode(new WireReader(MYSQL_8_GREETING), NONE);

        assertThat(h.encode(NONE)).isEqualTo(MYSQL_8_GREETING);
    }

    @Test
    void decodesTheDocsGreetingWithoutPluginAuth() {
        HandshakeV10 h = HandshakeV10.decode(new WireReader(DOCS_5_5_2), NONE);

        assertThat(h.serverVersion()).isEqualTo("5.5.2-m2");
        assertThat(h.connectionId()).isEqualTo(11);
        assertThat(new String(h.authPluginData(), StandardCharsets.US_ASCII)).isEqualTo("dvH@I-CJ*4d|cZwk4^]:");
        assertThat(h.capabilities().bits()).isEqualTo(0xf7ff);
        assertThat(h.characterSet()).isEqualTo(8);
        assertThat(h.statusFlags()).isEqualTo(2);
        assertThat(h.authPluginName()).isNull();
    }

    @Test
    void roundTripsARandomTwentyByteSeed() {
        HandshakeV10 h = new HandshakeV10("8.0.0-wsproxy", 0xfffffffeL, Seeds.random(20), SERVER, 45,
                StatusFlags.SERVER_STATUS_AUTOCOMMIT | StatusFlags.SERVER_STATUS_IN_TRANS, "mysql_native_password");

        HandshakeV10 decoded = HandshakeV10.decode(new WireReader(h.encode(SERVER)), NONE);

        assertThat(decoded).isEqualTo(h);
        assertThat(decoded.connectionId()).isEqualTo(0xfffffffeL);
    }

    @Test
    void roundTripsASeedOfZeros() {
        // a zero last byte must not be mistaken for the terminator
        HandshakeV10 h = new HandshakeV10("v", 1, new byte[20], SERVER, 45, 2, "mysql_native_password");

        assertThat(HandshakeV10.decode(new WireReader(h.encode(SERVER)), NONE).authPluginData())
                .isEqualTo(new byte[20]);
    }

    @Test
    void roundTripsWithoutPluginAuth() {
        Capabilities caps = SERVER.without(CLIENT_PLUGIN_AUTH);
        HandshakeV10 h = new HandshakeV10("5.7.0", 3, Seeds.random(20), caps, 33, 2, null);

        byte[] b = h.encode(caps);

        assertThat(HandshakeV10.decode(new WireReader(b), NONE)).isEqualTo(h);
        assertThat(b[b.length - 1]).as("ends with the scramble's NUL").isZero();
    }

    @Test
    void withoutSecureConnectionOnlyTheFirstEightSeedBytesTravel() {
        Capabilities caps = new Capabilities(CLIENT_PROTOCOL_41);
        byte[] seed = Seeds.random(20);

        HandshakeV10 decoded = HandshakeV10.decode(
                new WireReader(new HandshakeV10("4.1", 1, seed, caps, 8, 2, null).encode(caps)), NONE);

        assertThat(decoded.authPluginData()).isEqualTo(Arrays.copyOf(seed, 8));
    }

    @Test
    void layoutFollowsTheDocs() {
        byte[] seed = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
        HandshakeV10 h = new HandshakeV10("v", 0x01020304L, seed, SERVER, 45, 0x0002, "p");

        byte[] b = h.encode(SERVER);

        byte[] expected = Hex.bytes("""
                0a 76 00
                04 03 02 01
                61 62 63 64 65 66 67 68 00
                %s 2d 0200 %s
                15
                00 00 00 00 00 00 00 00 00 00
                69 6a 6b 6c 6d 6e 6f 70 71 72 73 74 00
                70 00
                """.formatted(Hex.of(new byte[] {(byte) SERVER.bits(), (byte) (SERVER.bits() >>> 8)}),
                Hex.of(new byte[] {(byte) (SERVER.bits() >>> 16), (byte) (SERVER.bits() >>> 24)})));
        assertThat(Hex.of(b)).isEqualTo(Hex.of(expected));
    }

    @Test
    void toleratesAPluginNameWithoutItsNul() {
        byte[] b = Arrays.copyOf(MYSQL_8_GREETING, MYSQL_8_GREETING.length - 1);

        assertThat(HandshakeV10.decode(new WireReader(b), NONE).authPluginName()).isEqualTo("caching_sha2_password");
    }

    @Test
    void otherProtocolVersionsAreMalformed() {
        byte[] b = MYSQL_8_GREETING.clone();
        b[0] = 9;

        assertThatThrownBy(() -> HandshakeV10.decode(new WireReader(b), NONE))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("version 9");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 7, 11, 15, 19})
    void greetingCutBeforeItsCapabilitiesIsMalformed(int length) {
        byte[] b = Arrays.copyOf(MYSQL_8_GREETING, length);

        assertThatThrownBy(() -> HandshakeV10.decode(new WireReader(b), NONE))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void everyPrefixEitherDecodesOrIsMalformed() {
        for (int n = 0; n <= MYSQL_8_GREETING.length; n++) {
            byte[] b = Arrays.copyOf(MYSQL_8_GREETING, n);
            Throwable t = catchThrowable(() -> HandshakeV10.decode(new WireReader(b), NONE));
            assertThat(t).as("prefix of %d bytes", n).satisfiesAnyOf(
                    x -> assertThat(x).isNull(),
                    x -> assertThat(x).isInstanceOf(MalformedPacketException.class));
        }
    }

    @Test
    void toStringLeavesTheSeedOut() {
        byte[] seed = "SECRETSEEDSECRETSEED".getBytes(StandardCharsets.US_ASCII);
        HandshakeV10 h = new HandshakeV10("8.0", 1, seed, SERVER, 45, 2, "mysql_native_password");

        assertThat(h.toString()).contains("8.0", "mysql_native_password").doesNotContain("SECRET");
    }
}
