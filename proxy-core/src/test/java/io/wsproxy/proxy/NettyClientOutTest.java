package io.wsproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.wsproxy.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ClientOut} on a real Vert.x WebSocket, read by Vert.x's own client. */
class NettyClientOutTest {
    private Vertx vertx;
    private HttpServer server;
    private WebSocketClient client;
    private final CompletableFuture<ClientOut> out = new CompletableFuture<>();
    private volatile Context wsContext;
    private volatile ServerWebSocket serverSide;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().webSocketHandler(ws -> {
            wsContext = Vertx.currentContext();
            serverSide = ws;
            out.complete(ClientOut.of(ws, 1 << 20));
        })
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(2 << 20)
                .setMaxMessageSize(64 << 20));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void messagesWrittenBetweenFlushesArriveWholeAndInOrder() throws Exception {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        WebSocket ws = client.connect(server.actualPort(), "127.0.0.1", "/").await(10, TimeUnit.SECONDS);
        ws.textMessageHandler(received::add);
        ClientOut o = out.get(10, TimeUnit.SECONDS);
        String big = "y".repeat(300_000);

        onLoop(() -> {
            o.message("{\"n\":1}");
            byte[] b = "{\"n\":2,\"é\":\"ü\"}".getBytes(StandardCharsets.UTF_8);
            o.message(b, 0, b.length);
            o.message(big);
            o.message("x".repeat(200));
            o.flush();
        });

        Eventually.await("4 messages", () -> received.size() == 4);
        assertThat(received).containsExactly("{\"n\":1}", "{\"n\":2,\"é\":\"ü\"}", big, "x".repeat(200));
    }

    @Test
    void nothingLeavesBeforeTheFlushAndEverythingLeavesWithIt() throws Exception {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        WebSocket ws = client.connect(server.actualPort(), "127.0.0.1", "/").await(10, TimeUnit.SECONDS);
        ws.textMessageHandler(received::add);
        ClientOut o = out.get(10, TimeUnit.SECONDS);

        // When: the three messages of a small result, not flushed; then a sentinel that Vert.x
        // writes and flushes on the same channel
        onLoop(() -> {
            o.message("{\"type\":\"columns\"}");
            o.message("{\"type\":\"rows\"}");
            o.message("{\"type\":\"end\"}");
            serverSide.writeTextMessage("sentinel");
        });

        // Then: the sentinel arrives alone: had the three messages left (or even reached the
        // channel, whose next flush is the sentinel's), TCP would have brought them first
        Eventually.await("the sentinel", () -> received.contains("sentinel"));
        assertThat(received).containsExactly("sentinel");
        onLoop(o::flush);
        Eventually.await("3 messages after the sentinel", () -> received.size() == 4);
        received.remove(0);
        assertThat(received).containsExactly("{\"type\":\"columns\"}", "{\"type\":\"rows\"}", "{\"type\":\"end\"}");
    }

    @Test
    void aFullQueueCallsBackWhenItDrains() throws Exception {
        AtomicInteger received = new AtomicInteger();
        WebSocket ws = client.connect(server.actualPort(), "127.0.0.1", "/").await(10, TimeUnit.SECONDS);
        ws.pause();
        ws.textMessageHandler(m -> received.incrementAndGet());
        ClientOut o = out.get(10, TimeUnit.SECONDS);
        CompletableFuture<Integer> writable = new CompletableFuture<>();
        AtomicInteger sent = new AtomicInteger();

        onLoop(() -> {
            while (!o.isFull()) {
                o.message("z".repeat(64 * 1024));
                sent.incrementAndGet();
                o.flush();
            }
            o.whenWritable(() -> writable.complete(sent.get()));
        });
        ws.resume();

        assertThat(writable.get(10, TimeUnit.SECONDS)).isPositive();
        Eventually.await("every message sent", () -> received.get() == sent.get());
    }

    private void onLoop(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        wsContext.runOnContext(v -> {
            action.run();
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
    }
}
