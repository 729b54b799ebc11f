package io.wsproxy.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireWriterTest {

    @Test
    void fixedIntegersAreLittleEndian() {
        byte[] b = new WireWriter().u8(0x12).u16(0x1234).u24(0x123456).u32(0x12345678L).u64(0x0102030405060708L)
                .toByteArray();

        assertThat(b).isEqualTo(Hex.bytes("12 3412 563412 78563412 0807060504030201"));
    }

    @Test
    void fixedIntegersTakeTheirUnsignedMaximum() {
        byte[] b = new WireWriter().u8(255).u16(65_535).u24(16_777_215).u32(4_294_967_295L).u64(-1L).toByteArray();

        assertThat(b).isEqualTo(Hex.bytes("ff ffff ffffff ffffffff ffffffffffffffff"));
    }

    @Test
    void fixedIntegersKeepOnlyTheirLowBytes() {
        byte[] b = new WireWriter().u8(0x1ff).u16(0x1_0002).u24(0x0100_0003).u32(0x1_0000_0004L).toByteArray();

        assertThat(b).isEqualTo(Hex.bytes("ff 0200 030000 04000000"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0,                    00",
        "1,                    01",
        "250,                  fa",
        "251,                  fc fb 00",
        "65535,                fc ff ff",
        "65536,                fd 00 00 01",
        "16777215,             fd ff ff ff",
        "16777216,             fe 00 00 00 01 00 00 00 00",
        "9223372036854775807,  fe ff ff ff ff ff ff ff 7f",
        // negative longs are values of 2^63 and above
        "-1,                   fe ff ff ff ff ff ff ff ff",
        "-9223372036854775808, fe 00 00 00 00 00 00 00 80",
    })
    void lengthEncodedIntegerUsesTheShortestForm(long value, String hex) {
        byte[] b = new WireWriter().lenencInt(value).toByteArray();

        assertThat(b).isEqualTo(Hex.bytes(hex));
        assertThat(new WireReader(b).lenencInt()).isEqualTo(value);
    }

    @Test
    void lengthEncodedIntegersRoundTripAcrossTheirWholeRange() {
        SplittableRandom random = new SplittableRandom(20240601);
        WireWriter w = new WireWriter();
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            // spread over every width: shift a random long right by 0..63 bits
            values[i] = random.nextLong() >>> random.nextInt(64);
            w.lenencInt(values[i]);
        }

        WireReader r = new WireReader(w.toByteArray());
        for (long v : values) {
            assertThat(r.lenencInt()).isEqualTo(v);
        }
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void lengthEncodedStringCountsBytesNotCharacters() {
        byte[] b = new WireWriter().lenencString("é€").toByteArray();

        assertThat(b).isEqualTo(Hex.bytes("05 c3a9 e282ac"));
    }

    @Test
    void lengthEncodedNullAndEmpty() {
        byte[] b = new WireWriter().lenencString(null).lenencString("").lenencBytes(null).lenencBytes(new byte[0])
                .toByteArray();

        assertThat(b).isEqualTo(Hex.bytes("fb 00 fb 00"));
    }

    @Test
    void lengthEncodedStringOf251BytesTakesATwoByteLength() {
        byte[] value = new byte[251];
        Arrays.fill(value, (byte) 'a');

        byte[] b = new WireWriter().lenencBytes(value).toByteArray();

        assertThat(Arrays.copyOf(b, 3)).isEqualTo(Hex.bytes("fc fb 00"));
        assertThat(b).hasSize(254);
        assertThat(new WireReader(b).lenencBytes()).isEqualTo(value);
    }

    @Test
    void nulTerminatedString() {
        byte[] b = new WireWriter().nulString("abc").nulString("").toByteArray();

        assertThat(b).isEqualTo(Hex.bytes("616263 00 00"));
    }

    @Test
    void stringHasNoTerminatorOrLength() {
        assertThat(new WireWriter().string("hé").toByteArray()).isEqualTo(Hex.bytes("68 c3a9"));
    }

    @Test
    void bytesSliceAndZeros() {
        byte[] b = new WireWriter().bytes(Hex.bytes("01 02 03 04"), 1, 2).zeros(3).toByteArray();

        assertThat(b).isEqualTo(Hex.bytes("02 03 00 00 00"));
    }

    @Test
    void growsPastItsInitialCapacity() {
        WireWriter w = new WireWriter(1);
        byte[] big = new byte[100_000];
        new SplittableRandom(7).nextBytes(big);

        w.u8(1).bytes(big).u64(-1L);

        assertThat(w.size()).isEqualTo(100_009);
        byte[] out = w.toByteArray();
        assertThat(Arrays.copyOfRange(out, 1, 100_001)).isEqualTo(big);
        assertThat(new WireReader(out, 100_001, 8).u64()).isEqualTo(-1L);
    }

    @Test
    void arrayIsTheInternalBufferUpToSize() {
        WireWriter w = new WireWriter().u16(0xbeef);

        assertThat(w.size()).isEqualTo(2);
        assertThat(Arrays.copyOf(w.array(), w.size())).isEqualTo(Hex.bytes("efbe"));
    }

    @Test
    void resetStartsOver() {
        WireWriter w = new WireWriter().u32(7);

        w.reset();
        w.u8(9);

        assertThat(w.toByteArray()).containsExactly(9);
    }

    @Test
    void mixedWritesReadBackInOrder() {
        byte[] b = new WireWriter().u8(10).nulString("v8").u32(0xfffffffeL).lenencString("x".repeat(70_000))
                .lenencInt(0x1000000).string("tail").toByteArray();

        WireReader r = new WireReader(b);
        assertThat(r.u8()).isEqualTo(10);
        assertThat(r.nulString()).isEqualTo("v8");
        assertThat(r.u32()).isEqualTo(0xfffffffeL);
        assertThat(r.lenencString()).hasSize(70_000);
        assertThat(r.lenencInt()).isEqualTo(0x1000000);
        assertThat(r.restString()).isEqualTo("tail");
    }
}
