package io.wsproxy.wire.message;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.ColumnFlags;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.Hex;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketInputStream;
import io.wsproxy.wire.Responses;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.WireWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResultSetPacketsTest {
    private static final Capabilities P41 = new Capabilities(CLIENT_PROTOCOL_41);

    /** The MySQL docs' COM_QUERY response to SELECT @@version_comment: packets with their headers. */
    private static final byte[] DOCS_RESULT_SET = Hex.bytes("""
            01 00 00 01 01
            27 00 00 02 03 64 65 66 00 00 00 11 40 40 76 65 72 73 69 6f 6e 5f 63 6f 6d 6d 65 6e 74 00
               0c 08 00 1c 00 00 00 fd 00 00 1f 00 00
            05 00 00 03 fe 00 00 02 00
            1d 00 00 04 1c 4d 79 53 51 4c 20 43 6f 6d 6d 75 6e 69 74 79 20 53 65 72 76 65 72 20 28 47 50 4c 29
            05 00 00 05 fe 00 00 02 00
            """);

    private static WireReader reader(Packet p) {
        return new WireReader(p.payload());
    }

    @Test
    void decodesTheDocsResultSetPacketByPacket() throws IOException {
        PacketInputStream in = new PacketInputStream(new ByteArrayInputStream(DOCS_RESULT_SET), 1 << 20);

        Packet count = in.read();
        assertThat(count.sequenceId()).isEqualTo(1);
        assertThat(ColumnCount.decode(reader(count), P41).count()).isEqualTo(1);

        ColumnDefinition41 column = ColumnDefinition41.decode(reader(in.read()), P41);
        assertThat(column).isEqualTo(new ColumnDefinition41("", "", "", "@@version_comment", "", 8, 28,
                ColumnType.VAR_STRING, 0, 0x1f));

        Packet eof = in.read();
        assertThat(Responses.isEndOfRows(eof.payload(), P41)).isTrue();
        assertThat(EofPacket.decode(reader(eof), P41).statusFlags()).isEqualTo(StatusFlags.SERVER_STATUS_AUTOCOMMIT);

        Packet row = in.read();
        assertThat(Responses.isEndOfRows(row.payload(), P41)).isFalse();
        TextResultRow values = TextResultRow.decode(reader(row), 1);
        assertThat(new String(values.values()[0], StandardCharsets.UTF_8)).isEqualTo("MySQL Community Server (GPL)");

        Packet end = in.read();
        assertThat(end.sequenceId()).isEqualTo(5);
        assertThat(Responses.isEndOfRows(end.payload(), P41)).isTrue();
    }

    @Test
    void reencodesTheDocsColumnDefinitionByteForByte() {
        byte[] payload = Arrays.copyOfRange(DOCS_RESULT_SET, 9, 9 + 0x27);

        ColumnDefinition41 column = ColumnDefinition41.decode(new WireReader(payload), P41);

        assertThat(column.encode(P41)).isEqualTo(payload);
    }

    @Test
    void columnDefinitionRoundTrips() {
        ColumnDefinition41 column = new ColumnDefinition41("shop", "o", "orders", "total", "amount",
                ColumnFlags.BINARY_CHARSET, 0xffffffffL, ColumnType.NEWDECIMAL,
                ColumnFlags.NOT_NULL | ColumnFlags.UNSIGNED | ColumnFlags.NUM, 2);

        assertThat(ColumnDefinition41.decode(new WireReader(column.encode(P41)), P41)).isEqualTo(column);
    }

    @Test
    void columnDefinitionWritesNullNamesAsEmptyAndTheCatalogAsDef() {
        ColumnDefinition41 column = new ColumnDefinition41(null, null, null, "1", null,
                ColumnFlags.UTF8MB4_GENERAL_CI, 1, ColumnType.LONGLONG, 0, 0);

        byte[] b = column.encode(P41);

        assertThat(b).isEqualTo(Hex.bytes("03646566 00 00 00 0131 00 0c 2d00 01000000 08 0000 00 0000"));
        assertThat(ColumnDefinition41.decode(new WireReader(b), P41).schema()).isEmpty();
    }

    @Test
    void columnDefinitionWithAnUnknownTypeIsMalformed() {
        byte[] b = new ColumnDefinition41("", "", "", "c", "", 45, 1, ColumnType.LONG, 0, 0).encode(P41);
        b[b.length - 6] = 0x0e; // the type byte: 0x0e (NEWDATE) never goes on the wire

        assertThatThrownBy(() -> ColumnDefinition41.decode(new WireReader(b), P41))
                .isExactlyInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("0xe");
    }

    @Test
    void columnDefinitionCutShortIsMalformed() {
        byte[] full = new ColumnDefinition41("s", "t", "t", "c", "c", 45, 11, ColumnType.LONG, 0, 0).encode(P41);

        for (int n = 0; n < full.length - 2; n++) {
            byte[] b = Arrays.copyOf(full, n);
            assertThatThrownBy(() -> ColumnDefinition41.decode(new WireReader(b), P41)).as("%d bytes", n)
                    .isInstanceOf(MalformedPacketException.class);
        }
    }

    @Test
    void columnCountRoundTripsAtLengthEncodedBoundaries() {
        for (long n : new long[] {1, 250, 251, 4096, 0x10000}) {
            ColumnCount count = new ColumnCount(n);
            assertThat(ColumnCount.decode(new WireReader(count.encode(P41)), P41)).isEqualTo(count);
        }
        assertThat(new ColumnCount(251).encode(P41)).isEqualTo(Hex.bytes("fc fb 00"));
    }

    @Test
    void textRowCarriesNullsEmptyStringsAndLongValues() {
        byte[] longValue = new byte[70_000];
        Arrays.fill(longValue, (byte) 'z');
        byte[][] values = {"42".getBytes(), null, new byte[0], longValue, Hex.bytes("00 ff fb")};
        TextResultRow row = new TextResultRow(values);

        byte[] b = row.encode(P41);

        assertThat(Arrays.copyOf(b, 6)).isEqualTo(Hex.bytes("02 3432 fb 00 fd"));
        assertThat(TextResultRow.decode(new WireReader(b), values.length)).isEqualTo(row);
    }

    @Test
    void encodeValuesWritesTheSameBytesAsTheRecord() {
        byte[][] values = {"a".getBytes(), null};
        WireWriter w = new WireWriter();

        TextResultRow.encodeValues(w, values);

        assertThat(w.toByteArray()).isEqualTo(new TextResultRow(values).encode(P41)).isEqualTo(Hex.bytes("01 61 fb"));
    }

    @Test
    void textRowWithFewerValuesThanColumnsIsMalformed() {
        assertThatThrownBy(() -> TextResultRow.decode(new WireReader(Hex.bytes("01 61 fb")), 3))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void textRowWithAValueLongerThanThePacketIsMalformed() {
        assertThatThrownBy(() -> TextResultRow.decode(new WireReader(Hex.bytes("fc 00 01 61")), 1))
                .isInstanceOf(MalformedPacketException.class);
    }
}
