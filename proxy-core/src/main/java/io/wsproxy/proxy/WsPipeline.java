package io.wsproxy.proxy;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.wsproxy.ws.ByteBudget;
import java.util.Map;

/**
 * What {@code /ws} and {@code /mysql} sessions do to their WebSocket's Netty pipeline, so that a
 * client's bytes cost the proxy a bounded amount of memory ({@link MemoryBounds}): a
 * {@link FrameGate} in front of the frame decoder, and reads stopped at the socket, not queued.
 */
final class WsPipeline {
    private WsPipeline() {
    }

    /**
     * Puts a {@link FrameGate} in front of the WebSocket's frame decoder, when Vert.x shows its
     * pipeline (otherwise Vert.x's own frame and message limits still apply).
     *
     * @param preAuthLimit what a frame may carry while {@code session} has not authenticated
     */
    static void gateFrames(ServerWebSocket ws, int preAuthLimit, ByteBudget budget, FrameGate.Session session) {
        if (!(ws instanceof WebSocketInternal)) {
            return;
        }
        ChannelHandlerContext ctx = ((WebSocketInternal) ws).channelHandlerContext();
        // One read (at most 64 KiB) per turn of the event loop: a client that floods its session
        // gets its share of the loop, not the whole of it, and other sessions stay answered.
        ctx.channel().config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(1));
        ChannelPipeline pipeline = ctx.pipeline();
        for (Map.Entry<String, ChannelHandler> handler : pipeline) {
            if (handler.getValue() instanceof WebSocketFrameDecoder) {
                if (handler.getValue() instanceof ByteToMessageDecoder decoder) {
                    // A frame gathered from many reads is held as those reads, not copied into one
                    // buffer that doubles as it grows and keeps that size while the next frame
                    // arrives: the decoder then holds what is in flight (which FrameGate counts), no more.
                    decoder.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
                }
                pipeline.addBefore(handler.getKey(), null,
                        new FrameGate(preAuthLimit, MemoryBounds.LARGE_FRAME_BYTES, budget, session));
                return;
            }
        }
    }

    /**
     * Starts or stops reading the client's socket. Unlike {@link ServerWebSocket#pause()}, which
     * queues the frames already read and reads on until its queue is full, nothing more is read.
     */
    static void autoRead(ServerWebSocket ws, boolean on) {
        if (ws instanceof WebSocketInternal) {
            ((WebSocketInternal) ws).channelHandlerContext().channel().config().setAutoRead(on);
        } else if (on) {
            ws.resume();
        } else {
            ws.pause();
        }
    }
}
