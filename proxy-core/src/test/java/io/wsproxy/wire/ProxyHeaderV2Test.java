package io.wsproxy.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.ProxyHeaderV2.ProxyHeaderException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyHeaderV2Test {
    private static final String SIGNATURE = "0d0a0d0a000d0a515549540a";
    private static final String SSL_TLV = "20 0005 01 00000000";

    private static InetSocketAddress at(String ip, int port) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static byte[] header(String afterSignature) {
        return Hex.bytes(SIGNATURE + afterSignature);
    }

    @Test
    void ipv4WithSslLayout() throws Exception {
        ProxyHeaderV2 h = new ProxyHeaderV2(at("192.0.2.10", 54321), at("10.0.0.1", 3306), true);

        assertThat(Hex.of(h.encode())).isEqualTo(Hex.of(header(
                "21 11 0014  c000020a 0a000001 d431 0cea " + SSL_TLV)));
    }

    @Test
    void ipv4RoundTrips() throws Exception {
        for (boolean ssl : new boolean[] {true, false}) {
            ProxyHeaderV2 h = new ProxyHeaderV2(at("192.0.2.10", 54321), at("10.0.0.1", 3306), ssl);

            assertThat(ProxyHeaderV2.decode(h.encode())).isEqualTo(h);
        }
    }

    @Test
    void ipv6RoundTripsWithUnsignedPorts() throws Exception {
        ProxyHeaderV2 h = new ProxyHeaderV2(at("2001:db8::1", 65535), at("::1", 0), true);

        byte[] b = h.encode();

        assertThat(b[13]).isEqualTo((byte) 0x21);
        assertThat(b).hasSize(16 + 36 + 8);
        ProxyHeaderV2 decoded = ProxyHeaderV2.decode(b);
        assertThat(decoded).isEqualTo(h);
        assertThat(decoded.source().getPort()).isEqualTo(65535);
    }

    @Test
    void localCarriesNoAddresses() throws Exception {
        assertThat(Hex.of(ProxyHeaderV2.local(false).encode())).isEqualTo(Hex.of(header("20 00 0000")));
        assertThat(Hex.of(ProxyHeaderV2.local(true).encode())).isEqualTo(Hex.of(header("20 00 0008 " + SSL_TLV)));
    }

    @Test
    void localRoundTrips() throws Exception {
        for (boolean ssl : new boolean[] {true, false}) {
            ProxyHeaderV2 decoded = ProxyHeaderV2.decode(ProxyHeaderV2.local(ssl).encode());

            assertThat(decoded.source()).isNull();
            assertThat(decoded.destination()).isNull();
            assertThat(decoded.ssl()).isEqualTo(ssl);
        }
    }

    @Test
    void localIgnoresAnAddressBlock() throws Exception {
        // LOCAL: the receiver discards the addresses, whatever the family says
        ProxyHeaderV2 decoded = ProxyHeaderV2.decode(header("20 11 0014 c000020a 0a000001 d431 0cea " + SSL_TLV));

        assertThat(decoded.source()).isNull();
        assertThat(decoded.ssl()).isTrue();
    }

    @Test
    void proxyWithUnspecifiedFamilyHasNoAddresses() throws Exception {
        ProxyHeaderV2 decoded = ProxyHeaderV2.decode(header("21 00 0008 " + SSL_TLV));

        assertThat(decoded.source()).isNull();
        assertThat(decoded.ssl()).isTrue();
    }

    @Test
    void unixSocketAddressesAreRefusedAsUnsupported() {
        // 0x31 STREAM over AF_UNIX: 2 x 108 path bytes. The spec would also allow treating it as UNSPEC.
        byte[] paths = new byte[216];
        byte[] b = new WireWriter().bytes(header("21 31 00d8")).bytes(paths).toByteArray();

        assertThatThrownBy(() -> ProxyHeaderV2.decode(b))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("family 0x31");
    }

    @Test
    void sslTlvWithoutTheClientSslBitIsNotSsl() throws Exception {
        ProxyHeaderV2 decoded = ProxyHeaderV2.decode(header("21 11 0014 c000020a 0a000001 d431 0cea 20 0005 00 00000000"));

        assertThat(decoded.ssl()).isFalse();
    }

    @Test
    void otherTlvsAreSkipped() throws Exception {
        // PP2_TYPE_AUTHORITY "db", PP2_TYPE_NOOP (empty), then SSL
        ProxyHeaderV2 decoded = ProxyHeaderV2.decode(header(
                "21 11 001c c000020a 0a000001 d431 0cea 02 0002 6462 04 0000 " + SSL_TLV));

        assertThat(decoded.source()).isEqualTo(at("192.0.2.10", 54321));
        assertThat(decoded.ssl()).isTrue();
    }

    @Test
    void readConsumesTheHeaderAndNothingAfterIt() throws Exception {
        byte[] h = new ProxyHeaderV2(at("192.0.2.10", 1), at("10.0.0.1", 2), true).encode();
        byte[] greeting = Hex.bytes("4a000000 0a 38");
        ByteArrayInputStream stream = new ByteArrayInputStream(new WireWriter().bytes(h).bytes(greeting).toByteArray());

        ProxyHeaderV2 read = ProxyHeaderV2.read(stream);

        assertThat(read.ssl()).isTrue();
        assertThat(stream.readAllBytes()).isEqualTo(greeting);
    }

    @Test
    void readsFromAStreamThatDeliversOneByteAtATime() throws Exception {
        ProxyHeaderV2 h = new ProxyHeaderV2(at("2001:db8::7", 40000), at("2001:db8::8", 3306), false);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(h.encode())) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }
        };

        assertThat(ProxyHeaderV2.read(trickle)).isEqualTo(h);
    }

    @Test
    void noSignatureIsRefused() {
        byte[] v1 = "PROXY TCP4 192.0.2.10 10.0.0.1 54321 3306\r\n".getBytes();

        assertThatThrownBy(() -> ProxyHeaderV2.decode(v1))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void signatureWithOneByteChangedIsRefused() throws Exception {
        byte[] b = ProxyHeaderV2.local(false).encode();
        b[11] ^= 1;

        assertThatThrownBy(() -> ProxyHeaderV2.decode(b)).isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "30", "f1", "01"})
    void otherVersionsAreRefused(String versionCommand) {
        assertThatThrownBy(() -> ProxyHeaderV2.decode(header(versionCommand + " 00 0000")))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("version");
    }

    @Test
    void unknownCommandIsRefused() {
        assertThatThrownBy(() -> ProxyHeaderV2.decode(header("22 00 0000")))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("command 2");
    }

    @Test
    void streamEndingInsideTheFixedPartIsRefused() {
        byte[] b = Arrays.copyOf(header("21 11 000c"), 14);

        assertThatThrownBy(() -> ProxyHeaderV2.read(new ByteArrayInputStream(b)))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("closed before");
        assertThatThrownBy(() -> ProxyHeaderV2.decode(new byte[0])).isInstanceOf(ProxyHeaderException.class);
    }

    @Test
    void streamEndingInsideTheBodyIsRefused() {
        byte[] b = header("21 11 000c c000020a 0a00");

        assertThatThrownBy(() -> ProxyHeaderV2.decode(b))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void oversizedLengthIsRefusedWithoutReadingTheBody() {
        byte[] b = new WireWriter().bytes(header("21 11 0201")).zeros(0x201).toByteArray();
        ByteArrayInputStream stream = new ByteArrayInputStream(b);

        assertThatThrownBy(() -> ProxyHeaderV2.read(stream))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("513");
        assertThat(stream.available()).isEqualTo(0x201);
    }

    @Test
    void lengthOf512IsAccepted() throws Exception {
        // addresses then one NOOP TLV padding the body to 512 bytes
        int noop = 512 - 12 - 3;
        byte[] b = new WireWriter().bytes(header("21 11 0200 c000020a 0a000001 d431 0cea 04"))
                .u8(noop >>> 8).u8(noop).zeros(noop).toByteArray();

        assertThat(ProxyHeaderV2.decode(b).source()).isEqualTo(at("192.0.2.10", 54321));
    }

    @Test
    void addressBlockShorterThanTheFamilyNeedsIsRefused() {
        assertThatThrownBy(() -> ProxyHeaderV2.decode(header("21 11 0008 c000020a 0a000001")))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("address block");
    }

    @Test
    void tlvOverrunningTheHeaderIsRefused() {
        assertThatThrownBy(() -> ProxyHeaderV2.decode(header("20 00 0004 20 0009 01")))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("overruns");
    }

    @Test
    void trailingBytesTooShortForATlvAreRefused() {
        assertThatThrownBy(() -> ProxyHeaderV2.decode(header("20 00 0002 2000")))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("TLV truncated");
    }

    @Test
    void unknownAddressFamilyIsRefused() {
        assertThatThrownBy(() -> ProxyHeaderV2.decode(header("21 41 0000")))
                .isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("0x41");
    }

    @Test
    void ipv6HeaderMixingAMappedIpv4AddressIsAHeaderErrorNotACrash() {
        // ::ffff:10.0.0.1 becomes an Inet4Address, 2001:db8::1 stays IPv6
        String mapped = "00000000000000000000ffff0a000001";
        String v6 = "20010db8000000000000000000000001";

        assertThatThrownBy(() -> ProxyHeaderV2.decode(header("21 21 0024 " + mapped + v6 + "0001 0002")))
                .isInstanceOf(ProxyHeaderException.class);
    }

    @Test
    void ipv6HeaderWithBothAddressesMappedDecodesAsIpv4() throws Exception {
        String a = "00000000000000000000ffff0a000001";
        String b = "00000000000000000000ffff0a000002";

        ProxyHeaderV2 decoded = ProxyHeaderV2.decode(header("21 21 0024 " + a + b + "0001 0002"));

        assertThat(decoded.source()).isEqualTo(at("10.0.0.1", 1));
        assertThat(decoded.destination()).isEqualTo(at("10.0.0.2", 2));
    }

    @Test
    void sourceAndDestinationMustBeOfOneFamilyAndComeTogether() throws Exception {
        InetSocketAddress v4 = at("10.0.0.1", 1);
        InetSocketAddress v6 = at("2001:db8::1", 1);

        assertThatThrownBy(() -> new ProxyHeaderV2(v4, v6, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyHeaderV2(v4, null, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyHeaderV2(null, v6, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientHeaderCarriesTheClientInItsOwnFamily() throws Exception {
        ProxyHeaderV2 v6 = ProxyHeaderV2.forClient(at("2001:db8::7", 40000), at("2001:db8::8", 8080), true);
        assertThat(v6).isEqualTo(new ProxyHeaderV2(at("2001:db8::7", 40000), at("2001:db8::8", 8080), true));
        assertThat(ProxyHeaderV2.decode(v6.encode()).source()).isEqualTo(at("2001:db8::7", 40000));
    }

    @Test
    void aClientOfTheOtherFamilyThanTheListenerIsStillCarriedNeverLocal() throws Exception {
        // an IPv6 client on an IPv4 local address, and the reverse
        ProxyHeaderV2 v6 = ProxyHeaderV2.decode(ProxyHeaderV2.forClient(at("2001:db8::7", 1), at("10.0.0.1", 80), false).encode());
        assertThat(v6.source()).isEqualTo(at("2001:db8::7", 1));
        assertThat(v6.destination()).isEqualTo(at("::", 80));
        ProxyHeaderV2 v4 = ProxyHeaderV2.decode(ProxyHeaderV2.forClient(at("192.0.2.9", 2), at("::1", 443), false).encode());
        assertThat(v4.source()).isEqualTo(at("192.0.2.9", 2));
        assertThat(v4.destination()).isEqualTo(at("0.0.0.0", 443));
    }

    @Test
    void aClientWithoutAnAddressGoesOutAsTheUnspecifiedAddress() throws Exception {
        ProxyHeaderV2 h = ProxyHeaderV2.decode(ProxyHeaderV2.forClient(null, null, true).encode());
        assertThat(h.source()).isEqualTo(at("0.0.0.0", 0));
        assertThat(h.ssl()).isTrue();
    }
}
