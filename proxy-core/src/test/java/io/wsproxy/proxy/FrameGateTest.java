package io.wsproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import io.wsproxy.ws.ByteBudget;
import org.junit.jupiter.api.Test;

class FrameGateTest {
    private static final int LIMIT = 1024;
    private static final int LARGE = 4096;

    /** A session whose auth arrives with the first whole frame the decoder would see. */
    private static final class FakeSession implements FrameGate.Session {
        boolean auth;
        boolean authOnFirstFrame;
        int tooBig;
        String malformed;

        @Override
        public boolean authReceived() {
            return auth;
        }

        @Override
        public void frameTooBig() {
            tooBig++;
        }

        @Override
        public void malformedFrame(String why) {
            malformed = why;
        }
    }

    /** What reaches the frame decoder: each read, as bytes. */
    private static final class Downstream extends ChannelInboundHandlerAdapter {
        final List<byte[]> reads = new ArrayList<>();
        final FakeSession session;

        Downstream(FakeSession session) {
            this.session = session;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            reads.add(bytes);
            if (session.authOnFirstFrame) {
                session.auth = true;
            }
        }

        byte[] all() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reads.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    /** A masked client frame (RFC 6455 section 5.2) with {@code length} payload bytes, FIN set. */
    private static byte[] frame(int opcode, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        if (length < 126) {
            out.write(0x80 | length);
        } else if (length < 65536) {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) length >>> (8 * i)));
            }
        }
        out.writeBytes(new byte[] {1, 2, 3, 4});
        out.writeBytes(new byte[length]);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static EmbeddedChannel channel(FakeSession session, Downstream downstream) {
        return channel(session, downstream, ByteBudget.unlimited());
    }

    private static EmbeddedChannel channel(FakeSession session, Downstream downstream, ByteBudget budget) {
        return new EmbeddedChannel(new FrameGate(LIMIT, LARGE, budget, session), downstream);
    }

    private static FakeSession authenticated() {
        FakeSession session = new FakeSession();
        session.auth = true;
        return session;
    }

    @Test
    void framesWithinTheLimitPassUnchangedOneFrameAtATime() {
        // Given
        FakeSession session = new FakeSession();
        Downstream decoder = new Downstream(session);
        EmbeddedChannel channel = channel(session, decoder);
        byte[] bytes = concat(frame(1, 10), frame(9, 0), frame(1, LIMIT));

        // When
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));

        // Then
        assertThat(decoder.all()).isEqualTo(bytes);
        assertThat(decoder.reads).hasSize(3);
        assertThat(session.tooBig).isZero();
    }

    @Test
    void aFrameOverTheLimitBeforeAuthIsRefusedAtItsHeaderAndNoneOfItPasses() {
        // Given: a small frame, then the header of a 64 KiB frame and the start of its payload
        FakeSession session = new FakeSession();
        Downstream decoder = new Downstream(session);
        EmbeddedChannel channel = channel(session, decoder);
        byte[] small = frame(1, 5);
        byte[] big = frame(1, 64 * 1024);

        // When
        channel.writeInbound(Unpooled.wrappedBuffer(concat(small, java.util.Arrays.copyOf(big, 100))));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[5000]));

        // Then
        assertThat(session.tooBig).isEqualTo(1);
        assertThat(decoder.all()).isEqualTo(small);
    }

    @Test
    void aHeaderSplitAcrossReadsIsStillJudged() {
        // Given
        FakeSession session = new FakeSession();
        Downstream decoder = new Downstream(session);
        EmbeddedChannel channel = channel(session, decoder);
        byte[] big = java.util.Arrays.copyOf(frame(1, 70_000), 20);

        // When: one byte per read
        for (byte b : big) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        // Then: the 2-byte start and 8-byte length (64-bit form) were read, nothing of the frame passed whole
        assertThat(session.tooBig).isEqualTo(1);
        assertThat(decoder.all()).hasSizeLessThan(14);
    }

    @Test
    void aLargeFrameRightBehindAuthInTheSameReadPasses() {
        // Given: the decoder hands the first frame (the auth) to the session before the gate reads on
        FakeSession session = new FakeSession();
        session.authOnFirstFrame = true;
        Downstream decoder = new Downstream(session);
        EmbeddedChannel channel = channel(session, decoder);
        byte[] bytes = concat(frame(1, 50), frame(1, 100_000));

        // When
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));

        // Then
        assertThat(session.tooBig).isZero();
        assertThat(decoder.all()).isEqualTo(bytes);
    }

    @Test
    void theLimitItselfPassesAndOneByteMoreDoesNot() {
        // Given
        FakeSession session = new FakeSession();
        Downstream decoder = new Downstream(session);
        EmbeddedChannel channel = channel(session, decoder);

        // When
        channel.writeInbound(Unpooled.wrappedBuffer(frame(1, LIMIT)));
        channel.writeInbound(Unpooled.wrappedBuffer(frame(1, LIMIT + 1)));

        // Then
        assertThat(session.tooBig).isEqualTo(1);
        assertThat(decoder.all()).isEqualTo(frame(1, LIMIT));
    }

    @Test
    void afterAuthALargeFrameHoldsItsSizeOfTheBudgetWhileItIsRead() {
        // Given
        FakeSession session = authenticated();
        Downstream decoder = new Downstream(session);
        ByteBudget budget = new ByteBudget(100_000);
        EmbeddedChannel channel = channel(session, decoder, budget);
        byte[] big = frame(1, 10_000);

        // When: the first half of the frame
        channel.writeInbound(Unpooled.wrappedBuffer(java.util.Arrays.copyOf(big, 5_000)));
        long during = budget.used();
        channel.writeInbound(Unpooled.wrappedBuffer(java.util.Arrays.copyOfRange(big, 5_000, big.length)));

        // Then
        assertThat(during).isEqualTo(10_000);
        assertThat(budget.used()).isZero();
        assertThat(decoder.all()).isEqualTo(big);
    }

    @Test
    void aLargeFrameThatDoesNotFitStopsReadingUntilTheBudgetHasRoom() {
        // Given: another holder has most of the budget
        FakeSession session = authenticated();
        Downstream decoder = new Downstream(session);
        ByteBudget budget = new ByteBudget(20_000);
        budget.tryReserve(15_000);
        EmbeddedChannel channel = channel(session, decoder, budget);
        byte[] small = frame(1, 100);
        byte[] big = frame(1, 10_000);

        // When
        channel.writeInbound(Unpooled.wrappedBuffer(concat(small, big)));

        // Then: the small frame and the big one's header pass; its payload waits, and reading stops
        assertThat(decoder.all()).hasSize(small.length + 8); // 2 + 2-byte length + 4-byte mask
        assertThat(channel.config().isAutoRead()).isFalse();

        // When: the other holder gives its bytes back
        budget.release(15_000);
        channel.runPendingTasks();

        // Then
        assertThat(decoder.all()).isEqualTo(concat(small, big));
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aConnectionThatEndsMidFrameGivesItsReservationBack() {
        // Given
        FakeSession session = authenticated();
        ByteBudget budget = new ByteBudget(100_000);
        EmbeddedChannel channel = channel(session, new Downstream(session), budget);
        channel.writeInbound(Unpooled.wrappedBuffer(java.util.Arrays.copyOf(frame(1, 50_000), 1_000)));
        assertThat(budget.used()).isEqualTo(50_000);

        // When
        channel.close();

        // Then
        assertThat(budget.used()).isZero();
    }

    @Test
    void smallFramesNeverWaitOnTheBudget() {
        // Given: a budget spent to the last byte
        FakeSession session = authenticated();
        Downstream decoder = new Downstream(session);
        ByteBudget budget = new ByteBudget(1_000);
        budget.tryReserve(1_000);
        EmbeddedChannel channel = channel(session, decoder, budget);

        // When
        channel.writeInbound(Unpooled.wrappedBuffer(frame(1, LARGE)));

        // Then
        assertThat(decoder.all()).isEqualTo(frame(1, LARGE));
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "c1, 80, reserved bits set",
        "81, 00, client frame not masked",
        "83, 80, reserved opcode 3",
        "8b, 80, reserved opcode 11",
        "09, 80, fragmented control frame",
        "80, 80, continuation without a start",
    })
    void aFrameThatBreaksTheFramingRulesIsRefusedAtItsHeader(String first, String second, String why) {
        // Given
        FakeSession session = authenticated();
        Downstream decoder = new Downstream(session);
        EmbeddedChannel channel = channel(session, decoder);
        byte[] header = {(byte) Integer.parseInt(first, 16), (byte) Integer.parseInt(second, 16), 1, 2, 3, 4};

        // When
        channel.writeInbound(Unpooled.wrappedBuffer(header));

        // Then
        assertThat(session.malformed).isEqualTo(why);
        assertThat(decoder.all()).isEmpty();
    }

    @Test
    void aNewMessageInsideAnUnfinishedOneIsRefusedAndAPingBetweenFragmentsIsNot() {
        // Given: a text fragment without FIN, then a ping, then a new text frame
        FakeSession session = authenticated();
        Downstream decoder = new Downstream(session);
        EmbeddedChannel channel = channel(session, decoder);
        byte[] start = frame(1, 5);
        start[0] = 0x01;

        // When
        channel.writeInbound(Unpooled.wrappedBuffer(concat(start, frame(9, 1))));
        String afterPing = session.malformed;
        channel.writeInbound(Unpooled.wrappedBuffer(frame(1, 5)));

        // Then
        assertThat(afterPing).isNull();
        assertThat(session.malformed).isEqualTo("new message inside an unfinished one");
    }

    @Test
    void aControlFrameOver125BytesIsRefused() {
        FakeSession session = authenticated();
        EmbeddedChannel channel = channel(session, new Downstream(session));

        channel.writeInbound(Unpooled.wrappedBuffer(frame(9, 126)));

        assertThat(session.malformed).isEqualTo("control frame over 125 bytes");
    }
}
