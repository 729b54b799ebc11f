package io.wsproxy.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacketStreamsTest {
    private static final int MAX = PacketInputStream.MAX_FRAGMENT;

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final PacketOutputStream out = new PacketOutputStream(sink);

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static byte[] header(byte[] wire, int at) {
        return Arrays.copyOfRange(wire, at, at + 4);
    }

    private static PacketInputStream in(byte[] wire) {
        return new PacketInputStream(new ByteArrayInputStream(wire), Integer.MAX_VALUE);
    }

    @Test
    void writesALengthAndSequenceHeaderBeforeThePayload() throws IOException {
        int next = out.write(3, Hex.bytes("616263"));
        out.flush();

        assertThat(sink.toByteArray()).isEqualTo(Hex.bytes("030000 03 616263"));
        assertThat(next).isEqualTo(4);
    }

    @Test
    void emptyPayloadIsAHeaderAlone() throws IOException {
        out.write(0, new byte[0]);
        out.flush();

        assertThat(sink.toByteArray()).isEqualTo(Hex.bytes("000000 00"));
    }

    @Test
    void writesOnlyTheGivenSliceOfTheArray() throws IOException {
        out.write(1, Hex.bytes("01 02 03 04 05"), 1, 3);
        out.flush();

        assertThat(sink.toByteArray()).isEqualTo(Hex.bytes("030000 01 020304"));
    }

    @Test
    void buffersUntilFlush() throws IOException {
        out.write(0, Hex.bytes("01"));
        out.write(1, Hex.bytes("02"));

        assertThat(sink.size()).isZero();

        out.flush();
        assertThat(sink.toByteArray()).isEqualTo(Hex.bytes("010000 00 01 010000 01 02"));
    }

    @Test
    void payloadOfExactly0xFFFFFFBytesIsFollowedByAnEmptyPacket() throws IOException {
        byte[] payload = random(MAX, 1);

        int next = out.write(0, payload);
        out.flush();

        byte[] wire = sink.toByteArray();
        assertThat(wire).hasSize(4 + MAX + 4);
        assertThat(header(wire, 0)).isEqualTo(Hex.bytes("ffffff 00"));
        assertThat(header(wire, 4 + MAX)).isEqualTo(Hex.bytes("000000 01"));
        assertThat(next).isEqualTo(2);
    }

    @Test
    void payloadOneByteOver0xFFFFFFSplitsInTwo() throws IOException {
        byte[] payload = random(MAX + 1, 2);

        int next = out.write(7, payload);
        out.flush();

        byte[] wire = sink.toByteArray();
        assertThat(wire).hasSize(4 + MAX + 4 + 1);
        assertThat(header(wire, 0)).isEqualTo(Hex.bytes("ffffff 07"));
        assertThat(header(wire, 4 + MAX)).isEqualTo(Hex.bytes("010000 08"));
        assertThat(wire[wire.length - 1]).isEqualTo(payload[MAX]);
        assertThat(next).isEqualTo(9);
    }

    @Test
    void payloadOfTwice0xFFFFFFIsTwoFullPacketsAndAnEmptyOne() throws IOException {
        byte[] payload = random(2 * MAX, 3);

        int next = out.write(0, payload);
        out.flush();

        byte[] wire = sink.toByteArray();
        assertThat(wire).hasSize(3 * 4 + 2 * MAX);
        assertThat(header(wire, 0)).isEqualTo(Hex.bytes("ffffff 00"));
        assertThat(header(wire, 4 + MAX)).isEqualTo(Hex.bytes("ffffff 01"));
        assertThat(header(wire, 8 + 2 * MAX)).isEqualTo(Hex.bytes("000000 02"));
        assertThat(next).isEqualTo(3);
    }

    @Test
    void splitPayloadsJoinBackWithTheLastFragmentsSequenceId() throws IOException {
        int[] sizes = {MAX - 1, MAX, MAX + 1, 2 * MAX, 2 * MAX + 5};
        byte[][] payloads = new byte[sizes.length][];
        int seq = 0;
        for (int i = 0; i < sizes.length; i++) {
            payloads[i] = random(sizes[i], 10 + i);
            seq = out.write(seq, payloads[i]);
        }
        out.flush();

        PacketInputStream in = in(sink.toByteArray());
        int[] lastSequence = {0, 2, 4, 7, 10};
        for (int i = 0; i < sizes.length; i++) {
            Packet p = in.read();
            assertThat(p.payload()).as("payload %d", i).isEqualTo(payloads[i]);
            assertThat(p.sequenceId()).as("sequence %d", i).isEqualTo(lastSequence[i]);
        }
        assertThatThrownBy(in::read).isInstanceOf(EOFException.class);
    }

    @Test
    void sequenceIdWrapsFrom255To0() throws IOException {
        assertThat(out.write(255, Hex.bytes("01"))).isZero();
        assertThat(out.write(254, random(MAX + 1, 4))).isZero();
        out.flush();

        byte[] wire = sink.toByteArray();
        assertThat(header(wire, 0)).isEqualTo(Hex.bytes("010000 ff"));
        assertThat(header(wire, 5)).isEqualTo(Hex.bytes("ffffff fe"));
        assertThat(header(wire, 9 + MAX)).isEqualTo(Hex.bytes("010000 ff"));
    }

    @Test
    void sequenceIdArgumentIsTakenModulo256() throws IOException {
        assertThat(out.write(256 + 5, Hex.bytes("01"))).isEqualTo(6);
        out.flush();

        assertThat(header(sink.toByteArray(), 0)).isEqualTo(Hex.bytes("010000 05"));
    }

    @Test
    void readsASequenceIdAbove127AsUnsigned() throws IOException {
        Packet p = in(Hex.bytes("010000 c8 2a")).read();

        assertThat(p.sequenceId()).isEqualTo(200);
        assertThat(p.payload()).containsExactly(0x2a);
    }

    @Test
    void largeAndSmallPayloadsInterleavedKeepTheirOrder() throws IOException {
        // payloads larger than the 64 KiB buffer bypass it; what was buffered must go first
        byte[][] payloads = {random(10, 1), random(200_000, 2), random(3, 3), random(65_533, 4), random(1, 5)};
        int seq = 0;
        for (byte[] p : payloads) {
            seq = out.write(seq, p);
        }
        out.flush();

        PacketInputStream in = in(sink.toByteArray());
        for (int i = 0; i < payloads.length; i++) {
            Packet p = in.read();
            assertThat(p.sequenceId()).isEqualTo(i);
            assertThat(p.payload()).isEqualTo(payloads[i]);
        }
    }

    @Test
    void readsFromAStreamThatDeliversOneByteAtATime() throws IOException {
        byte[] payload = random(1000, 9);
        out.write(0, payload);
        out.write(1, new byte[0]);
        out.flush();
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(sink.toByteArray())) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };

        PacketInputStream in = new PacketInputStream(trickle, 1 << 20);

        assertThat(in.read().payload()).isEqualTo(payload);
        assertThat(in.read().payload()).isEmpty();
    }

    @Test
    void readsExactlyOnePacketAndNothingAfterIt() throws IOException {
        // what follows an SSLRequest is a TLS ClientHello: it must stay in the stream
        ByteArrayInputStream stream = new ByteArrayInputStream(Hex.bytes("020000 01 0a0b 16 03 01"));

        Packet p = new PacketInputStream(stream, 100).read();

        assertThat(p.payload()).containsExactly(0x0a, 0x0b);
        assertThat(stream.readAllBytes()).isEqualTo(Hex.bytes("16 03 01"));
    }

    @Test
    void endOfStreamBetweenPacketsIsEof() {
        assertThatThrownBy(() -> in(new byte[0]).read())
                .isInstanceOf(EOFException.class)
                .hasMessage("end of stream");
    }

    @Test
    void streamEndingInsideTheHeaderIsEof() {
        assertThatThrownBy(() -> in(Hex.bytes("0500")).read()).isInstanceOf(EOFException.class);
    }

    @Test
    void streamEndingInsideThePayloadIsATruncatedPacket() {
        assertThatThrownBy(() -> in(Hex.bytes("050000 00 0102")).read())
                .isInstanceOf(EOFException.class)
                .hasMessage("truncated packet");
    }

    @Test
    void streamEndingBeforeTheContinuationIsEof() {
        byte[] wire = new byte[4 + MAX];
        wire[0] = wire[1] = wire[2] = (byte) 0xff;

        assertThatThrownBy(() -> in(wire).read()).isInstanceOf(EOFException.class);
    }

    @Test
    void packetAtTheLimitIsRead() throws IOException {
        out.write(0, new byte[1000]);
        out.flush();

        Packet p = new PacketInputStream(new ByteArrayInputStream(sink.toByteArray()), 1000).read();

        assertThat(p.payload()).hasSize(1000);
    }

    @Test
    void packetOverTheLimitIsTooLargeAndItsPayloadIsNotRead() throws IOException {
        out.write(0, new byte[1001]);
        out.flush();
        ByteArrayInputStream stream = new ByteArrayInputStream(sink.toByteArray());

        assertThatThrownBy(() -> new PacketInputStream(stream, 1000).read())
                .isInstanceOf(PacketTooLargeException.class)
                .hasMessageContaining("1001")
                .hasMessageContaining("1000");
        assertThat(stream.available()).isEqualTo(1001);
    }

    @Test
    void limitAppliesToTheJoinedPayload() throws IOException {
        out.write(0, new byte[MAX + 10]);
        out.flush();
        ByteArrayInputStream stream = new ByteArrayInputStream(sink.toByteArray());

        assertThatThrownBy(() -> new PacketInputStream(stream, MAX + 9).read())
                .isInstanceOf(PacketTooLargeException.class)
                .hasMessageContaining(String.valueOf(MAX + 10));
    }

    @Test
    void hugeDeclaredLengthIsRefusedBeforeAllocating() {
        // a 16 MiB header with a 1 KiB limit: refused from the header alone
        assertThatThrownBy(() -> new PacketInputStream(new ByteArrayInputStream(Hex.bytes("fffffe 00")), 1024).read())
                .isInstanceOf(PacketTooLargeException.class);
    }

    @Test
    void closeFlushesAndClosesTheUnderlyingStreams() throws IOException {
        boolean[] closed = new boolean[2];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        PacketOutputStream o = new PacketOutputStream(bytes);
        o.write(0, Hex.bytes("01"));

        o.close();

        assertThat(bytes.toByteArray()).isEqualTo(Hex.bytes("010000 00 01"));
        assertThat(closed[0]).isTrue();

        PacketInputStream i = new PacketInputStream(new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[1] = true;
            }
        }, 10);
        i.close();
        assertThat(closed[1]).isTrue();
    }
}
