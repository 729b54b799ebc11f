package io.wsproxy.it.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small client of the proxy's {@code /ws} JSON protocol (PROTOCOL.md section 1) on the JDK's
 * WebSocket: one session, one query at a time. Server frames go to a queue; the close (or the
 * connection's loss) is a frame of its own at the end of that queue, so a reader waiting for a
 * reply learns about it in order.
 */
final class Ws implements AutoCloseable {
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Close code a lost connection reports (RFC 6455 section 7.1.5: never sent on the wire). */
    static final int ABNORMAL = 1006;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the session ended: a close frame's code, or {@link #ABNORMAL} with the error. */
    record Closed(int code, String reason, Throwable error) {
    }

    /** The session cannot go on: refused, closed, or an {@code error} reply. */
    static final class Failure extends IOException {
        private final Closed closed;
        private final JsonNode error;

        Failure(String message, Closed closed, JsonNode error, Throwable cause) {
            super(message, cause);
            this.closed = closed;
            this.error = error;
        }

        /** The close that ended the session, or null. */
        Closed closed() {
            return closed;
        }

        /** The server's {@code error} message, or null. */
        JsonNode error() {
            return error;
        }
    }

    private final WebSocket socket;
    private final BlockingQueue<Object> inbox;
    private final CompletableFuture<Closed> closed;
    private volatile boolean closing;

    private Ws(WebSocket socket, BlockingQueue<Object> inbox, CompletableFuture<Closed> closed) {
        this.socket = socket;
        this.inbox = inbox;
        this.closed = closed;
    }

    /** Opens {@code uri} (the upgrade included); a refused TCP connection or upgrade is a {@link Failure}. */
    static Ws open(HttpClient client, URI uri) throws Failure {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        try {
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(uri, new Listener(inbox, closed))
                    .get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return new Ws(socket, inbox, closed);
        } catch (ExecutionException e) {
            throw new Failure("cannot open " + uri + ": " + e.getCause(), null, null, e.getCause());
        } catch (TimeoutException e) {
            throw new Failure("cannot open " + uri + ": no upgrade within " + CONNECT_TIMEOUT, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted opening " + uri, null, null, e);
        }
    }

    /** Opens {@code uri} and authenticates; returns the session after its {@code ready}. */
    static Ws session(HttpClient client, URI uri, String user, String password) throws Failure {
        Ws ws = open(client, uri);
        try {
            ws.auth(user, password);
            return ws;
        } catch (Failure e) {
            ws.abort();
            throw e;
        }
    }

    /** Sends {@code auth}; returns {@code ready}. */
    JsonNode auth(String user, String password) throws Failure {
        ObjectNode auth = JSON.createObjectNode().put("type", "auth").put("user", user).put("password", password);
        send(auth);
        JsonNode reply = next();
        if (!"ready".equals(reply.path("type").asText())) {
            throw new Failure("auth answered " + reply, null, reply, null);
        }
        return reply;
    }

    /** Runs {@code sql}; returns the rows of all its result sets, or throws with the {@code error} or close. */
    List<JsonNode> query(long id, String sql) throws Failure {
        ObjectNode query = JSON.createObjectNode().put("type", "query").put("id", id).put("sql", sql);
        send(query);
        List<JsonNode> rows = new ArrayList<>();
        while (true) {
            JsonNode m = next();
            String type = m.path("type").asText();
            if (m.path("id").asLong(-1) != id) {
                throw new Failure("reply for another query: " + m, null, m, null);
            }
            switch (type) {
                case "columns" -> { }
                case "rows" -> m.get("rows").forEach(rows::add);
                case "end", "ok" -> {
                    if (!m.path("more").asBoolean()) {
                        return rows;
                    }
                }
                case "error" -> throw new Failure("query " + id + " failed: " + m, null, m, null);
                default -> throw new Failure("unexpected reply to query " + id + ": " + m, null, m, null);
            }
        }
    }

    /** {@code SELECT 1} answered with one row {@code [1]}. */
    void selectOne(long id) throws Failure {
        List<JsonNode> rows = query(id, "SELECT 1");
        if (rows.size() != 1 || rows.get(0).size() != 1 || rows.get(0).get(0).asInt() != 1) {
            throw new Failure("SELECT 1 answered " + rows, null, null, null);
        }
    }

    private void send(JsonNode message) throws Failure {
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new Failure("send failed: " + e.getCause(), closed.getNow(null), null, e.getCause());
        } catch (TimeoutException | IOException e) {
            throw new Failure("send failed: " + e, closed.getNow(null), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", null, null, e);
        }
    }

    private JsonNode next() throws Failure {
        Object m;
        try {
            m = inbox.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", null, null, e);
        }
        if (m == null) {
            throw new Failure("no reply within " + REPLY_TIMEOUT, null, null, null);
        }
        if (m instanceof Closed c) {
            inbox.add(c); // every later read sees the close too
            throw new Failure("session closed: " + c.code() + " " + c.reason()
                    + (c.error() == null ? "" : " (" + c.error() + ")"), c, null, c.error());
        }
        return (JsonNode) m;
    }

    /** Waits for the server to end the session; null when it is still open after {@code timeout}. */
    Closed awaitClose(Duration timeout) throws InterruptedException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The close, if the session has ended. */
    Closed closedNow() {
        return closed.getNow(null);
    }

    /** Whether {@link #close} was called: a close after that is expected. */
    boolean closing() {
        return closing;
    }

    void abort() {
        closing = true;
        socket.abort();
    }

    /** A normal close (1000), waiting a little for the server's close frame. */
    @Override
    public void close() {
        closing = true;
        if (closed.isDone()) {
            return;
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the server did not answer the close: nothing more to wait for
        } finally {
            socket.abort();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Object> inbox;
        private final CompletableFuture<Closed> closed;
        private final StringBuilder text = new StringBuilder();

        Listener(BlockingQueue<Object> inbox, CompletableFuture<Closed> closed) {
            this.inbox = inbox;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(text.toString()));
                } catch (IOException e) {
                    inbox.add(JSON.createObjectNode().put("type", "unparseable").put("text", text.toString()));
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            inbox.add(JSON.createObjectNode().put("type", "binary frame"));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            end(new Closed(statusCode, reason, null));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end(new Closed(ABNORMAL, "", error));
        }

        private void end(Closed c) {
            if (closed.complete(c)) {
                inbox.add(c);
            }
        }
    }
}
