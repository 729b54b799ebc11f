package io.wsproxy.it.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /ws} client (PROTOCOL.md section 1) on Vert.x's WebSocket client: one query at a time.
 * Every message is parsed from its UTF-8 bytes with Jackson's streaming parser and every value of
 * every row is read, as a browser's {@code JSON.parse} would. (The JDK's WebSocket decodes each
 * text frame to UTF-16 first: on 2 shared cores that client cost more CPU than the proxy.)
 */
final class WsClient implements SqlSession {
    private static final JsonFactory JSON = new JsonFactory();
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long QUERY_TIMEOUT_SECONDS = 300;
    private static WebSocketClient client;

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private WebSocket socket;
    private volatile CompletableFuture<Long> pending;
    private volatile boolean closed;
    private volatile String closeReason;
    private volatile long rows;
    private long nextId;

    private WsClient() {
    }

    /**
     * One Vert.x client per load generator; its event loops run every session's callbacks. On
     * Netty's native epoll transport, as the proxy runs, so both ends of the WebSocket use the same
     * transport (runs of B1 with this client on NIO measured within noise of native: README).
     */
    private static synchronized WebSocketClient client() {
        if (client == null) {
            Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
            if (!vertx.isNativeTransportEnabled()) {
                throw new IllegalStateException("native transport unavailable: " + vertx.unavailableNativeTransportCause());
            }
            client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(100_000)
                    .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                    .setMaxFrameSize(16 << 20)
                    .setMaxMessageSize(256 << 20));
        }
        return client;
    }

    /** Connects, authenticates and waits for {@code ready}. */
    static WsClient open(URI uri, String user, String password) throws Exception {
        WsClient c = new WsClient();
        c.pending = new CompletableFuture<>();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath());
        c.socket = client().connect(options).toCompletionStage().toCompletableFuture()
                .get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        c.socket.frameHandler(c::onFrame);
        c.socket.closeHandler(v -> c.fail("closed by the proxy with " + c.socket.closeStatusCode()
                + (c.socket.closeReason() == null ? "" : " " + c.socket.closeReason())));
        c.socket.exceptionHandler(e -> c.fail("websocket error: " + e));
        try {
            c.send("{\"type\":\"auth\",\"user\":" + quote(user) + ",\"password\":" + quote(password) + "}");
            c.pending.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public long query(String sql) throws Exception {
        return queryAsync(sql).get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends one query; the future completes with its row count after the last result. */
    CompletableFuture<Long> queryAsync(String sql) {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        rows = 0;
        pending = reply;
        if (closed) {
            reply.completeExceptionally(new IOException("session closed: " + closeReason));
            return reply;
        }
        send("{\"type\":\"query\",\"id\":" + (++nextId) + ",\"sql\":" + quote(sql) + "}");
        return reply;
    }

    /** {@code ping}, answered by {@code pong}: the session is still there. */
    CompletableFuture<Long> ping() {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        pending = reply;
        if (closed) {
            reply.completeExceptionally(new IOException("session closed: " + closeReason));
            return reply;
        }
        send("{\"type\":\"ping\"}");
        return reply;
    }

    boolean isOpen() {
        return !closed;
    }

    private void send(String text) {
        socket.writeTextMessage(text).onFailure(e -> fail("send failed: " + e));
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    // ---- on the connection's event loop ----

    private void onFrame(WebSocketFrame frame) {
        if (frame.isBinary()) {
            fail("unexpected binary frame");
            return;
        }
        if (!frame.isText() && !frame.isContinuation()) {
            return; // ping, pong, close: Vert.x answers them
        }
        byte[] data = frame.binaryData().getBytes();
        if (frame.isFinal() && partial.size() == 0) {
            message(data);
            return;
        }
        partial.writeBytes(data);
        if (frame.isFinal()) {
            byte[] whole = partial.toByteArray();
            partial.reset();
            message(whole);
        }
    }

    private void message(byte[] utf8) {
        try {
            onMessage(utf8);
        } catch (IOException | RuntimeException e) {
            fail("unreadable message: " + e);
        }
    }

    private void fail(String why) {
        if (!closed) {
            closeReason = why;
        }
        closed = true;
        CompletableFuture<Long> p = pending;
        if (p != null) {
            p.completeExceptionally(new IOException(why));
        }
    }

    private void onMessage(byte[] message) throws IOException {
        String type = null;
        boolean more = false;
        long code = 0;
        String text = null;
        try (JsonParser p = JSON.createParser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object: " + new String(message, java.nio.charset.StandardCharsets.UTF_8));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "type" -> type = p.getText();
                    case "more" -> more = p.getBooleanValue();
                    case "code" -> code = p.getLongValue();
                    case "message" -> text = p.getText();
                    case "rows" -> rows += readRows(p);
                    default -> p.skipChildren();
                }
            }
        }
        if (type == null) {
            throw new IOException("no type: " + new String(message, java.nio.charset.StandardCharsets.UTF_8));
        }
        CompletableFuture<Long> p = pending;
        switch (type) {
            case "ready", "pong" -> p.complete(0L);
            case "end", "ok" -> {
                if (!more) {
                    p.complete(rows);
                }
            }
            case "error" -> p.completeExceptionally(new QueryError(code, text));
            default -> {
                // columns, rows: part of a result still coming
            }
        }
    }

    private static long readRows(JsonParser p) throws IOException {
        long n = 0;
        while (p.nextToken() == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                p.getText();
            }
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !closed) {
            closed = true;
            closeReason = "closed by the client";
            ws.close();
        }
    }

    /** An {@code error} message: the engine's or the proxy's code and text. */
    static final class QueryError extends IOException {
        private static final long serialVersionUID = 1L;
        final long code;

        QueryError(long code, String message) {
            super(code + ": " + message);
            this.code = code;
        }
    }
}
