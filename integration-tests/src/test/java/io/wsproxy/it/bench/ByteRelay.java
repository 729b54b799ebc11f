package io.wsproxy.it.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The floor of one hop: a byte relay between two Unix sockets on Netty's native transport, with the
 * transport ({@link #transport()}) and the number of event loops the proxy runs on, that forwards every read as it comes
 * and understands nothing: no WebSocket, no JSON, no MySQL protocol. What a query costs through it,
 * a proxy between the same client and engine pays at least; the rest of the proxy's cost is its
 * own. Run in a JVM of its own: {@code ByteRelay <listen-socket> <engine-socket>}; prints
 * {@code ready} once it listens.
 */
public final class ByteRelay {
    private ByteRelay() {
    }

    /**
     * The proxy's transport as {@code wsproxy.transport} (or {@code WSPROXY_TRANSPORT}) picks it:
     * io_uring where the setting asks for it and the kernel has it, else epoll (the default; the
     * relay has no NIO, so under {@code nio} it stays on epoll).
     */
    static String transport() {
        String t = System.getProperty("wsproxy.transport", System.getenv("WSPROXY_TRANSPORT"));
        String requested = t == null || t.isBlank() ? "native" : t.strip().toLowerCase(Locale.ROOT);
        boolean ioUring = requested.equals("io_uring") && IoUring.isAvailable();
        return ioUring ? "io_uring" : "epoll";
    }

    public static void main(String[] argv) throws Exception {
        Path listen = Path.of(argv[0]);
        DomainSocketAddress engine = new DomainSocketAddress(argv[1]);
        Files.deleteIfExists(listen);
        boolean ioUring = transport().equals("io_uring");
        Class<? extends ServerChannel> server = ioUring ? IoUringServerDomainSocketChannel.class
                : EpollServerDomainSocketChannel.class;
        Class<? extends Channel> upstreamChannel = ioUring ? IoUringDomainSocketChannel.class
                : EpollDomainSocketChannel.class;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                ioUring ? IoUringIoHandler.newFactory() : EpollIoHandler.newFactory());
        new ServerBootstrap().group(loops).channel(server)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel client) {
                        new Bootstrap().group(client.eventLoop()).channel(upstreamChannel)
                                .handler(new Forward(client)).connect(engine)
                                .addListener((ChannelFutureListener) f -> {
                                    if (f.isSuccess()) {
                                        Channel upstream = f.channel();
                                        client.pipeline().addLast(new Forward(upstream));
                                        client.closeFuture().addListener(c -> upstream.close());
                                        upstream.closeFuture().addListener(c -> client.close());
                                        client.config().setAutoRead(true);
                                    } else {
                                        client.close();
                                    }
                                });
                    }
                }).bind(new DomainSocketAddress(listen.toString())).sync();
        System.out.println("ready " + transport());
        System.out.flush();
        loops.terminationFuture().sync();
    }

    /** Writes what one side reads to the other; stops reading while the other cannot take more. */
    private static final class Forward extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Forward(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // this side drained: let the peer that feeds it read again
            if (ctx.channel().isWritable()) {
                peer.config().setAutoRead(true);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
