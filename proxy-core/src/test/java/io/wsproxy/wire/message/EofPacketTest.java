package io.wsproxy.wire.message;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static io.wsproxy.wire.StatusFlags.SERVER_MORE_RESULTS_EXISTS;
import static io.wsproxy.wire.StatusFlags.SERVER_STATUS_AUTOCOMMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import org.junit.jupiter.api.Test;

class EofPacketTest {
    private static final Capabilities P41 = new Capabilities(CLIENT_PROTOCOL_41);
    private static final Capabilities PRE41 = new Capabilities(0);

    @Test
    void decodesTheDocsExample() {
        // "05 00 00 05 fe 00 00 02 00": no warnings, autocommit
        EofPacket eof = EofPacket.decode(new WireReader(Hex.bytes("fe 0000 0200")), P41);

        assertThat(eof).isEqualTo(new EofPacket(0, SERVER_STATUS_AUTOCOMMIT));
    }

    @Test
    void warningsComeBeforeStatus() {
        EofPacket eof = new EofPacket(7, SERVER_STATUS_AUTOCOMMIT | SERVER_MORE_RESULTS_EXISTS);

        byte[] b = eof.encode(P41);

        assertThat(b).isEqualTo(Hex.bytes("fe 0700 0a00"));
        assertThat(EofPacket.decode(new WireReader(b), P41)).isEqualTo(eof);
    }

    @Test
    void withoutProtocol41ItIsOneByte() {
        byte[] b = new EofPacket(7, 2).encode(PRE41);

        assertThat(b).containsExactly(0xfe);
        assertThat(EofPacket.decode(new WireReader(b), PRE41)).isEqualTo(new EofPacket(0, 0));
    }

    @Test
    void aShortEofUnderProtocol41DecodesWithoutFields() {
        assertThat(EofPacket.decode(new WireReader(Hex.bytes("fe")), P41)).isEqualTo(new EofPacket(0, 0));
    }

    @Test
    void otherHeadersAreMalformed() {
        assertThatThrownBy(() -> EofPacket.decode(new WireReader(Hex.bytes("00 0000 0200")), P41))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> EofPacket.decode(new WireReader(new byte[0]), P41))
                .isInstanceOf(MalformedPacketException.class);
    }
}
