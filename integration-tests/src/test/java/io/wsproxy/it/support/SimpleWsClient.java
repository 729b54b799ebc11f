package io.wsproxy.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /ws} client (PROTOCOL.md section 1) on the JDK's {@link WebSocket}: each text message,
 * reassembled from its partial frames, is parsed and queued. Reading follows the JDK's demand
 * model, one message at a time: after {@link #pauseReading()} no more is requested, so the client
 * stops reading its socket and the server's writes back up, until {@link #resumeReading()}.
 */
public final class SimpleWsClient implements AutoCloseable {
    /** How a session ended: the server's close frame, or a transport error (status -1). */
    public record Closed(int status, String reason, Throwable error) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final Object demandLock = new Object();
    private final Object sendLock = new Object();
    private volatile WebSocket ws;
    private boolean paused;
    private boolean demandOwed;

    private SimpleWsClient() {
    }

    /** Opens a session without waiting for it; the future fails if the upgrade does. */
    public static CompletableFuture<SimpleWsClient> connectAsync(HttpClient http, URI uri) {
        SimpleWsClient client = new SimpleWsClient();
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, client.new Listener())
                .thenApply(ws -> {
                    client.ws = ws;
                    return client;
                });
    }

    public static SimpleWsClient connect(HttpClient http, URI uri) {
        return connectAsync(http, uri).orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** Sends {@code auth} and returns the {@code ready} message; anything else fails. */
    public JsonNode authenticate(String user, String password) {
        sendAuth(user, password);
        JsonNode reply = next(Duration.ofSeconds(30));
        if (!"ready".equals(reply.path("type").asText())) {
            throw new AssertionError("expected ready after auth, got " + reply);
        }
        return reply;
    }

    public void sendAuth(String user, String password) {
        send(JSON.createObjectNode().put("type", "auth").put("user", user).put("password", password));
    }

    public void sendQuery(Object id, String sql) {
        ObjectNode query = JSON.createObjectNode().put("type", "query").put("sql", sql);
        query.set("id", JSON.valueToTree(id));
        send(query);
    }

    /** Sends a query and returns its whole reply (see {@link #awaitReply}). */
    public List<JsonNode> query(Object id, String sql, Duration timeout) {
        sendQuery(id, sql);
        return awaitReply(timeout);
    }

    /**
     * The messages of one query's reply, up to and including the last: an {@code error}, or an
     * {@code ok} or {@code end} with {@code more: false}.
     */
    public List<JsonNode> awaitReply(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> reply = new ArrayList<>();
        while (true) {
            JsonNode message = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            reply.add(message);
            String type = message.path("type").asText();
            if ("error".equals(type) || (("ok".equals(type) || "end".equals(type)) && !message.path("more").asBoolean())) {
                return reply;
            }
        }
    }

    public void send(JsonNode message) {
        sendText(message.toString());
    }

    /** The JDK allows one outstanding send per WebSocket: senders take turns. */
    public void sendText(String text) {
        synchronized (sendLock) {
            ws.sendText(text, true).orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /** The next message, or an {@link AssertionError} naming the timeout (and the close, if any). */
    public JsonNode next(Duration timeout) {
        JsonNode message = poll(timeout);
        if (message == null) {
            throw new AssertionError("no message within " + timeout
                    + (closed.isDone() ? "; session closed: " + closed.join() : ""));
        }
        return message;
    }

    /** The next message, or null after the timeout. */
    public JsonNode poll(Duration timeout) {
        try {
            return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Messages received and not yet taken. */
    public int queued() {
        return received.size();
    }

    /** Stops asking for messages: the JDK stops reading the socket once its demand is spent. */
    public void pauseReading() {
        synchronized (demandLock) {
            paused = true;
        }
    }

    public void resumeReading() {
        boolean request;
        synchronized (demandLock) {
            paused = false;
            request = demandOwed;
            demandOwed = false;
        }
        if (request) {
            ws.request(1);
        }
    }

    public CompletableFuture<Closed> closed() {
        return closed;
    }

    public Closed awaitClose(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Sends a normal close (1000) and waits briefly for the server's; aborts if it does not come. */
    @Override
    public void close() {
        if (ws == null || closed.isDone()) {
            return;
        }
        resumeReading(); // the server's close frame queues behind any unread messages
        try {
            synchronized (sendLock) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(10, TimeUnit.SECONDS).join();
            }
            closed.orTimeout(10, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            // the server is gone or did not answer: drop the connection
        } finally {
            ws.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received.add(JSON.readTree(text));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + text, e);
                }
            }
            boolean request;
            synchronized (demandLock) {
                request = !paused;
                demandOwed = paused;
            }
            if (request) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason, null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, error.toString(), error));
        }
    }
}
