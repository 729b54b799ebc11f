package io.wsproxy.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.RawWs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection storm on the standalone proxy: 1,000 WebSocket connections a second, half of them
 * upgraded and closed properly, half abandoned in the middle of their handshake (half a request,
 * then gone). Afterwards the proxy's file descriptors and threads are back to where they were.
 * CI runs 5 seconds of it; the 30 seconds: {@code -Dstorm.seconds=30}.
 */
class ConnectionStormIT {
    private static final int PER_SECOND = 1_000;
    private static final int SECONDS = Integer.getInteger("storm.seconds", 5);
    private static final int WORKERS = 16;
    /** Descriptors and threads a JVM may open or start on its own meanwhile (JIT compilers, jar files). */
    private static final int SLACK = 3;

    @TempDir
    Path dir;

    @Test
    void aStormOfConnectionsHalfAbandonedMidHandshakeLeavesDescriptorsAndThreadsAsTheyWere() throws Exception {
        try (EngineNode node = EngineNode.start(dir.resolve("node"), "pw");
                ProxyProcess proxy = ProxyProcess.start(dir.resolve("proxy"), node.socket(), List.of("-Xmx256m"))) {
            URI ws = proxy.wsUri();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            // Warm up: every event loop has served a connection, every class is loaded
            for (int i = 0; i < 200; i++) {
                connection(ws, i % 2 == 0);
            }
            int fdsBefore = descriptors(proxy.pid());
            int threadsBefore = proxy.threadCount();

            // When
            int total = PER_SECOND * SECONDS;
            LongAdder upgraded = new LongAdder();
            LongAdder abandoned = new LongAdder();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean storming = new AtomicBoolean(true);
            AtomicInteger peakFds = new AtomicInteger(fdsBefore);
            AtomicInteger peakThreads = new AtomicInteger(threadsBefore);
            Thread sampler = new Thread(() -> {
                while (storming.get()) {
                    peakFds.accumulateAndGet(descriptors(proxy.pid()), Math::max);
                    peakThreads.accumulateAndGet(proxy.threadCount(), Math::max);
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
            });
            sampler.start();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean full = i % 2 == 0;
                pool.submit(() -> {
                    try {
                        connection(ws, full);
                        (full ? upgraded : abandoned).increment();
                    } catch (IOException | RuntimeException e) {
                        failures.add(e.toString());
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
            long stormMs = (System.nanoTime() - start) / 1_000_000;
            storming.set(false);
            sampler.join();

            // Then: back to their level
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int fds = descriptors(proxy.pid());
            int threads = proxy.threadCount();
            while (fds > fdsBefore + SLACK || threads > threadsBefore + SLACK) {
                assertThat(System.nanoTime()).as("descriptors %d (before %d), threads %d (before %d)", fds, fdsBefore,
                        threads, threadsBefore).isLessThan(deadline);
                Thread.sleep(100);
                fds = descriptors(proxy.pid());
                threads = proxy.threadCount();
            }
            System.out.printf("storm: %,d connections in %,d ms (%,d/s): %,d upgraded and closed, %,d abandoned"
                    + " mid-handshake, %d failed; proxy descriptors %d before, peak %d, %d after; threads %d before,"
                    + " peak %d, %d after%n", total, stormMs, total * 1000L / Math.max(1, stormMs), upgraded.sum(),
                    abandoned.sum(), failures.size(), fdsBefore, peakFds.get(), fds, threadsBefore, peakThreads.get(),
                    threads);
            assertThat(failures).as("refused or failed connections").isEmpty();
            assertThat(upgraded.sum() + abandoned.sum()).isEqualTo(total);
            assertThat(proxy.isAlive()).isTrue();
        }
    }

    /** One connection: a whole upgrade then a close frame, or half an upgrade request and gone. */
    private static void connection(URI ws, boolean full) throws IOException {
        String request = "GET /ws HTTP/1.1\r\nHost: " + ws.getAuthority() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 30_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            if (!full) {
                out.write(request.substring(0, request.length() / 2).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade answered " + head.lines().findFirst().orElse(""));
            }
            out.write(RawWs.frame(RawWs.CLOSE, true, new byte[] {0x03, (byte) 0xe8}));
            out.flush();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            head.append((char) c);
        }
        return head.toString();
    }

    private static int descriptors(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
