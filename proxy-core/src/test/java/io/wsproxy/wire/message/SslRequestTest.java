package io.wsproxy.wire.message;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_PLUGIN_AUTH;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SECURE_CONNECTION;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SSL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SslRequestTest {
    private static final Capabilities CLIENT = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION
            | CLIENT_PLUGIN_AUTH);

    @Test
    void isThirtyTwoBytesWithClientSslSet() {
        byte[] b = new SslRequest(CLIENT, 0x01000000, 45).encode(CLIENT);

        assertThat(b).hasSize(SslRequest.LENGTH);
        assertThat(Hex.of(b)).isEqualTo(Hex.of(Hex.bytes("""
                00 8a 08 00  00 00 00 01  2d
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                """)));
        assertThat(SslRequest.isSslRequest(b)).isTrue();
    }

    @Test
    void decodesWhatItEncodes() {
        SslRequest decoded = SslRequest.decode(new WireReader(new SslRequest(CLIENT, 1 << 24, 255).encode(CLIENT)),
                CLIENT);

        assertThat(decoded).isEqualTo(new SslRequest(CLIENT.with(CLIENT_SSL), 1 << 24, 255));
    }

    @Test
    void isTheHandshakeResponsesFirst32Bytes() {
        Capabilities caps = CLIENT.with(CLIENT_SSL);
        byte[] full = new HandshakeResponse41(caps, 1 << 24, 45, "u", new byte[20], null, "mysql_native_password",
                null).encode(caps);

        assertThat(new SslRequest(caps, 1 << 24, 45).encode(caps)).isEqualTo(Arrays.copyOf(full, 32));
        assertThat(SslRequest.isSslRequest(full)).as("the full response that follows TLS").isFalse();
    }

    @Test
    void thirtyTwoBytesWithoutClientSslAreNotAnSslRequest() {
        byte[] b = new SslRequest(CLIENT, 0, 45).encode(CLIENT);
        b[1] &= (byte) ~(CLIENT_SSL >>> 8);

        assertThat(SslRequest.isSslRequest(b)).isFalse();
    }

    @Test
    void otherLengthsAreNotAnSslRequest() {
        byte[] b = new SslRequest(CLIENT, 0, 45).encode(CLIENT);

        assertThat(SslRequest.isSslRequest(Arrays.copyOf(b, 31))).isFalse();
        assertThat(SslRequest.isSslRequest(Arrays.copyOf(b, 33))).isFalse();
        assertThat(SslRequest.isSslRequest(new byte[0])).isFalse();
    }

    @Test
    void truncatedIsMalformed() {
        byte[] b = Arrays.copyOf(new SslRequest(CLIENT, 0, 45).encode(CLIENT), 31);

        assertThatThrownBy(() -> SslRequest.decode(new WireReader(b), CLIENT))
                .isInstanceOf(MalformedPacketException.class);
    }
}
