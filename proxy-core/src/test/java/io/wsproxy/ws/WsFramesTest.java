package io.wsproxy.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 6455 section 5.2 server frames: FIN, opcode, 7/16/64-bit payload length, no mask. */
class WsFramesTest {

    private static byte[] frames(byte[] payload, int maxFrame) {
        ByteBuf out = Unpooled.buffer();
        WsFrames.text(out, payload, 0, payload.length, maxFrame);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    @Test
    void aShortMessageIsOneFinalTextFrameWithASevenBitLength() {
        byte[] hello = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        byte[] wire = frames(hello, 1 << 20);

        assertThat(Arrays.copyOf(wire, 2)).containsExactly(0x81, 7);
        assertThat(Arrays.copyOfRange(wire, 2, wire.length)).isEqualTo(hello);
        assertThat(wire).hasSize(WsFrames.frameLength(hello.length));
    }

    @Test
    void lengthsFrom126To65535TakeASixteenBitLength() {
        byte[] payload = new byte[300];

        byte[] wire = frames(payload, 1 << 20);

        assertThat(Arrays.copyOf(wire, 4)).containsExactly(0x81, 126, 0x01, 0x2C);
        assertThat(wire).hasSize(4 + 300).hasSize(WsFrames.frameLength(300));
    }

    @Test
    void lengthsFrom65536TakeASixtyFourBitLength() {
        byte[] payload = new byte[65_536];

        byte[] wire = frames(payload, 1 << 20);

        assertThat(Arrays.copyOf(wire, 10)).containsExactly(0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0);
        assertThat(wire).hasSize(10 + 65_536).hasSize(WsFrames.frameLength(65_536));
    }

    @Test
    void aMessageOverTheFrameLimitIsATextFrameThenContinuationsTheLastOneFinal() {
        byte[] payload = "abcdefghij".getBytes(StandardCharsets.US_ASCII);

        byte[] wire = frames(payload, 4);

        assertThat(wire).containsExactly(
                0x01, 4, 'a', 'b', 'c', 'd',
                0x00, 4, 'e', 'f', 'g', 'h',
                0x80, 2, 'i', 'j');
    }

    @Test
    void aHeaderAloneIsWhatTheStringPathWritesBeforeItsBytes() {
        ByteBuf out = Unpooled.buffer();

        WsFrames.textHeader(out, 200);

        assertThat(out.readableBytes()).isEqualTo(4);
        assertThat(out.getUnsignedByte(0)).isEqualTo((short) 0x81);
        assertThat(out.getUnsignedShort(2)).isEqualTo(200);
    }

    @Test
    void aFrameLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> frames(new byte[1], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
