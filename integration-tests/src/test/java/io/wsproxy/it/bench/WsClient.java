package io.wsproxy.it.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /ws} client (PROTOCOL.md section 1) on the JDK's WebSocket: one query at a time.
 * Every message is parsed with Jackson's streaming parser and every value of every row is read,
 * as a browser's {@code JSON.parse} would.
 */
final class WsClient implements SqlSession, WebSocket.Listener {
    private static final JsonFactory JSON = new JsonFactory();
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long QUERY_TIMEOUT_SECONDS = 300;

    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile CompletableFuture<Long> pending;
    private volatile boolean closed;
    private volatile String closeReason;
    private volatile long rows;
    private long nextId;

    private WsClient() {
    }

    /**
     * An HttpClient whose WebSocket callbacks run on its selector thread: replies are parsed where
     * they are read, with no hand-off to another thread (nothing in the listener blocks).
     */
    static HttpClient httpClient() {
        return HttpClient.newBuilder().executor(Runnable::run).build();
    }

    /** Connects, authenticates and waits for {@code ready}. */
    static WsClient open(HttpClient http, URI uri, String user, String password) throws Exception {
        WsClient client = new WsClient();
        client.pending = new CompletableFuture<>();
        client.socket = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(uri, client)
                .get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        try {
            client.send("{\"type\":\"auth\",\"user\":" + quote(user) + ",\"password\":" + quote(password) + "}");
            client.pending.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        return client;
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
        socket.sendText(text, true).whenComplete((ws, e) -> {
            if (e != null) {
                fail("send failed: " + e);
            }
        });
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    // ---- WebSocket.Listener, on the HttpClient's threads ----

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            try {
                onMessage(message);
            } catch (IOException | RuntimeException e) {
                fail("unreadable message: " + e);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        fail("unexpected binary frame");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        fail("closed by the proxy with " + statusCode + (reason.isEmpty() ? "" : " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail("websocket error: " + error);
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

    private void onMessage(String message) throws IOException {
        String type = null;
        boolean more = false;
        long code = 0;
        String text = null;
        try (JsonParser p = JSON.createParser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object: " + message);
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
            throw new IOException("no type: " + message);
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
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
    }

    /** Drops the connection without a close handshake (many sessions at the end of a run). */
    void abort() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
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
