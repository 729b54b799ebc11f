package io.wsproxy.wire.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.WireReader;
import org.junit.jupiter.api.Test;

class CommandsTest {
    private static final Capabilities CAPS = new Capabilities(0);

    /** A reader past the command byte, as a dispatcher hands it to decode(); checks the byte on the way. */
    private static WireReader body(byte[] payload, CommandType expected) {
        WireReader r = new WireReader(payload);
        assertThat(CommandType.of(r.u8())).contains(expected);
        return r;
    }

    @Test
    void comQuery() {
        byte[] b = new ComQuery("SELECT 'é'").encode(CAPS);

        assertThat(b).isEqualTo(Hex.bytes("03 53454c45435420 27c3a927"));
        assertThat(ComQuery.decode(body(b, CommandType.QUERY))).isEqualTo(new ComQuery("SELECT 'é'"));
    }

    @Test
    void comQueryMayBeEmpty() {
        assertThat(ComQuery.decode(body(Hex.bytes("03"), CommandType.QUERY)).sql()).isEmpty();
    }

    @Test
    void comInitDb() {
        byte[] b = new ComInitDb("test").encode(CAPS);

        assertThat(b).isEqualTo(Hex.bytes("02 74657374"));
        assertThat(ComInitDb.decode(body(b, CommandType.INIT_DB)).schema()).isEqualTo("test");
    }

    @Test
    void comFieldList() {
        byte[] b = new ComFieldList("users", "na%").encode(CAPS);

        assertThat(b).isEqualTo(Hex.bytes("04 7573657273 00 6e6125"));
        assertThat(ComFieldList.decode(body(b, CommandType.FIELD_LIST))).isEqualTo(new ComFieldList("users", "na%"));
    }

    @Test
    void comFieldListWithoutAWildcard() {
        byte[] b = new ComFieldList("t", null).encode(CAPS);

        assertThat(b).isEqualTo(Hex.bytes("04 74 00"));
        assertThat(ComFieldList.decode(body(b, CommandType.FIELD_LIST)).wildcard()).isEmpty();
    }

    @Test
    void comFieldListWithoutTheTablesNulIsMalformed() {
        assertThatThrownBy(() -> ComFieldList.decode(body(Hex.bytes("04 7573"), CommandType.FIELD_LIST)))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void comProcessKillCarriesAFourByteUnsignedId() {
        byte[] b = new ComProcessKill(0xfffffffeL).encode(CAPS);

        assertThat(b).isEqualTo(Hex.bytes("0c feffffff"));
        assertThat(ComProcessKill.decode(body(b, CommandType.PROCESS_KILL)).connectionId()).isEqualTo(0xfffffffeL);
    }

    @Test
    void comProcessKillCutShortIsMalformed() {
        assertThatThrownBy(() -> ComProcessKill.decode(body(Hex.bytes("0c 0100"), CommandType.PROCESS_KILL)))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void comSetOption() {
        assertThat(new ComSetOption(0).encode(CAPS)).isEqualTo(Hex.bytes("1b 0000"));
        assertThat(new ComSetOption(1).encode(CAPS)).isEqualTo(Hex.bytes("1b 0100"));
        assertThat(ComSetOption.decode(body(Hex.bytes("1b 0100"), CommandType.SET_OPTION)).option()).isEqualTo(1);
    }

    @Test
    void commandsWithoutABody() {
        assertThat(new ComPing().encode(CAPS)).containsExactly(0x0e);
        assertThat(new ComQuit().encode(CAPS)).containsExactly(0x01);
        assertThat(new ComResetConnection().encode(CAPS)).containsExactly(0x1f);
        assertThat(ComPing.decode(body(Hex.bytes("0e"), CommandType.PING))).isEqualTo(new ComPing());
        assertThat(ComQuit.decode(body(Hex.bytes("01"), CommandType.QUIT))).isEqualTo(new ComQuit());
        assertThat(ComResetConnection.decode(body(Hex.bytes("1f"), CommandType.RESET_CONNECTION)))
                .isEqualTo(new ComResetConnection());
    }
}
