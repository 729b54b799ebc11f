package io.wsproxy.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine link against a real Unix socket served by a blocking peer. */
class EngineLinkTest {
    private Path dir;
    private Path socket;
    private UnixServerSocketChannel server;
    private EngineLink link;
    private final ExecutorService peer = Executors.newSingleThreadExecutor();
    private final ExecutorService consumer = Executors.newSingleThreadExecutor();

    @BeforeEach
    void listen() throws IOException {
        dir = Files.createTempDirectory("link");
        socket = dir.resolve("s.sock");
        server = UnixServerSocketChannel.open();
        server.socket().bind(new UnixSocketAddress(socket.toFile()));
        link = new EngineLink(1, "test-link");
    }

    @AfterEach
    void close() throws IOException {
        link.close();
        server.close();
        peer.shutdownNow();
        consumer.shutdownNow();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    @Test
    void bytesGoBothWaysInOrder() throws Exception {
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        peer.submit(() -> {
            try (UnixSocketChannel c = server.accept()) {
                InputStream in = Channels.newInputStream(c);
                byte[] got = in.readNBytes(5);
                received.complete(got);
                OutputStream out = Channels.newOutputStream(c);
                out.write("world".getBytes());
                out.flush();
            }
            return null;
        });
        Recorder handler = new Recorder();

        LinkChannel channel = link.connect(socket, consumer, handler);
        channel.write("hel".getBytes());
        channel.write("lo".getBytes());

        assertThat(new String(received.get(5, TimeUnit.SECONDS))).isEqualTo("hello");
        handler.awaitBytes(5);
        assertThat(handler.text()).isEqualTo("world");
        assertThat(handler.closed.get(5, TimeUnit.SECONDS)).as("closed by the peer, no error").isNull();
    }

    @Test
    void writesLargerThanTheSocketBufferKeepTheirOrderWithTheWritesAfterThem() throws Exception {
        // The first write does not fit in the socket buffer: part goes out on the caller's thread,
        // the rest is queued for the selector thread; the small writes after it must wait their turn.
        byte[] big = new byte[8 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(big);
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Recorder handler = new Recorder();
        LinkChannel channel = link.connect(socket, consumer, handler);
        handler.awaitConnected();
        channel.write(big);
        for (int i = 0; i < 1000; i++) {
            byte[] small = ("#" + i).getBytes();
            expected.write(small);
            channel.write(small);
        }
        int total = expected.size();
        peer.submit(() -> {
            try (UnixSocketChannel c = server.accept()) {
                received.complete(Channels.newInputStream(c).readNBytes(total));
            }
            return null;
        });

        assertThat(received.get(20, TimeUnit.SECONDS)).isEqualTo(expected.toByteArray());
        channel.close();
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
        LinkChannel channel = link.connect(socket, consumer, handler);
        handler.awaitConnected();

        channel.close();
        assertThat(handler.closed.get(5, TimeUnit.SECONDS)).isNull();
        channel.write("late".getBytes());

        assertThat(firstByteAfterClose.get(5, TimeUnit.SECONDS)).as("end of stream, no late bytes").isEqualTo(-1);
    }

    @Test
    void aMissingSocketReportsTheCauseOnce() throws Exception {
        Recorder handler = new Recorder();

        link.connect(dir.resolve("missing.sock"), consumer, handler);

        assertThat(handler.closed.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.sock");
        assertThat(handler.connected).isFalse();
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
        LinkChannel channel = link.connect(socket, consumer, handler);
        handler.awaitConnected();
        channel.pause();
        pausedNow.complete(null);

        // While paused, the peer's writes block: the socket buffers fill and nothing is read. A
        // broken pause reads all 4 MiB in a few milliseconds; we watch for a while to see it doesn't.
        observeFor(300);
        assertThat(written).isNotDone();
        assertThat(handler.bytes.get()).isZero();

        channel.resume();
        handler.awaitBytes(total);
        written.get(10, TimeUnit.SECONDS);
        assertThat(handler.bytes.get()).isEqualTo(total);
        channel.close();
        assertThat(handler.closed.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aSlowConsumerBoundsWhatIsReadAhead() throws Exception {
        int total = 8 * 1024 * 1024;
        peer.submit(() -> {
            try (UnixSocketChannel c = server.accept()) {
                Channels.newOutputStream(c).write(new byte[total]);
                c.socket().getInputStream().read();
            }
            return null;
        });
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicLong handedOver = new AtomicLong();
        List<Integer> chunkSizes = Collections.synchronizedList(new ArrayList<>());
        Recorder handler = new Recorder() {
            @Override
            public void onData(byte[] data) {
                gate.join(); // the consumer is stuck
                chunkSizes.add(data.length);
                super.onData(data);
            }
        };
        // Count what the link hands to the (stuck) executor, not what the consumer processed.
        LinkChannel channel = link.connect(socket, task -> {
            handedOver.incrementAndGet();
            consumer.execute(task);
        }, handler);
        handler.awaitConnected();

        // A negative property (nothing more is read): give the selector time to over-read if it would.
        observeFor(500);
        int dataTasks = (int) handedOver.get() - 1; // the first task was onConnected
        gate.complete(null);
        handler.awaitBytes(total);

        // The executor is serial, so the first dataTasks chunks are exactly what was read ahead.
        long readAhead = chunkSizes.subList(0, dataTasks).stream().mapToLong(Integer::longValue).sum();
        assertThat(readAhead).as("read ahead while the consumer is stuck")
                .isGreaterThan(0)
                .isLessThan(LinkChannel.MAX_UNPROCESSED + LinkLoop.READ_CHUNK);
        channel.close();
    }

    /** An observation window for properties of the form "nothing more happens". */
    private static void observeFor(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Records what the link reports. */
    static class Recorder implements LinkHandler {
        final AtomicLong bytes = new AtomicLong();
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        final CompletableFuture<Void> connectedFuture = new CompletableFuture<>();
        volatile boolean connected;

        @Override
        public void onConnected(LinkChannel channel) {
            connected = true;
            connectedFuture.complete(null);
        }

        @Override
        public void onData(byte[] data) {
            synchronized (text) {
                if (text.length() < 64) {
                    text.append(new String(data));
                }
            }
            bytes.addAndGet(data.length);
        }

        @Override
        public void onClosed(Throwable cause) {
            closed.complete(cause);
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }

        void awaitConnected() throws Exception {
            connectedFuture.get(5, TimeUnit.SECONDS);
        }

        void awaitBytes(long n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (bytes.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(bytes.get()).isEqualTo(n);
        }
    }
}
