package io.wsproxy.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Binary protocol values: the MySQL docs' examples byte for byte, and every type round trip. */
class BinaryValuesTest {

    static Stream<Arguments> docsExamples() {
        return Stream.of(
                Arguments.of(ColumnType.LONGLONG, false, 1L, "01 00 00 00 00 00 00 00"),
                Arguments.of(ColumnType.LONG, false, 1L, "01 00 00 00"),
                Arguments.of(ColumnType.INT24, false, -1L, "ff ff ff ff"),
                Arguments.of(ColumnType.SHORT, false, 1L, "01 00"),
                Arguments.of(ColumnType.YEAR, false, 2024L, "e8 07"),
                Arguments.of(ColumnType.TINY, false, -1L, "ff"),
                Arguments.of(ColumnType.TINY, true, 255L, "ff"),
                Arguments.of(ColumnType.DOUBLE, false, 35.5d, "00 00 00 00 00 c0 41 40"),
                Arguments.of(ColumnType.FLOAT, false, 35.5f, "00 00 0e 42"),
                Arguments.of(ColumnType.DATE, false, new MySqlDateTime(2010, 10, 17, 0, 0, 0, 0), "04 da 07 0a 11"),
                Arguments.of(ColumnType.DATETIME, false, new MySqlDateTime(2010, 10, 17, 19, 27, 30, 1),
                        "0b da 07 0a 11 13 1b 1e 01 00 00 00"),
                Arguments.of(ColumnType.TIMESTAMP, false, new MySqlDateTime(2010, 10, 17, 19, 27, 30, 0),
                        "07 da 07 0a 11 13 1b 1e"),
                Arguments.of(ColumnType.DATETIME, false, MySqlDateTime.ZERO, "00"),
                Arguments.of(ColumnType.TIME, false, new MySqlTime(true, 120, 19, 27, 30, 1),
                        "0c 01 78 00 00 00 13 1b 1e 01 00 00 00"),
                Arguments.of(ColumnType.TIME, false, new MySqlTime(false, 0, 13, 14, 15, 0), "08 00 00 00 00 00 0d 0e 0f"),
                Arguments.of(ColumnType.TIME, false, MySqlTime.ZERO, "00"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("docsExamples")
    void valueEncodesAsTheDocsShowAndDecodesBack(ColumnType type, boolean unsigned, Object value, String hex) {
        WireWriter w = new WireWriter();
        BinaryValues.write(w, type, value);
        assertThat(Hex.of(w.toByteArray())).isEqualTo(hex);
        assertThat(BinaryValues.read(new WireReader(Hex.bytes(hex)), type, unsigned)).isEqualTo(value);
    }

    @Test
    void unsignedBigintAboveLongMaxReadsAsBigInteger() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        WireWriter w = new WireWriter();
        BinaryValues.write(w, ColumnType.LONGLONG, max);
        assertThat(Hex.of(w.toByteArray())).isEqualTo("ff ff ff ff ff ff ff ff");
        assertThat(BinaryValues.read(new WireReader(w.toByteArray()), ColumnType.LONGLONG, true)).isEqualTo(max);
        assertThat(BinaryValues.read(new WireReader(w.toByteArray()), ColumnType.LONGLONG, false)).isEqualTo(-1L);
    }

    @Test
    void unsignedIntegersReadWithoutSignExtension() {
        assertThat(BinaryValues.read(new WireReader(Hex.bytes("ff ff")), ColumnType.SHORT, true)).isEqualTo(65535L);
        assertThat(BinaryValues.read(new WireReader(Hex.bytes("ff ff ff ff")), ColumnType.LONG, true))
                .isEqualTo(4294967295L);
    }

    @Test
    void stringTypesAreLengthEncodedBytes() {
        WireWriter w = new WireWriter();
        BinaryValues.write(w, ColumnType.NEWDECIMAL, "1.50".getBytes());
        assertThat(Hex.of(w.toByteArray())).isEqualTo("04 31 2e 35 30");
        assertThat((byte[]) BinaryValues.read(new WireReader(w.toByteArray()), ColumnType.BLOB, false))
                .containsExactly('1', '.', '5', '0');
    }

    @Test
    void dateAndTimeConvertToJavaTime() {
        assertThat(new MySqlDateTime(2024, 2, 29, 13, 14, 15, 500_000).toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000));
        assertThat(MySqlTime.of(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59)))
                .isEqualTo(new MySqlTime(true, 34, 22, 59, 59, 0));
        assertThat(new MySqlTime(true, 34, 22, 59, 59, 0).toString()).isEqualTo("-838:59:59");
        assertThat(new MySqlDateTime(2024, 2, 29, 0, 0, 0, 0).toString()).isEqualTo("2024-02-29");
    }

    @Test
    void malformedValuesAreMalformedPackets() {
        assertThatThrownBy(() -> BinaryValues.read(new WireReader(Hex.bytes("05 00 00 00 00 00")), ColumnType.DATE, false))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> BinaryValues.read(new WireReader(Hex.bytes("04 e8 07 0d 01")), ColumnType.DATE, false))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("month 13");
        assertThatThrownBy(() -> BinaryValues.read(new WireReader(Hex.bytes("08 00 00 00 00 00 18 00 00")),
                ColumnType.TIME, false)).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> BinaryValues.read(new WireReader(Hex.bytes("0b e8 07 01 01 00 00 00 ff ff ff ff")),
                ColumnType.DATETIME, false)).isInstanceOf(MalformedPacketException.class).hasMessageContaining("microseconds");
        assertThatThrownBy(() -> BinaryValues.read(new WireReader(Hex.bytes("0c 00 00000000 00 00 00 40420f00")),
                ColumnType.TIME, false)).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> BinaryValues.read(new WireReader(Hex.bytes("fb")), ColumnType.VAR_STRING, false))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> BinaryValues.read(new WireReader(Hex.bytes("01 00")), ColumnType.LONG, false))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void writingAValueOfTheWrongKindIsRefused() {
        assertThatThrownBy(() -> BinaryValues.write(new WireWriter(), ColumnType.DOUBLE, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Double");
        assertThatThrownBy(() -> BinaryValues.write(new WireWriter(), ColumnType.LONG, "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
