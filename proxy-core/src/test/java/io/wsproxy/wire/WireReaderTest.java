package io.wsproxy.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WireReaderTest {

    private static WireReader reader(String hex) {
        return new WireReader(Hex.bytes(hex));
    }

    @Test
    void fixedIntegersAreLittleEndian() {
        WireReader r = reader("12 3412 563412 78563412 0807060504030201");

        assertThat(r.u8()).isEqualTo(0x12);
        assertThat(r.u16()).isEqualTo(0x1234);
        assertThat(r.u24()).isEqualTo(0x123456);
        assertThat(r.u32()).isEqualTo(0x12345678L);
        assertThat(r.u64()).isEqualTo(0x0102030405060708L);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void fixedIntegersAreUnsigned() {
        WireReader r = reader("ff ffff ffffff ffffffff 0000000080");

        assertThat(r.u8()).isEqualTo(255);
        assertThat(r.u16()).isEqualTo(65_535);
        assertThat(r.u24()).isEqualTo(16_777_215);
        assertThat(r.u32()).isEqualTo(4_294_967_295L);
        // the high bit of a 4-byte value does not sign-extend: 0x80000000, not Integer.MIN_VALUE
        assertThat(reader("00000080").u32()).isEqualTo(0x8000_0000L);
    }

    @Test
    void eightByteIntegerWithTheTopBitSetIsANegativeLong() {
        assertThat(reader("ffffffffffffffff").u64()).isEqualTo(-1L);
        assertThat(reader("0000000000000080").u64()).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "00,                         0",
        "fa,                         250",
        "fc fb 00,                   251",
        "fc ff ff,                   65535",
        "fd 00 00 01,                65536",
        "fd ff ff ff,                16777215",
        "fe 00 00 00 01 00 00 00 00, 16777216",
        "fe ff ff ff ff ff ff ff 7f, 9223372036854775807",
        "fe 00 00 00 00 00 00 00 80, -9223372036854775808",
        // a small value in a longer form than needed is still that value
        "fc 01 00,                   1",
    })
    void lengthEncodedIntegers(String hex, long expected) {
        WireReader r = reader(hex);

        assertThat(r.lenencInt()).isEqualTo(expected);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void lengthEncodedIntegerFbIsTheNullMarker() {
        assertThat(reader("fb").lenencInt()).isEqualTo(-1);
    }

    @Test
    void lengthEncodedIntegerFfIsMalformed() {
        assertThatThrownBy(() -> reader("ff 00 00").lenencInt())
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("0xff");
    }

    @ParameterizedTest
    @CsvSource({"fc 01", "fd 01 02", "fe 01 02 03 04 05 06 07"})
    void lengthEncodedIntegerCutShortIsMalformed(String hex) {
        assertThatThrownBy(() -> reader(hex).lenencInt()).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void lengthEncodedString() {
        WireReader r = reader("03 616263 00 02 c3a9");

        assertThat(r.lenencString()).isEqualTo("abc");
        assertThat(r.lenencString()).isEmpty();
        assertThat(r.lenencString()).isEqualTo("é");
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void lengthEncodedStringWithATwoByteLength() {
        byte[] payload = new byte[3 + 300];
        payload[0] = (byte) 0xfc;
        payload[1] = (byte) 0x2c; // 300 = 0x012c
        payload[2] = 0x01;
        java.util.Arrays.fill(payload, 3, payload.length, (byte) 'x');

        assertThat(new WireReader(payload).lenencString()).isEqualTo("x".repeat(300));
    }

    @Test
    void lengthEncodedStringFbIsNull() {
        WireReader r = reader("fb 01 41");

        assertThat(r.lenencBytes()).isNull();
        assertThat(r.lenencString()).isEqualTo("A");
    }

    @Test
    void lengthEncodedStringLongerThanThePayloadIsMalformed() {
        assertThatThrownBy(() -> reader("05 616263").lenencString())
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("5 bytes");
    }

    @Test
    void lengthEncodedStringOfTwoToTheSixtyThreeBytesIsMalformed() {
        // (int) 0x8000000000000000L is 0: must not read as an empty string
        assertThatThrownBy(() -> reader("fe 00 00 00 00 00 00 00 80 41").lenencBytes())
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void lengthEncodedStringWhoseHugeLengthTruncatesToASmallIntIsMalformed() {
        // 0x80000000_00000001: a cast to int would read it as a 1-byte string
        assertThatThrownBy(() -> reader("fe 01 00 00 00 00 00 00 80 41").lenencBytes())
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void lengthEncodedStringOfTwoToTheSixtyFourMinusOneBytesIsMalformedNotNull() {
        // only the single byte 0xFB means NULL
        assertThatThrownBy(() -> reader("fe ff ff ff ff ff ff ff ff").lenencBytes())
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void nulTerminatedStringStopsAtTheFirstNul() {
        WireReader r = reader("616263 00 00 646566 00");

        assertThat(r.nulString()).isEqualTo("abc");
        assertThat(r.nulString()).isEmpty();
        assertThat(r.nulString()).isEqualTo("def");
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void nulTerminatedStringWithoutItsNulIsMalformedAndConsumesNothing() {
        WireReader r = reader("616263");

        assertThatThrownBy(r::nulString).isInstanceOf(MalformedPacketException.class).hasMessageContaining("NUL");
        assertThat(r.position()).isZero();
    }

    @Test
    void eofStringTakesTheRestOfThePayload() {
        WireReader r = reader("01 68c3a96c6c6f");
        r.u8();

        assertThat(r.restString()).isEqualTo("héllo");
        assertThat(r.hasRemaining()).isFalse();
        assertThat(r.restString()).isEmpty();
        assertThat(r.rest()).isEmpty();
    }

    @Test
    void restReturnsTheRemainingBytes() {
        WireReader r = reader("01 02 03");
        r.skip(1);

        assertThat(r.rest()).containsExactly(2, 3);
        assertThat(r.remaining()).isZero();
    }

    @Test
    void peekDoesNotAdvance() {
        WireReader r = reader("2a 2b");

        assertThat(r.peek()).isEqualTo(0x2a);
        assertThat(r.peek()).isEqualTo(0x2a);
        assertThat(r.u8()).isEqualTo(0x2a);
        assertThat(r.position()).isEqualTo(1);
        assertThat(r.remaining()).isEqualTo(1);
    }

    @Test
    void bytesAreACopy() {
        byte[] payload = Hex.bytes("01 02");
        byte[] read = new WireReader(payload).bytes(2);

        read[0] = 9;

        assertThat(payload).containsExactly(1, 2);
    }

    static Stream<Arguments> everyRead() {
        return Stream.of(
                Arguments.of("u8", (Consumer<WireReader>) WireReader::u8),
                Arguments.of("u16", (Consumer<WireReader>) WireReader::u16),
                Arguments.of("u24", (Consumer<WireReader>) WireReader::u24),
                Arguments.of("u32", (Consumer<WireReader>) WireReader::u32),
                Arguments.of("u64", (Consumer<WireReader>) WireReader::u64),
                Arguments.of("lenencInt", (Consumer<WireReader>) WireReader::lenencInt),
                Arguments.of("lenencBytes", (Consumer<WireReader>) WireReader::lenencBytes),
                Arguments.of("lenencString", (Consumer<WireReader>) WireReader::lenencString),
                Arguments.of("nulString", (Consumer<WireReader>) WireReader::nulString),
                Arguments.of("peek", (Consumer<WireReader>) WireReader::peek),
                Arguments.of("bytes(1)", (Consumer<WireReader>) r -> r.bytes(1)),
                Arguments.of("skip(1)", (Consumer<WireReader>) r -> r.skip(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRead")
    void readingAnEmptyPayloadIsMalformed(String name, Consumer<WireReader> read) {
        assertThatThrownBy(() -> read.accept(new WireReader(new byte[0])))
                .isExactlyInstanceOf(MalformedPacketException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRead")
    void readingPastTheEndOfASliceIsMalformedEvenWithBytesAfterIt(String name, Consumer<WireReader> read) {
        byte[] buf = Hex.bytes("01 02 03 04 05 06 07 08 09 0a 00");
        WireReader r = new WireReader(buf, 10, 0);

        assertThatThrownBy(() -> read.accept(r)).isExactlyInstanceOf(MalformedPacketException.class);
    }

    @Test
    void readingOneByteShortOfAFixedIntegerIsMalformedAndConsumesNothing() {
        WireReader r = reader("01 02 03");

        assertThatThrownBy(r::u32).isInstanceOf(MalformedPacketException.class).hasMessageContaining("needs 4");
        assertThat(r.position()).isZero();
        assertThat(r.u24()).isEqualTo(0x030201);
    }

    @Test
    void negativeByteCountIsMalformedNotANegativeArraySize() {
        assertThatThrownBy(() -> reader("01 02").bytes(-1)).isExactlyInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> reader("01 02").skip(-1)).isExactlyInstanceOf(MalformedPacketException.class);
    }

    @Test
    void sliceReadsOnlyItsOwnBytes() {
        byte[] buf = "xxabcyy".getBytes(StandardCharsets.US_ASCII);
        WireReader r = new WireReader(buf, 2, 3);

        assertThat(r.position()).isEqualTo(2);
        assertThat(r.remaining()).isEqualTo(3);
        assertThat(r.restString()).isEqualTo("abc");
    }

    @ParameterizedTest
    @CsvSource({"-1, 2", "0, -1", "4, 4", "8, 0", "2147483647, 1"})
    void sliceOutsideTheArrayIsMalformed(int off, int len) {
        assertThatThrownBy(() -> new WireReader(new byte[7], off, len))
                .isExactlyInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("bad slice");
    }
}
