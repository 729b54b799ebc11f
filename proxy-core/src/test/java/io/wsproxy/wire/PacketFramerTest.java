package io.wsproxy.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacketFramerTest {
    private static final int MAX = PacketInputStream.MAX_FRAGMENT;

    /** Payload sizes around every boundary the framer has to get right. */
    private static final int[] SIZES = {0, 1, 3, 4, 5, 255, 256, 65_536, MAX - 1, MAX, MAX + 1, 2 * MAX, 0, 7};

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static byte[] framed(List<byte[]> payloads) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (PacketOutputStream out = new PacketOutputStream(sink)) {
            int seq = 0;
            for (byte[] p : payloads) {
                seq = out.write(seq, p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    private static List<byte[]> payloads() {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            payloads.add(random(SIZES[i], i));
        }
        return payloads;
    }

    private static List<Packet> drain(PacketFramer framer) {
        List<Packet> packets = new ArrayList<>();
        for (Packet p = framer.next(); p != null; p = framer.next()) {
            packets.add(p);
        }
        return packets;
    }

    private static void assertSamePayloads(List<Packet> packets, List<byte[]> payloads) {
        assertThat(packets).hasSameSizeAs(payloads);
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(packets.get(i).payload()).as("payload %d (%d bytes)", i, payloads.get(i).length)
                    .isEqualTo(payloads.get(i));
        }
    }

    @Test
    void yieldsOnePacketFedWhole() {
        PacketFramer framer = new PacketFramer(1 << 20);

        framer.feed(ByteBuffer.wrap(Hex.bytes("030000 05 616263")));

        Packet p = framer.next();
        assertThat(p.sequenceId()).isEqualTo(5);
        assertThat(p.payload()).isEqualTo(Hex.bytes("616263"));
        assertThat(framer.next()).isNull();
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void yieldsNothingUntilThePacketIsComplete() {
        PacketFramer framer = new PacketFramer(1 << 20);
        byte[] wire = Hex.bytes("030000 00 616263");

        for (int i = 0; i < wire.length - 1; i++) {
            framer.feed(ByteBuffer.wrap(wire, i, 1));
            assertThat(framer.next()).as("after %d bytes", i + 1).isNull();
            assertThat(framer.buffered()).isEqualTo(i + 1);
        }
        framer.feed(ByteBuffer.wrap(wire, wire.length - 1, 1));

        assertThat(framer.next().payload()).isEqualTo(Hex.bytes("616263"));
    }

    @Test
    void severalPacketsInOneFeedComeOutInOrder() {
        PacketFramer framer = new PacketFramer(1 << 20);

        framer.feed(ByteBuffer.wrap(Hex.bytes("010000 00 0a 000000 01 020000 ff 0b0c 0100")));

        List<Packet> packets = drain(framer);
        assertThat(packets).extracting(Packet::sequenceId).containsExactly(0, 1, 255);
        assertThat(packets.get(0).payload()).containsExactly(0x0a);
        assertThat(packets.get(1).payload()).isEmpty();
        assertThat(packets.get(2).payload()).containsExactly(0x0b, 0x0c);
        assertThat(framer.buffered()).isEqualTo(2);
    }

    @Test
    void feedConsumesTheWholeBuffer() {
        PacketFramer framer = new PacketFramer(100);
        ByteBuffer data = ByteBuffer.wrap(Hex.bytes("010000 00 0a"));

        framer.feed(data);

        assertThat(data.hasRemaining()).isFalse();
    }

    @Test
    void joinsContinuationsAndEndsOnTheEmptyPacketAfterAFull0xFFFFFF() {
        byte[] payload = random(MAX, 42);
        PacketFramer framer = new PacketFramer(Integer.MAX_VALUE);
        byte[] wire = framed(List.of(payload));

        framer.feed(ByteBuffer.wrap(wire, 0, 4 + MAX));
        assertThat(framer.next()).as("a full fragment alone is not a packet").isNull();
        assertThat(framer.buffered()).isEqualTo(MAX);

        framer.feed(ByteBuffer.wrap(wire, 4 + MAX, 4));
        Packet p = framer.next();
        assertThat(p.payload()).isEqualTo(payload);
        assertThat(p.sequenceId()).isEqualTo(1);
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void wholeStreamAtOnceYieldsEveryPacket() {
        List<byte[]> payloads = payloads();
        PacketFramer framer = new PacketFramer(Integer.MAX_VALUE);

        framer.feed(ByteBuffer.wrap(framed(payloads)));

        assertSamePayloads(drain(framer), payloads);
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void byteByByteYieldsTheSamePackets() {
        // small payloads only: one feed() per byte of 48 MiB would be slow for nothing
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            payloads.add(random(i * 7 % 300, i));
        }
        byte[] wire = framed(payloads);
        PacketFramer framer = new PacketFramer(1 << 20);

        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            framer.feed(ByteBuffer.wrap(wire, i, 1));
            packets.addAll(drain(framer));
        }

        assertSamePayloads(packets, payloads);
        assertThat(packets).extracting(Packet::sequenceId).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 40).boxed().toList());
    }

    @Test
    void byteByByteAcrossAFragmentBoundary() {
        byte[] payload = random(MAX + 2, 5);
        byte[] wire = framed(List.of(payload, Hex.bytes("2a")));
        PacketFramer framer = new PacketFramer(Integer.MAX_VALUE);
        int start = MAX - 16; // feed in bulk up to just before the first fragment ends

        framer.feed(ByteBuffer.wrap(wire, 0, start));
        List<Packet> packets = new ArrayList<>(drain(framer));
        for (int i = start; i < wire.length; i++) {
            framer.feed(ByteBuffer.wrap(wire, i, 1));
            packets.addAll(drain(framer));
        }

        assertThat(packets).hasSize(2);
        assertThat(packets.get(0).payload()).isEqualTo(payload);
        assertThat(packets.get(0).sequenceId()).isEqualTo(1);
        assertThat(packets.get(1).payload()).containsExactly(0x2a);
        assertThat(packets.get(1).sequenceId()).isEqualTo(2);
    }

    @Test
    void randomChunksYieldTheSamePackets() {
        List<byte[]> payloads = payloads();
        byte[] wire = framed(payloads);

        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            PacketFramer framer = new PacketFramer(Integer.MAX_VALUE);
            List<Packet> packets = new ArrayList<>();
            int at = 0;
            while (at < wire.length) {
                // mostly small reads, now and then a socket-buffer's worth or more
                int n = random.nextInt(4) == 0 ? random.nextInt(1, 4_000_000) : random.nextInt(1, 9);
                n = Math.min(n, wire.length - at);
                framer.feed(ByteBuffer.wrap(wire, at, n));
                at += n;
                packets.addAll(drain(framer));
            }
            assertSamePayloads(packets, payloads);
            assertThat(framer.buffered()).as("seed %d", seed).isZero();
        }
    }

    @Test
    void readsTheSamePacketsAsThePacketInputStream() throws IOException {
        List<byte[]> payloads = payloads();
        byte[] wire = framed(payloads);
        PacketInputStream in = new PacketInputStream(new java.io.ByteArrayInputStream(wire), Integer.MAX_VALUE);
        PacketFramer framer = new PacketFramer(Integer.MAX_VALUE);
        framer.feed(ByteBuffer.wrap(wire));

        for (int i = 0; i < payloads.size(); i++) {
            Packet fromStream = in.read();
            Packet fromFramer = framer.next();
            assertThat(fromFramer.sequenceId()).isEqualTo(fromStream.sequenceId());
            assertThat(fromFramer.payload()).isEqualTo(fromStream.payload());
        }
    }

    @Test
    void sequenceIdsOfAStreamWrapFrom255To0() {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            payloads.add(new byte[] {(byte) i});
        }
        PacketFramer framer = new PacketFramer(100);

        framer.feed(ByteBuffer.wrap(framed(payloads)));

        List<Packet> packets = drain(framer);
        assertThat(packets).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(packets.get(i).sequenceId()).isEqualTo(i & 0xff);
        }
    }

    @Test
    void packetOverTheLimitIsRefusedFromItsHeaderAlone() {
        PacketFramer framer = new PacketFramer(1000);

        framer.feed(ByteBuffer.wrap(Hex.bytes("e90300 00"))); // 1001 bytes announced, none sent

        assertThatThrownBy(framer::next)
                .isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(PacketTooLargeException.class)
                .cause().hasMessageContaining("1001");
    }

    @Test
    void packetAtTheLimitPasses() {
        PacketFramer framer = new PacketFramer(1000);
        byte[] payload = random(1000, 1);

        framer.feed(ByteBuffer.wrap(framed(List.of(payload))));

        assertThat(framer.next().payload()).isEqualTo(payload);
    }

    @Test
    void limitAppliesToTheJoinedPayload() {
        PacketFramer framer = new PacketFramer(MAX + 9);
        byte[] wire = framed(List.of(new byte[MAX + 10]));

        framer.feed(ByteBuffer.wrap(wire));

        assertThatThrownBy(framer::next)
                .isInstanceOf(IllegalStateException.class)
                .cause().isInstanceOf(PacketTooLargeException.class)
                .hasMessageContaining(String.valueOf(MAX + 10));
    }

    @Test
    void bufferedCountsBytesNotYetReturned() {
        PacketFramer framer = new PacketFramer(1 << 20);

        framer.feed(ByteBuffer.wrap(Hex.bytes("050000 00 0102")));

        assertThat(framer.next()).isNull();
        assertThat(framer.buffered()).isEqualTo(6);
        framer.feed(ByteBuffer.wrap(Hex.bytes("030405 010000 01")));
        assertThat(framer.next().payload()).isEqualTo(Hex.bytes("0102030405"));
        assertThat(framer.buffered()).isEqualTo(4);
        assertThat(framer.next()).isNull();
    }

    @Test
    void returnedPayloadsAreIndependentOfLaterFeeds() {
        PacketFramer framer = new PacketFramer(1 << 20);
        framer.feed(ByteBuffer.wrap(Hex.bytes("020000 00 0a0b")));
        Packet first = framer.next();

        for (int i = 0; i < 100; i++) {
            framer.feed(ByteBuffer.wrap(Hex.bytes("020000 01 ffff")));
            framer.next();
        }

        assertThat(first.payload()).isEqualTo(Hex.bytes("0a0b"));
        assertThat(Arrays.equals(first.payload(), Hex.bytes("ffff"))).isFalse();
    }

    @Test
    void advanceLeavesEachPacketInPlaceWithItsSequenceId() {
        PacketFramer framer = new PacketFramer(1 << 20);
        byte[] wire = Hex.bytes("030000 05 616263 020000 06 6465");
        byte[] into = framer.writable(wire.length);
        System.arraycopy(wire, 0, into, framer.writeIndex(), wire.length);
        framer.written(wire.length);

        assertThat(framer.advance()).isTrue();
        assertThat(framer.sequenceId()).isEqualTo(5);
        assertThat(Arrays.copyOfRange(framer.array(), framer.offset(), framer.offset() + framer.length()))
                .isEqualTo(Hex.bytes("616263"));
        assertThat(framer.array()).as("in place, not a copy").isSameAs(into);
        assertThat(framer.advance()).isTrue();
        assertThat(framer.sequenceId()).isEqualTo(6);
        assertThat(framer.length()).isEqualTo(2);
        assertThat(framer.advance()).isFalse();
    }

    @Test
    void advanceAndNextYieldTheSamePacketsAcrossRandomChunksAndBufferResets() {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            payloads.add(random(i % 5 == 0 ? 100_000 : i * 7, 100 + i)); // large ones grow the buffer past its keep size
        }
        byte[] wire = framed(payloads);
        PacketFramer framer = new PacketFramer(1 << 24);
        SplittableRandom chunks = new SplittableRandom(7);
        List<byte[]> seen = new ArrayList<>();
        for (int pos = 0; pos < wire.length; ) {
            int n = Math.min(wire.length - pos, 1 + chunks.nextInt(150_000));
            byte[] into = framer.writable(n);
            System.arraycopy(wire, pos, into, framer.writeIndex(), n);
            framer.written(n);
            pos += n;
            while (framer.advance()) {
                seen.add(Arrays.copyOfRange(framer.array(), framer.offset(), framer.offset() + framer.length()));
            }
        }

        assertThat(seen).hasSameSizeAs(payloads);
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(seen.get(i)).as("payload %d", i).isEqualTo(payloads.get(i));
        }
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void writtenBeyondTheRoomMadeIsRefused() {
        PacketFramer framer = new PacketFramer(1 << 20);
        byte[] into = framer.writable(4);

        assertThatThrownBy(() -> framer.written(into.length + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
