package io.wsproxy.wire;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_DEPRECATE_EOF;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.wire.message.EofPacket;
import io.wsproxy.wire.message.OkPacket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResponsesTest {
    private static final Capabilities CLASSIC = new Capabilities(CLIENT_PROTOCOL_41);
    private static final Capabilities DEPRECATE_EOF = CLASSIC.with(CLIENT_DEPRECATE_EOF);

    @Test
    void minimalProtocol41OkIsOk() {
        byte[] ok = Hex.bytes("00 00 00 0200 0000"); // the docs' OK: 7 bytes

        assertThat(Responses.isOk(ok)).isTrue();
        assertThat(Responses.isErr(ok)).isFalse();
        assertThat(Responses.isEof(ok)).isFalse();
    }

    @Test
    void zeroByteShorterThanAnOkIsNotOk() {
        assertThat(Responses.isOk(Hex.bytes("00 00 00"))).isFalse();
        assertThat(Responses.isOk(new byte[0])).isFalse();
    }

    @Test
    void errIsErr() {
        byte[] err = Hex.bytes("ff 4804 23 4859303030 4e6f207461626c65732075736564");

        assertThat(Responses.isErr(err)).isTrue();
        assertThat(Responses.isOk(err)).isFalse();
        assertThat(Responses.isEof(err)).isFalse();
    }

    @Test
    void classicEofIsEofAndEndsRows() {
        byte[] eof = new EofPacket(0, StatusFlags.SERVER_STATUS_AUTOCOMMIT).encode(CLASSIC);

        assertThat(eof).isEqualTo(Hex.bytes("fe 0000 0200"));
        assertThat(Responses.isEof(eof)).isTrue();
        assertThat(Responses.isEndOfRows(eof, CLASSIC)).isTrue();
        assertThat(Responses.isOk(eof)).isFalse();
    }

    @Test
    void oldProtocolEofOfOneByteIsEof() {
        assertThat(Responses.isEof(Hex.bytes("fe"))).isTrue();
    }

    @Test
    void okWithEofHeaderEndsRowsUnderDeprecateEof() {
        WireWriter w = new WireWriter();
        new OkPacket(0, 0, StatusFlags.SERVER_STATUS_AUTOCOMMIT, 0, "").encodeAsEofTo(w, DEPRECATE_EOF);
        byte[] end = w.toByteArray();

        assertThat(end).isEqualTo(Hex.bytes("fe 00 00 0200 0000"));
        assertThat(Responses.isEndOfRows(end, DEPRECATE_EOF)).isTrue();
        assertThat(Responses.isOk(end)).as("header 0xFE is not the 0x00 OK").isFalse();
    }

    @Test
    void okWithEofHeaderAndALongInfoEndsRowsOnlyUnderDeprecateEof() {
        // 9 bytes or more: an OK-as-EOF with info, not a classic EOF
        byte[] end = Hex.bytes("fe 00 00 0200 0000 0568656c6c6f");

        assertThat(Responses.isEof(end)).isFalse();
        assertThat(Responses.isEndOfRows(end, DEPRECATE_EOF)).isTrue();
        assertThat(Responses.isEndOfRows(end, CLASSIC)).isFalse();
    }

    @Test
    void textRowWithA16MiBFirstValueIsNotEndOfRows() {
        // a row whose first value has an 8-byte length also starts with 0xFE
        byte[] row = new byte[9 + 0x1000000];
        row[0] = (byte) 0xfe;
        row[4] = 0x01; // length 0x1000000

        assertThat(Responses.isEndOfRows(row, DEPRECATE_EOF)).isFalse();
        assertThat(Responses.isEndOfRows(row, CLASSIC)).isFalse();
        assertThat(Responses.isEof(row)).isFalse();
    }

    @Test
    void rowStartingWithOtherBytesIsNotEndOfRows() {
        assertThat(Responses.isEndOfRows(Hex.bytes("03 616263"), DEPRECATE_EOF)).isFalse();
        assertThat(Responses.isEndOfRows(Hex.bytes("fb"), DEPRECATE_EOF)).as("a NULL first value").isFalse();
        assertThat(Responses.isEndOfRows(new byte[0], CLASSIC)).isFalse();
    }

    @Test
    void localInfileRequest() {
        assertThat(Responses.isLocalInfile(Hex.bytes("fb 2f746d702f66"))).isTrue();
        assertThat(Responses.isLocalInfile(Hex.bytes("00 00 00 0200 0000"))).isFalse();
    }

    @Test
    void authenticationPhaseReplies() {
        byte[] authSwitch = Hex.bytes("fe 6d7973716c5f6e61746976655f70617373776f726400");
        byte[] moreData = Hex.bytes("01 03");

        assertThat(Responses.isAuthSwitch(authSwitch)).isTrue();
        assertThat(Responses.isAuthMoreData(authSwitch)).isFalse();
        assertThat(Responses.isAuthMoreData(moreData)).isTrue();
        assertThat(Responses.isAuthSwitch(moreData)).isFalse();
    }

    @Test
    void emptyPayloadIsNothing() {
        byte[] empty = new byte[0];

        assertThat(Arrays.asList(Responses.isOk(empty), Responses.isErr(empty), Responses.isEof(empty),
                Responses.isLocalInfile(empty), Responses.isAuthSwitch(empty), Responses.isAuthMoreData(empty)))
                .containsOnly(false);
    }
}
