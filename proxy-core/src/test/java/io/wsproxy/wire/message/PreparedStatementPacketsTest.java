package io.wsproxy.wire.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.MySqlDateTime;
import io.wsproxy.wire.MySqlTime;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ComStmtExecute.ParamType;
import io.wsproxy.wire.message.ComStmtExecute.Shape;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prepared statement commands and replies: MySQL docs' examples and round trips. */
class PreparedStatementPacketsTest {
    private static final Capabilities CAPS = new Capabilities(CapabilityFlags.CLIENT_PROTOCOL_41);

    private static WireReader body(byte[] payload, CommandType expected) {
        WireReader r = new WireReader(payload);
        assertThat(CommandType.of(r.u8())).contains(expected);
        return r;
    }

    private static Shape shape(int params) {
        return new Shape(params, null, new BitSet());
    }

    @Test
    void comStmtPrepare() {
        byte[] b = new ComStmtPrepare("SELECT ?").encode(CAPS);
        assertThat(b).isEqualTo(Hex.bytes("16 53454c454354 20 3f"));
        assertThat(ComStmtPrepare.decode(body(b, CommandType.STMT_PREPARE))).isEqualTo(new ComStmtPrepare("SELECT ?"));
    }

    @Test
    void comStmtPrepareOkAsInTheDocs() {
        byte[] docs = Hex.bytes("00 01 00 00 00 01 00 02 00 00 00 00");
        assertThat(ComStmtPrepareOk.decode(new WireReader(docs), CAPS)).isEqualTo(new ComStmtPrepareOk(1, 1, 2, 0));
        assertThat(new ComStmtPrepareOk(1, 1, 2, 0).encode(CAPS)).isEqualTo(docs);
    }

    @Test
    void comStmtExecuteAsInTheDocs() {
        byte[] docs = Hex.bytes("17 01 00 00 00 00 01 00 00 00 00 01 0f 00 03 66 6f 6f");
        ComStmtExecute decoded = ComStmtExecute.decode(body(docs, CommandType.STMT_EXECUTE), CAPS, id -> shape(1));
        ComStmtExecute expected = new ComStmtExecute(1, 0, 1, true,
                List.of(new ParamType(ColumnType.VARCHAR, false)), List.of("foo".getBytes()));
        assertThat(decoded).isEqualTo(expected);
        assertThat(expected.encode(CAPS)).isEqualTo(docs);
    }

    @Test
    void comStmtExecuteRoundTripsEveryTypeAndNulls() {
        List<ParamType> types = List.of(new ParamType(ColumnType.TINY, false), new ParamType(ColumnType.SHORT, true),
                new ParamType(ColumnType.LONG, false), new ParamType(ColumnType.LONGLONG, true),
                new ParamType(ColumnType.FLOAT, false), new ParamType(ColumnType.DOUBLE, false),
                new ParamType(ColumnType.NEWDECIMAL, false), new ParamType(ColumnType.VAR_STRING, false),
                new ParamType(ColumnType.BLOB, false), new ParamType(ColumnType.DATE, false),
                new ParamType(ColumnType.DATETIME, false), new ParamType(ColumnType.TIME, false),
                new ParamType(ColumnType.NULL, false), new ParamType(ColumnType.LONG, false));
        List<Object> values = new ArrayList<>(Arrays.asList(-5L, 65535L, 7L, BigInteger.ONE.shiftLeft(63), 1.5f, -2.25d,
                "12.50".getBytes(), "héllo".getBytes(), new byte[] {0, (byte) 0xff}, new MySqlDateTime(2024, 2, 29, 0, 0, 0, 0),
                new MySqlDateTime(2024, 2, 29, 13, 14, 15, 123456), new MySqlTime(true, 1, 2, 3, 4, 5), null, null));
        ComStmtExecute execute = new ComStmtExecute(9, ComStmtExecute.CURSOR_TYPE_NO_CURSOR, 1, true, types, values);

        byte[] b = execute.encode(CAPS);

        ComStmtExecute decoded = ComStmtExecute.decode(body(b, CommandType.STMT_EXECUTE), CAPS, id -> shape(14));
        assertThat(decoded).isEqualTo(execute);
        assertThat(decoded.values().get(12)).isNull();
        assertThat(decoded.values().get(13)).isNull();
        assertThat(Hex.of(Arrays.copyOfRange(b, 10, 12))).as("NULL bitmap: parameters 12 and 13").isEqualTo("00 30");
    }

    @Test
    void comStmtExecuteWithoutNewTypesUsesTheTypesBoundBefore() {
        List<ParamType> bound = List.of(new ParamType(ColumnType.LONGLONG, false));
        byte[] b = new ComStmtExecute(3, 0, 1, false, bound, List.of(42L)).encode(CAPS);
        assertThat(b).isEqualTo(Hex.bytes("17 03000000 00 01000000 00 00 2a00000000000000"));

        ComStmtExecute decoded = ComStmtExecute.decode(body(b, CommandType.STMT_EXECUTE), CAPS,
                id -> new Shape(1, bound, new BitSet()));
        assertThat(decoded.values()).containsExactly(42L);
        assertThat(decoded.newParamsBound()).isFalse();
    }

    @Test
    void comStmtExecuteWithoutAnyTypesIsMalformed() {
        byte[] b = Hex.bytes("17 03000000 00 01000000 00 00 2a00000000000000");
        assertThatThrownBy(() -> ComStmtExecute.decode(body(b, CommandType.STMT_EXECUTE), CAPS, id -> shape(1)))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void comStmtExecuteSkipsTheValueOfALongDataParameter() {
        BitSet longData = new BitSet();
        longData.set(0);
        List<ParamType> types = List.of(new ParamType(ColumnType.BLOB, false), new ParamType(ColumnType.LONG, false));
        ComStmtExecute execute = new ComStmtExecute(2, 0, 1, true, types, List.of(ComStmtExecute.LONG_DATA, 5L));

        byte[] b = execute.encode(CAPS);

        assertThat(b).isEqualTo(Hex.bytes("17 02000000 00 01000000 00 01 fc00 0300 05000000"));
        ComStmtExecute decoded = ComStmtExecute.decode(body(b, CommandType.STMT_EXECUTE), CAPS,
                id -> new Shape(2, null, longData));
        assertThat(decoded.values()).containsExactly(ComStmtExecute.LONG_DATA, 5L);
    }

    @Test
    void comStmtExecuteOfAnUnknownStatementReadsTheHeaderOnly() {
        byte[] b = Hex.bytes("17 63000000 01 01000000 ff ff ff");
        ComStmtExecute decoded = ComStmtExecute.decode(body(b, CommandType.STMT_EXECUTE), CAPS, id -> null);
        assertThat(decoded.statementId()).isEqualTo(99);
        assertThat(decoded.wantsCursor()).isTrue();
        assertThat(decoded.values()).isEmpty();
    }

    @Test
    void comStmtExecuteWithAnUnknownTypeOrCutShortIsMalformed() {
        assertThatThrownBy(() -> ComStmtExecute.decode(body(Hex.bytes("17 01000000 00 01000000 00 01 e000"),
                CommandType.STMT_EXECUTE), CAPS, id -> shape(1))).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> ComStmtExecute.decode(body(Hex.bytes("17 01000000 00 01000000 00 01 0300 0100"),
                CommandType.STMT_EXECUTE), CAPS, id -> shape(1))).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> ComStmtExecute.decode(body(Hex.bytes("17 01000000 00"),
                CommandType.STMT_EXECUTE), CAPS, id -> shape(1))).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void comStmtSendLongData() {
        ComStmtSendLongData piece = new ComStmtSendLongData(4, 1, new byte[] {1, 2, 3});
        byte[] b = piece.encode(CAPS);
        assertThat(b).isEqualTo(Hex.bytes("18 04000000 0100 010203"));
        assertThat(ComStmtSendLongData.decode(body(b, CommandType.STMT_SEND_LONG_DATA))).isEqualTo(piece);
    }

    @Test
    void comStmtCloseResetAndFetch() {
        assertThat(new ComStmtClose(7).encode(CAPS)).isEqualTo(Hex.bytes("19 07000000"));
        assertThat(ComStmtClose.decode(body(Hex.bytes("19 07000000"), CommandType.STMT_CLOSE))).isEqualTo(new ComStmtClose(7));
        assertThat(new ComStmtReset(7).encode(CAPS)).isEqualTo(Hex.bytes("1a 07000000"));
        assertThat(ComStmtReset.decode(body(Hex.bytes("1a 07000000"), CommandType.STMT_RESET))).isEqualTo(new ComStmtReset(7));
        assertThat(new ComStmtFetch(7, 100).encode(CAPS)).isEqualTo(Hex.bytes("1c 07000000 64000000"));
        assertThat(ComStmtFetch.decode(body(Hex.bytes("1c 07000000 64000000"), CommandType.STMT_FETCH)))
                .isEqualTo(new ComStmtFetch(7, 100));
        assertThatThrownBy(() -> ComStmtClose.decode(body(Hex.bytes("19 0700"), CommandType.STMT_CLOSE)))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void binaryResultRowAsInTheDocs() {
        List<ColumnDefinition41> one = List.of(column("c", ColumnType.VAR_STRING, 0));
        byte[] docs = Hex.bytes("00 00 06 66 6f 6f 62 61 72");
        assertThat(BinaryResultRow.decode(new WireReader(docs), one)).isEqualTo(new BinaryResultRow(new Object[] {"foobar".getBytes()}));
        assertThat(new BinaryResultRow(new Object[] {"foobar".getBytes()}).encode(one)).isEqualTo(docs);
    }

    @Test
    void binaryResultRowNullBitmapStartsAtBitTwo() {
        List<ColumnDefinition41> columns = List.of(column("a", ColumnType.LONGLONG, 0), column("b", ColumnType.TINY,
                ColumnFlags.UNSIGNED), column("c", ColumnType.DOUBLE, 0));
        BinaryResultRow row = new BinaryResultRow(new Object[] {null, 200L, null});

        byte[] b = row.encode(columns);

        assertThat(b).isEqualTo(Hex.bytes("00 14 c8"));
        assertThat(BinaryResultRow.decode(new WireReader(b), columns)).isEqualTo(row);
    }

    private static ColumnDefinition41 column(String name, ColumnType type, int flags) {
        return new ColumnDefinition41("", "", "", name, "", ColumnFlags.BINARY_CHARSET, 20, type, flags, 0);
    }
}
