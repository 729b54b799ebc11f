package io.wsproxy.wire.message;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_DEPRECATE_EOF;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SESSION_TRACK;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_TRANSACTIONS;
import static io.wsproxy.wire.StatusFlags.SERVER_MORE_RESULTS_EXISTS;
import static io.wsproxy.wire.StatusFlags.SERVER_STATUS_AUTOCOMMIT;
import static io.wsproxy.wire.StatusFlags.SERVER_STATUS_IN_TRANS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.Responses;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OkPacketTest {
    private static final Capabilities P41 = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS);
    private static final Capabilities SESSION_TRACK = P41.with(CLIENT_SESSION_TRACK);

    private static OkPacket decode(byte[] b, Capabilities caps) {
        return OkPacket.decode(new WireReader(b), caps);
    }

    @Test
    void decodesTheDocsExample() {
        // "07 00 00 02 00 00 00 02 00 00 00": no rows, no id, autocommit, no warnings
        OkPacket ok = decode(Hex.bytes("00 00 00 0200 0000"), P41);

        assertThat(ok).isEqualTo(new OkPacket(0, 0, SERVER_STATUS_AUTOCOMMIT, 0, ""));
    }

    @Test
    void decodesAnUpdateWithInfo() {
        byte[] b = Hex.bytes("00 01 00 0200 0000") ;
        byte[] info = "Rows matched: 1  Changed: 1  Warnings: 0".getBytes();
        byte[] payload = new WireWriter().bytes(b).bytes(info).toByteArray();

        OkPacket ok = decode(payload, P41);

        assertThat(ok.affectedRows()).isEqualTo(1);
        assertThat(ok.info()).isEqualTo("Rows matched: 1  Changed: 1  Warnings: 0");
    }

    static Stream<Capabilities> capabilities() {
        return Stream.of(new Capabilities(0), new Capabilities(CLIENT_TRANSACTIONS), new Capabilities(CLIENT_PROTOCOL_41),
                P41, SESSION_TRACK, SESSION_TRACK.with(CLIENT_DEPRECATE_EOF));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilities")
    void roundTripsWhatTheCapabilitiesCarry(Capabilities caps) {
        OkPacket ok = new OkPacket(0x1_0000_0000L, 251, SERVER_STATUS_IN_TRANS | SERVER_MORE_RESULTS_EXISTS, 3,
                "Records: 2  Duplicates: 0  Warnings: 3");

        OkPacket decoded = decode(ok.encode(caps), caps);

        assertThat(decoded.affectedRows()).isEqualTo(0x1_0000_0000L);
        assertThat(decoded.lastInsertId()).isEqualTo(251);
        assertThat(decoded.info()).isEqualTo(ok.info());
        assertThat(decoded.statusFlags()).isEqualTo(
                caps.has(CLIENT_PROTOCOL_41) || caps.has(CLIENT_TRANSACTIONS) ? ok.statusFlags() : 0);
        assertThat(decoded.warnings()).isEqualTo(caps.has(CLIENT_PROTOCOL_41) ? 3 : 0);
    }

    @Test
    void layoutUnderProtocol41() {
        byte[] b = new OkPacket(300, 0x10000, SERVER_STATUS_AUTOCOMMIT, 1, "").encode(P41);

        assertThat(b).isEqualTo(Hex.bytes("00 fc2c01 fd000001 0200 0100"));
    }

    @Test
    void withoutProtocol41TransactionsCarriesStatusButNoWarnings() {
        byte[] b = new OkPacket(1, 2, SERVER_STATUS_AUTOCOMMIT, 9, "").encode(new Capabilities(CLIENT_TRANSACTIONS));

        assertThat(b).isEqualTo(Hex.bytes("00 01 02 0200"));
    }

    @Test
    void infoIsLengthEncodedUnderSessionTrackAndTheRestOfThePacketOtherwise() {
        OkPacket ok = new OkPacket(0, 0, 0, 0, "hi");

        assertThat(ok.encode(SESSION_TRACK)).isEqualTo(Hex.bytes("00 00 00 0000 0000 02 6869"));
        assertThat(ok.encode(P41)).isEqualTo(Hex.bytes("00 00 00 0000 0000 6869"));
    }

    @Test
    void sessionStateAfterTheInfoIsIgnored() {
        // info "", then a session-state block (SERVER_SESSION_STATE_CHANGED) this codec does not parse
        byte[] b = Hex.bytes("00 00 00 0040 0000 00 0a 00 08 0a 61 75 74 6f 63 6f 6d 6d 69");

        OkPacket ok = decode(b, SESSION_TRACK);

        assertThat(ok.info()).isEmpty();
        assertThat(ok.statusFlags()).isEqualTo(0x4000);
    }

    @Test
    void nullInfoIsEmpty() {
        assertThat(new OkPacket(0, 0, 0, 0, null).info()).isEmpty();
    }

    @Test
    void encodedAsEofItStartsWith0xFeAndDecodesAsOk() {
        OkPacket ok = new OkPacket(0, 0, SERVER_STATUS_AUTOCOMMIT, 2, "");
        Capabilities caps = P41.with(CLIENT_DEPRECATE_EOF);
        WireWriter w = new WireWriter();

        ok.encodeAsEofTo(w, caps);

        byte[] b = w.toByteArray();
        assertThat(b).isEqualTo(Hex.bytes("fe 00 00 0200 0200"));
        assertThat(Responses.isEndOfRows(b, caps)).isTrue();
        assertThat(decode(b, caps)).isEqualTo(ok);
    }

    @Test
    void otherHeadersAreMalformed() {
        assertThatThrownBy(() -> decode(Hex.bytes("ff 00 00 0200 0000"), P41))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("0xff");
    }

    @Test
    void okCutShortIsMalformed() {
        byte[] full = Hex.bytes("00 00 00 0200 0000");
        for (int n = 0; n < full.length; n++) {
            byte[] b = Arrays.copyOf(full, n);
            assertThatThrownBy(() -> decode(b, P41)).as("%d bytes", n).isInstanceOf(MalformedPacketException.class);
        }
    }
}
