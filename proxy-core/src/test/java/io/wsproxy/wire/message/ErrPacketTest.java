package io.wsproxy.wire.message;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.control.SqlException;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.Responses;
import io.wsproxy.wire.WireReader;
import org.junit.jupiter.api.Test;

class ErrPacketTest {
    private static final Capabilities P41 = new Capabilities(CLIENT_PROTOCOL_41);
    private static final Capabilities PRE41 = new Capabilities(0);

    private static ErrPacket decode(byte[] b) {
        return ErrPacket.decode(new WireReader(b), P41);
    }

    @Test
    void decodesTheDocsExample() {
        // "17 00 00 01 ff 48 04 23 48 59 30 30 30 4e 6f ..." : ERROR 1096 (HY000): No tables used
        ErrPacket err = decode(Hex.bytes("ff 4804 23 4859303030 4e6f207461626c65732075736564"));

        assertThat(err).isEqualTo(new ErrPacket(1096, "HY000", "No tables used"));
    }

    @Test
    void writesTheSqlStateMarkerUnderProtocol41() {
        byte[] b = new ErrPacket(1045, "28000", "Access denied").encode(P41);

        assertThat(b).isEqualTo(Hex.bytes("ff 1504 23 3238303030 4163636573732064656e696564"));
        assertThat(Responses.isErr(b)).isTrue();
        assertThat(decode(b)).isEqualTo(new ErrPacket(1045, "28000", "Access denied"));
    }

    @Test
    void withoutProtocol41ThereIsNoSqlStateAndItDecodesAsHy000() {
        byte[] b = new ErrPacket(1064, "42000", "syntax").encode(PRE41);

        assertThat(b).isEqualTo(Hex.bytes("ff 2804 73796e746178"));
        assertThat(ErrPacket.decode(new WireReader(b), PRE41)).isEqualTo(new ErrPacket(1064, "HY000", "syntax"));
    }

    @Test
    void aSqlStateThatIsNotFiveCharactersIsSentAsHy000() {
        assertThat(decode(new ErrPacket(1, "4200", "m").encode(P41)).sqlState()).isEqualTo("HY000");
        assertThat(decode(new ErrPacket(1, null, "m").encode(P41)).sqlState()).isEqualTo("HY000");
    }

    @Test
    void messageStartingWithAHashSurvivesUnderProtocol41() {
        ErrPacket err = new ErrPacket(1105, "HY000", "#1 unknown");

        assertThat(decode(err.encode(P41))).isEqualTo(err);
    }

    @Test
    void nullAndEmptyMessagesAreEmpty() {
        assertThat(decode(new ErrPacket(1, "HY000", null).encode(P41)).message()).isEmpty();
        assertThat(decode(Hex.bytes("ff 0100")).message()).isEmpty();
        assertThat(decode(Hex.bytes("ff 0100")).sqlState()).isEqualTo("HY000");
    }

    @Test
    void unicodeMessageRoundTrips() {
        ErrPacket err = new ErrPacket(1146, "42S02", "Table 'd.tâble' doesn't exist ✓");

        assertThat(decode(err.encode(P41))).isEqualTo(err);
    }

    @Test
    void errorCodeIsUnsigned16Bit() {
        assertThat(decode(new ErrPacket(65_535, "HY000", "").encode(P41)).errorCode()).isEqualTo(65_535);
    }

    @Test
    void convertsToAndFromSqlException() {
        ErrPacket err = ErrPacket.of(new SqlException(1064, "42000", "You have an error"));

        assertThat(err).isEqualTo(new ErrPacket(1064, "42000", "You have an error"));
        SqlException back = err.toException();
        assertThat(back.code()).isEqualTo(1064);
        assertThat(back.sqlState()).isEqualTo("42000");
        assertThat(back.getMessage()).isEqualTo("You have an error");
    }

    @Test
    void sqlStateCutShortIsMalformed() {
        assertThatThrownBy(() -> decode(Hex.bytes("ff 4804 23 4859")))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void otherHeadersAndMissingCodeAreMalformed() {
        assertThatThrownBy(() -> decode(Hex.bytes("00 4804"))).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> decode(Hex.bytes("ff 48"))).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> decode(new byte[0])).isInstanceOf(MalformedPacketException.class);
    }
}
