package io.wsproxy.it.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.JvmMemory;
import io.wsproxy.it.support.ProxyProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backpressure from the engine to the client (PROTOCOL.md section 3): an engine that does not
 * read (a server busy elsewhere) must stop the proxy reading the client's frames, so a client
 * that keeps sending is held back by TCP instead of filling the proxy's memory. The engine here
 * is a TCP server that accepts and never reads; the proxy fronts it over TCP.
 */
class TunnelBackpressureIT {
    private static final int FRAME = 64 * 1024;
    private static final long FLOOD = 300L * 1024 * 1024;
    private static final long MAX_GROWTH = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aClientFloodingAnEngineThatDoesNotReadIsHeldBackAndTheProxysMemoryStaysBounded() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket engine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(engine.accept()); // and never read from it
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            }, "deaf-engine");
            acceptor.setDaemon(true);
            acceptor.start();
            try (ProxyProcess proxy = ProxyProcess.startTcp(dir, engine.getLocalPort(),
                    List.of("-Xmx256m", "-XX:NativeMemoryTracking=summary"))) {
                long heapBefore = JvmMemory.heapUsedAfterGc(proxy.pid());
                long offHeapBefore = JvmMemory.offHeapCommitted(proxy.pid());
                WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create("ws://" + proxy.url().getAuthority() + "/mysql"), new WebSocket.Listener() { })
                        .get(30, TimeUnit.SECONDS);

                // A driver's first packet is its small login (a first frame over 16 KiB is refused, 1009).
                ws.sendBinary(ByteBuffer.allocate(100), true).get(10, TimeUnit.SECONDS);
                long sent = 0;
                boolean heldBack = false;
                ByteBuffer frame = ByteBuffer.allocate(FRAME);
                while (sent < FLOOD && !heldBack) {
                    try {
                        ws.sendBinary(frame.duplicate(), true).get(3, TimeUnit.SECONDS);
                        sent += FRAME;
                    } catch (TimeoutException stalled) {
                        heldBack = true;
                    }
                }
                proxy.awaitIdle(Duration.ofSeconds(60));
                long heapGrowth = JvmMemory.heapUsedAfterGc(proxy.pid()) - heapBefore;
                long offHeapGrowth = JvmMemory.offHeapCommitted(proxy.pid()) - offHeapBefore;
                System.out.printf("TunnelBackpressureIT: the client got %.1f MiB out before it was held back;"
                        + " proxy heap growth %.1f MiB, off-heap growth %.1f MiB%n", sent / 1048576.0,
                        heapGrowth / 1048576.0, offHeapGrowth / 1048576.0);

                assertThat(heldBack).as("the client was held back after %d bytes", sent).isTrue();
                assertThat(heapGrowth).isLessThan(MAX_GROWTH);
                assertThat(offHeapGrowth).isLessThan(MAX_GROWTH);
                ws.abort();
            }
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
