package io.wsproxy.wire.message;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_CONNECT_ATTRS;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_CONNECT_WITH_DB;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_DEPRECATE_EOF;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PLUGIN_AUTH;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SECURE_CONNECTION;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SESSION_TRACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeResponse41Test {
    private static final Capabilities NONE = new Capabilities(0);

    /** The MySQL docs' "Protocol::HandshakeResponse41" example: user "pam", database "test". */
    private static final byte[] DOCS_EXAMPLE = Hex.bytes("""
            8d a6 0f 00 00 00 00 01 08 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 70 61 6d 00 14 ab 09 ee f6 bc b1 32
            3e 61 14 38 65 c0 99 1d 95 7d 75 d4 47 74 65 73
            74 00 6d 79 73 71 6c 5f 6e 61 74 69 76 65 5f 70
            61 73 73 77 6f 72 64 00
            """);

    /** The flags that change the layout; each subset is a case. */
    private static final int[] LAYOUT_FLAGS = {CLIENT_SECURE_CONNECTION, CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA,
        CLIENT_CONNECT_WITH_DB, CLIENT_PLUGIN_AUTH, CLIENT_CONNECT_ATTRS};

    private static HandshakeResponse41 decode(byte[] payload) {
        return HandshakeResponse41.decode(new WireReader(payload), NONE);
    }

    @Test
    void decodesTheDocsExample() {
        HandshakeResponse41 r = decode(DOCS_EXAMPLE);

        assertThat(r.capabilities().bits()).isEqualTo(0x000fa68d);
        assertThat(r.maxPacketSize()).isEqualTo(16 * 1024 * 1024);
        assertThat(r.characterSet()).isEqualTo(8);
        assertThat(r.username()).isEqualTo("pam");
        assertThat(r.authResponse()).isEqualTo(Hex.bytes("ab09eef6bcb1323e61143865c0991d957d75d447"));
        assertThat(r.database()).isEqualTo("test");
        assertThat(r.authPluginName()).isEqualTo("mysql_native_password");
        assertThat(r.attributes()).isEmpty();
    }

    @Test
    void reencodesTheDocsExampleByteForByte() {
        assertThat(decode(DOCS_EXAMPLE).encode(NONE)).isEqualTo(DOCS_EXAMPLE);
    }

    @Test
    void decodesAMysql8ClientResponseWithLenencAuthAndAttributes() {
        // mysql 8 CLI: caps 0x01ffa68d, caching_sha2 scramble of 32 bytes, two attributes
        byte[] payload = Hex.bytes("""
                8d a6 ff 01  00 00 00 01  ff
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                72 6f 6f 74 00
                20 %s
                74 65 73 74 00
                63 61 63 68 69 6e 67 5f 73 68 61 32 5f 70 61 73 73 77 6f 72 64 00
                21
                0c 5f 63 6c 69 65 6e 74 5f 6e 61 6d 65  08 6c 69 62 6d 79 73 71 6c
                04 5f 70 69 64  05 31 32 33 34 35
                """.formatted("5a".repeat(32)));

        HandshakeResponse41 r = decode(payload);

        assertThat(r.capabilities().has(CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA | CLIENT_CONNECT_ATTRS
                | CLIENT_SESSION_TRACK | CLIENT_DEPRECATE_EOF)).isTrue();
        assertThat(r.characterSet()).isEqualTo(255);
        assertThat(r.username()).isEqualTo("root");
        assertThat(r.authResponse()).hasSize(32).containsOnly(0x5a);
        assertThat(r.database()).isEqualTo("test");
        assertThat(r.authPluginName()).isEqualTo("caching_sha2_password");
        assertThat(r.attributes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("_client_name", "libmysql", "_pid", "12345"));
        assertThat(decode(r.encode(NONE))).isEqualTo(r);
    }

    static Stream<Capabilities> layouts() {
        List<Capabilities> all = new ArrayList<>();
        for (int mask = 0; mask < 1 << LAYOUT_FLAGS.length; mask++) {
            int bits = CLIENT_PROTOCOL_41;
            for (int i = 0; i < LAYOUT_FLAGS.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    bits |= LAYOUT_FLAGS[i];
                }
            }
            all.add(new Capabilities(bits));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void roundTripsUnderEveryLayout(Capabilities caps) {
        boolean binaryAuth = caps.has(CLIENT_SECURE_CONNECTION) || caps.has(CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA);
        byte[] auth = binaryAuth ? Hex.bytes("00 01 fe ff 00 7f 80 2a 00 01 02 03 04 05 06 07 08 09 0a 00")
                : "old-style".getBytes(StandardCharsets.US_ASCII);
        HandshakeResponse41 r = new HandshakeResponse41(caps, 0xffffff, 45, "app_user", auth,
                caps.has(CLIENT_CONNECT_WITH_DB) ? "inventory" : null,
                caps.has(CLIENT_PLUGIN_AUTH) ? "mysql_native_password" : null,
                caps.has(CLIENT_CONNECT_ATTRS) ? Map.of("_client_name", "wsproxy", "program_name", "tests") : null);

        HandshakeResponse41 decoded = decode(r.encode(caps));

        assertThat(decoded).isEqualTo(r);
        assertThat(decoded.authResponse()).isEqualTo(auth);
        assertThat(decoded.attributes()).isEqualTo(r.attributes());
    }

    @Test
    void fieldsWhoseFlagIsOffAreNeitherWrittenNorRead() {
        Capabilities caps = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION);
        HandshakeResponse41 r = new HandshakeResponse41(caps, 0, 45, "u", new byte[0], "db", "plugin",
                Map.of("k", "v"));

        byte[] b = r.encode(caps);

        // 32 fixed bytes, "u\0", an empty auth: nothing after
        assertThat(b).hasSize(32 + 2 + 1);
        HandshakeResponse41 decoded = decode(b);
        assertThat(decoded.database()).isNull();
        assertThat(decoded.authPluginName()).isNull();
        assertThat(decoded.attributes()).isEmpty();
    }

    @Test
    void authLongerThan250BytesTakesATwoByteLengthUnderLenencClientData() {
        Capabilities caps = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA);
        byte[] auth = new byte[300];
        new SplittableRandom(3).nextBytes(auth);

        byte[] b = new HandshakeResponse41(caps, 0, 45, "u", auth, null, null, null).encode(caps);

        assertThat(Arrays.copyOfRange(b, 34, 37)).isEqualTo(Hex.bytes("fc 2c 01"));
        assertThat(decode(b).authResponse()).isEqualTo(auth);
    }

    @Test
    void maxPacketSizeIsUnsignedOnTheWire() {
        Capabilities caps = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION);
        HandshakeResponse41 r = new HandshakeResponse41(caps, -1, 45, "u", new byte[0], null, null, null);

        byte[] b = r.encode(caps);

        assertThat(Arrays.copyOfRange(b, 4, 8)).isEqualTo(Hex.bytes("ffffffff"));
        assertThat(decode(b).maxPacketSize()).isEqualTo(-1);
    }

    @Test
    void emptyAttributesAreALengthOfZero() {
        Capabilities caps = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_CONNECT_ATTRS);

        byte[] b = new HandshakeResponse41(caps, 0, 45, "u", new byte[0], null, null, Map.of()).encode(caps);

        assertThat(b[b.length - 1]).isZero();
        assertThat(b).hasSize(32 + 2 + 1 + 1);
        assertThat(decode(b).attributes()).isEmpty();
    }

    @Test
    void clientMayLeaveOutTrailingOptionalFields() {
        // capabilities promise a database, a plugin name and attributes; the packet ends after the auth data
        int bits = CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_CONNECT_WITH_DB | CLIENT_PLUGIN_AUTH
                | CLIENT_CONNECT_ATTRS;
        byte[] b = new WireWriter().u32(bits).u32(0).u8(45).zeros(23).nulString("u").u8(1).u8(0x2a).toByteArray();

        HandshakeResponse41 r = decode(b);

        assertThat(r.authResponse()).containsExactly(0x2a);
        assertThat(r.database()).isNull();
        assertThat(r.authPluginName()).isNull();
        assertThat(r.attributes()).isEmpty();
    }

    private static byte[] withAttributes(String attributesHex) {
        int bits = CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_CONNECT_ATTRS;
        return new WireWriter().u32(bits).u32(0).u8(45).zeros(23).nulString("u").u8(0)
                .bytes(Hex.bytes(attributesHex)).toByteArray();
    }

    @Test
    void nullAttributeKeyIsMalformed() {
        assertThatThrownBy(() -> decode(withAttributes("02 fb 00")))
                .isExactlyInstanceOf(MalformedPacketException.class);
    }

    @Test
    void nullAttributeValueIsMalformed() {
        assertThatThrownBy(() -> decode(withAttributes("03 01 6b fb")))
                .isExactlyInstanceOf(MalformedPacketException.class);
    }

    @Test
    void attributeCutShortIsMalformed() {
        assertThatThrownBy(() -> decode(withAttributes("10 01 6b 05 61")))
                .isExactlyInstanceOf(MalformedPacketException.class);
    }

    @Test
    void authLengthPastTheEndIsMalformed() {
        byte[] b = new WireWriter().u32(CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION).u32(0).u8(45).zeros(23)
                .nulString("u").u8(20).bytes(new byte[5]).toByteArray();

        assertThatThrownBy(() -> decode(b)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void everyPrefixOfTheDocsExampleBeforeTheUserIsMalformed() {
        for (int n = 0; n < 36; n++) {
            byte[] b = Arrays.copyOf(DOCS_EXAMPLE, n);
            assertThatThrownBy(() -> decode(b)).as("prefix of %d bytes", n)
                    .isInstanceOf(MalformedPacketException.class);
        }
    }

    @Test
    void attributesAreAnImmutableCopy() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("a", "1");
        HandshakeResponse41 r = new HandshakeResponse41(new Capabilities(CLIENT_PROTOCOL_41), 0, 45, "u",
                new byte[0], null, null, attrs);

        attrs.put("b", "2");

        assertThat(r.attributes()).containsOnlyKeys("a");
        assertThatThrownBy(() -> r.attributes().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringNeverShowsTheAuthResponse() {
        HandshakeResponse41 r = new HandshakeResponse41(new Capabilities(CLIENT_PROTOCOL_41), 0, 45, "alice",
                "hunter2".getBytes(StandardCharsets.US_ASCII), "db", "mysql_native_password", null);

        assertThat(r.toString()).contains("alice", "db").doesNotContain("hunter2")
                .doesNotContain(Arrays.toString("hunter2".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void capabilitiesKeepBitsTheCodecDoesNotInterpret() {
        int bits = CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CapabilityFlags.CLIENT_SSL | (1 << 31);
        Capabilities caps = new Capabilities(bits);

        byte[] b = new HandshakeResponse41(caps, 0, 45, "u", new byte[0], null, null, null).encode(NONE);

        assertThat(decode(b).capabilities().bits()).isEqualTo(bits);
    }
}
