package io.wsproxy.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.wsproxy.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine link on a Vert.x event loop, against a real Unix socket served by a blocking peer. */
class EngineLinkTest {
    private Path dir;
    private Path socket;
    private UnixServerSocketChannel server;
    private Vertx vertx;
    private Context loop;
    private EngineLink link;
    private final ExecutorService peer = Executors.newCachedThreadPool();

    @BeforeEach
    void listen() throws IOException {
        dir = Files.createTempDirectory("link");
        socket = dir.resolve("s.sock");
        server = UnixServerSocketChannel.open();
        server.socket().bind(new UnixSocketAddress(socket.toFile()));
        vertx = Vertx.vertx();
        loop = vertx.getOrCreateContext();
        link = new EngineLink(vertx);
    }

    @AfterEach
    void close() throws Exception {
        link.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        server.close();
        peer.shutdownNow();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    @Test
    void bytesGoBothWaysInOrder() throws Exception {
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        peer.submit(() -> {
            try (UnixSocketChannel c = server.accept()) {
                received.complete(Channels.newInputStream(c).readNBytes(5));
                OutputStream out = Channels.newOutputStream(c);
                out.write("world".getBytes());
                out.flush();
            }
            return null;
        });
        Recorder handler = new Recorder() {
            @Override
            public void onConnected(LinkChannel channel) {
                channel.write("hel".getBytes());
                channel.write("lo".getBytes());
                super.onConnected(channel);
            }
        };

        connect(engineSocket(), handler);

        assertThat(new String(received.get(5, TimeUnit.SECONDS))).isEqualTo("hello");
        handler.awaitBytes(5);
        assertThat(handler.text()).isEqualTo("world");
        assertThat(handler.closed.get(5, TimeUnit.SECONDS)).as("closed by the peer, no error").isNull();
        assertThat(handler.onLoop).as("every report on the connecting event loop").isTrue();
    }

    @Test
    void aTcpEngineIsJustAnotherAddress() throws Exception {
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            peer.submit(() -> {
                try (Socket c = tcp.accept()) {
                    c.getOutputStream().write(c.getInputStream().readNBytes(4)); // echo
                }
                return null;
            });
            Recorder handler = new Recorder() {
                @Override
                public void onConnected(LinkChannel channel) {
                    channel.write("ping".getBytes());
                    super.onConnected(channel);
                }
            };

            connect(SocketAddress.inetSocketAddress(tcp.getLocalPort(), "127.0.0.1"), handler);

            handler.awaitBytes(4);
            assertThat(handler.text()).isEqualTo("ping");
        }
    }

    @Test
    void writesLargerThanTheSocketBufferKeepTheirOrderWithTheWritesAfterThem() throws Exception {
        // The first write cannot go out at once: the small writes after it must wait their turn.
        byte[] big = new byte[8 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(big);
        for (int i = 0; i < 1000; i++) {
            expected.write(("#" + i).getBytes());
        }
        int total = expected.size();
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Recorder handler = new Recorder();
        LinkChannel channel = connect(engineSocket(), handler);
        handler.awaitConnected();
        onLoop(() -> {
            channel.write(big);
            for (int i = 0; i < 1000; i++) {
                channel.write(("#" + i).getBytes());
            }
        });
        peer.submit(() -> {
            try (UnixSocketChannel c = server.accept()) {
                received.complete(Channels.newInputStream(c).readNBytes(total));
            }
            return null;
        });

        assertThat(received.get(20, TimeUnit.SECONDS)).isEqualTo(expected.toByteArray());
        onLoop(channel::close);
        assertThat(handler.closed.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void writesAfterCloseAreDropped() throws Exception {
        CompletableFuture<Integer> firstByteAfterClose = new CompletableFuture<>();
        peer.submit(() -> {
            try (UnixSocketChannel c = server.accept()) {
                firstByteAfterClose.complete(Channels.newInputStream(c).read());
            }
            return null;
        });
        Recorder handler = new Recorder();
        LinkChannel channel = connect(engineSocket(), handler);
        handler.awaitConnected();

        onLoop(() -> {
            channel.close();
            channel.write("late".getBytes());
        });

        assertThat(handler.closed.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(firstByteAfterClose.get(5, TimeUnit.SECONDS)).as("end of stream, no late bytes").isEqualTo(-1);
    }

    @Test
    void aMissingSocketReportsTheCauseOnce() throws Exception {
        Recorder handler = new Recorder();

        connect(SocketAddress.domainSocketAddress(dir.resolve("missing.sock").toString()), handler);

        assertThat(handler.closed.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.sock");
        assertThat(handler.connected).isFalse();
        assertThat(handler.closeReports.get()).isEqualTo(1);
    }

    @Test
    void connectingOffAnEventLoopIsRefused() {
        assertThatThrownBy(() -> link.connect(engineSocket(), new Recorder()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheLinkEndsEveryConnectionWithACauseAndRefusesNewOnes() throws Exception {
        peer.submit(() -> holdOpen(server.accept()));
        peer.submit(() -> holdOpen(server.accept()));
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        connect(engineSocket(), first);
        connect(engineSocket(), second);
        first.awaitConnected();
        second.awaitConnected();
        assertThat(link.isClosed()).isFalse();

        link.close(); // from a thread of its own, as the launcher's fault switch does

        assertThat(first.closed.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class).hasMessage("engine link closed");
        assertThat(second.closed.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        assertThat(link.isClosed()).isTrue();
        Recorder late = new Recorder();
        connect(engineSocket(), late);
        assertThat(late.closed.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        assertThat(late.connected).isFalse();
        assertThat(link.connections()).isZero();
    }

    @Test
    void aPausedChannelStopsReadingUntilResumed() throws Exception {
        int total = 4 * 1024 * 1024;
        CompletableFuture<Void> pausedNow = new CompletableFuture<>();
        CompletableFuture<Void> written = new CompletableFuture<>();
        peer.submit(() -> {
            try (UnixSocketChannel c = server.accept()) {
                pausedNow.join(); // no byte is on the wire before pause() returned
                OutputStream out = Channels.newOutputStream(c);
                out.write(new byte[total]);
                out.flush();
                written.complete(null);
                c.socket().getInputStream().read(); // stay open until the client closes
            }
            return null;
        });
        Recorder handler = new Recorder();
        LinkChannel channel = connect(engineSocket(), handler);
        handler.awaitConnected();
        onLoop(channel::pause);
        pausedNow.complete(null);

        // While paused, the peer's writes block: the socket buffers fill and nothing is read. A
        // broken pause reads all 4 MiB in a few milliseconds; we watch for a while to see it doesn't.
        observeFor(300);
        assertThat(written).isNotDone();
        assertThat(handler.bytes.get()).isZero();

        onLoop(channel::resume);
        handler.awaitBytes(total);
        written.get(10, TimeUnit.SECONDS);
        onLoop(channel::close);
        assertThat(handler.closed.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aConsumerThatPausesBoundsWhatIsReadAhead() throws Exception {
        int total = 8 * 1024 * 1024;
        int chunk = 64 * 1024;
        AtomicLong written = new AtomicLong();
        peer.submit(() -> {
            try (UnixSocketChannel c = server.accept()) {
                OutputStream out = Channels.newOutputStream(c);
                for (int sent = 0; sent < total; sent += chunk) {
                    out.write(new byte[chunk]);
                    written.addAndGet(chunk);
                }
                c.socket().getInputStream().read();
            }
            return null;
        });
        // The consumer is full from its first bytes on, as the relay is when the client's queue is.
        Recorder handler = new Recorder() {
            @Override
            public void onData(ByteBuf data) {
                if (bytes.get() == 0) {
                    channel.pause();
                }
                super.onData(data);
            }
        };
        LinkChannel channel = connect(engineSocket(), handler);
        handler.awaitBytesAtLeast(1);

        // A negative property (nothing more is read): give the loop time to over-read if it would.
        observeFor(500);
        assertThat(handler.bytes.get()).as("delivered after the pause").isBetween(1L, 64L * 1024);
        assertThat(written.get()).as("what the engine could write: socket buffers and a few reads held by Vert.x")
                .isLessThan(3L * 1024 * 1024);

        onLoop(channel::resume);
        handler.awaitBytes(total);
        onLoop(channel::close);
    }

    private static Void holdOpen(UnixSocketChannel c) throws IOException {
        try (c; InputStream in = Channels.newInputStream(c)) {
            in.read();
        }
        return null;
    }

    private SocketAddress engineSocket() {
        return SocketAddress.domainSocketAddress(socket.toString());
    }

    private LinkChannel connect(SocketAddress address, Recorder handler) throws Exception {
        LinkChannel channel = call(v -> link.connect(address, handler));
        handler.channel = channel;
        return channel;
    }

    private void onLoop(Runnable action) throws Exception {
        call(v -> {
            action.run();
            return null;
        });
    }

    private <T> T call(Function<Void, T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                done.complete(action.apply(null));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(5, TimeUnit.SECONDS);
    }

    /** An observation window for properties of the form "nothing more happens". */
    private static void observeFor(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Records what the link reports. */
    class Recorder implements LinkHandler {
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong closeReports = new AtomicLong();
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        final CompletableFuture<Void> connectedFuture = new CompletableFuture<>();
        volatile LinkChannel channel;
        volatile boolean connected;
        volatile boolean onLoop = true;

        @Override
        public void onConnected(LinkChannel opened) {
            checkLoop();
            channel = opened;
            connected = true;
            connectedFuture.complete(null);
        }

        @Override
        public void onData(ByteBuf data) {
            checkLoop();
            synchronized (text) {
                if (text.length() < 64) {
                    text.append(data.toString(StandardCharsets.ISO_8859_1));
                }
            }
            bytes.addAndGet(data.readableBytes());
        }

        @Override
        public void onClosed(Throwable cause) {
            checkLoop();
            closeReports.incrementAndGet();
            closed.complete(cause);
        }

        private void checkLoop() {
            if (Vertx.currentContext() != loop) {
                onLoop = false;
            }
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }

        void awaitConnected() throws Exception {
            connectedFuture.get(5, TimeUnit.SECONDS);
        }

        void awaitBytesAtLeast(long n) throws InterruptedException {
            Eventually.await(n + " bytes or more", Duration.ofSeconds(20), () -> bytes.get() >= n);
        }

        void awaitBytes(long n) throws InterruptedException {
            awaitBytesAtLeast(n);
            assertThat(bytes.get()).isEqualTo(n);
        }
    }
}
