package io.wsproxy.wire;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_CONNECT_WITH_DB;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_DEPRECATE_EOF;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PLUGIN_AUTH;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SSL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void flagValuesMatchMysqlCom() {
        // include/mysql_com.h
        assertThat(CLIENT_CONNECT_WITH_DB).isEqualTo(8);
        assertThat(CLIENT_PROTOCOL_41).isEqualTo(512);
        assertThat(CLIENT_SSL).isEqualTo(2048);
        assertThat(CapabilityFlags.CLIENT_SECURE_CONNECTION).isEqualTo(32768);
        assertThat(CLIENT_PLUGIN_AUTH).isEqualTo(0x80000);
        assertThat(CapabilityFlags.CLIENT_CONNECT_ATTRS).isEqualTo(0x100000);
        assertThat(CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA).isEqualTo(0x200000);
        assertThat(CapabilityFlags.CLIENT_SESSION_TRACK).isEqualTo(0x800000);
        assertThat(CLIENT_DEPRECATE_EOF).isEqualTo(0x1000000);
    }

    @Test
    void withAndWithoutChangeACopy() {
        Capabilities base = new Capabilities(CLIENT_PROTOCOL_41);

        Capabilities more = base.with(CLIENT_SSL);
        Capabilities less = more.without(CLIENT_PROTOCOL_41);

        assertThat(base.bits()).isEqualTo(CLIENT_PROTOCOL_41);
        assertThat(more.has(CLIENT_SSL)).isTrue();
        assertThat(more.has(CLIENT_PROTOCOL_41)).isTrue();
        assertThat(less.bits()).isEqualTo(CLIENT_SSL);
    }

    @Test
    void hasRequiresEveryBitOfAMask() {
        Capabilities c = new Capabilities(CLIENT_PROTOCOL_41);

        assertThat(c.has(CLIENT_PROTOCOL_41 | CLIENT_SSL)).isFalse();
        assertThat(c.with(CLIENT_SSL).has(CLIENT_PROTOCOL_41 | CLIENT_SSL)).isTrue();
    }

    @Test
    void negotiatedIsTheIntersection() {
        Capabilities server = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_PLUGIN_AUTH | CLIENT_DEPRECATE_EOF);
        Capabilities client = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_DEPRECATE_EOF);

        assertThat(client.and(server)).isEqualTo(new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_DEPRECATE_EOF));
    }

    @Test
    void highBitsSurviveAsAnUnsignedPattern() {
        Capabilities c = new Capabilities(0xdfffffff);

        assertThat(c.has(1 << 31)).isTrue();
        assertThat(c.has(1 << 29)).isFalse();
    }

    @Test
    void toStringNamesTheFlags() {
        Capabilities c = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_SSL | (1 << 30));

        assertThat(c.toString()).isEqualTo("Capabilities[PROTOCOL_41|SSL|bit30]");
        assertThat(CapabilityFlags.names(0)).isEmpty();
    }

    @Test
    void commandTypesByIdMatchEnumServerCommand() {
        assertThat(CommandType.of(0x03)).contains(CommandType.QUERY);
        assertThat(CommandType.of(0x0e)).contains(CommandType.PING);
        assertThat(CommandType.of(0x1f)).contains(CommandType.RESET_CONNECTION);
        for (CommandType t : CommandType.values()) {
            assertThat(CommandType.of(t.id())).contains(t);
        }
        assertThat(CommandType.of(0x20)).isEqualTo(Optional.empty());
        assertThat(CommandType.of(-1)).isEmpty();
        assertThat(CommandType.of(0xff)).isEmpty();
    }

    @Test
    void columnTypesByIdAndUnknownIdsRefused() {
        assertThat(ColumnType.of(0xfd)).isEqualTo(ColumnType.VAR_STRING);
        assertThat(ColumnType.of(0x03)).isEqualTo(ColumnType.LONG);
        for (ColumnType t : ColumnType.values()) {
            assertThat(ColumnType.of(t.id())).isSameAs(t);
        }
        assertThatThrownBy(() -> ColumnType.of(0x0e))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0xe");
        assertThatThrownBy(() -> ColumnType.of(256))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
