package io.wsproxy.proxy;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.impl.ShutdownEvent;
import io.wsproxy.ws.ByteBudget;
import java.util.Map;

/**
 * What {@code /ws} and {@code /mysql} sessions do to their WebSocket's Netty pipeline, so that a
 * client's bytes cost the proxy a bounded amount of memory ({@link MemoryBounds}): a
 * {@link FrameGate} in front of the frame decoder, and reads stopped at the socket, not queued;
 * and what keeps them open while their server retires.
 */
final class WsPipeline {
    private static final ChannelHandler SHUTDOWN_SHIELD = new ShutdownShield();

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

    /**
     * Keeps {@code ws} open through its server's graceful shutdown: a retiring instance unbinds its
     * port ({@link ProxyInstance#stopListening}) and its sessions run on to their end, or until the
     * drain closes them. Vert.x announces a server's shutdown to each of its connections with a
     * {@link ShutdownEvent} sent down the pipeline; a handler in front of Vert.x's does not pass it
     * on. Every other close, the client's or the proxy's, goes ahead as usual, and the server's
     * last step (closing every socket it still has) still applies.
     *
     * <p>Not a WebSocket shutdown handler: since Vert.x 5.1 that handler also hears every close of
     * the WebSocket, the client's and the proxy's included, and an empty one holds them all open.
     * (What Vert.x's server hands over is always a {@link WebSocketInternal}; a WebSocket that were
     * not would close with its server, as with any Vert.x server.)
     */
    static void runOnThroughServerShutdown(ServerWebSocket ws) {
        if (ws instanceof WebSocketInternal internal) {
            ChannelHandlerContext vertx = internal.channelHandlerContext();
            vertx.pipeline().addBefore(vertx.name(), null, SHUTDOWN_SHIELD);
        }
    }

    @ChannelHandler.Sharable
    private static final class ShutdownShield extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (!(event instanceof ShutdownEvent)) {
                ctx.fireUserEventTriggered(event);
            }
        }
    }
}
