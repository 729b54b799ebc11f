package io.wsproxy.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * The tests' WebSocket client: a real RFC 6455 client (the JDK's {@link WebSocket}) speaking
 * PROTOCOL.md section 1: every text message is parsed as one JSON object and queued; {@link #next()}
 * takes them in order or fails after {@link #TIMEOUT}. Demand is one message at a time
 * ({@code request(1)}); {@link #pause()} stops asking, so the server sees a client that does not
 * read. Sends are serialized (the JDK allows one outstanding send), so threads may share a client.
 */
public final class WsClient implements AutoCloseable {
    /** Generous: it bounds a failing wait; a passing test never waits for it (CI machines are shared). */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    public static final String SUBPROTOCOL = "wsproxy.v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<SSLContext, HttpClient> TLS_CLIENTS = new ConcurrentHashMap<>();
    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    /** Close code a lost connection reports (RFC 6455 section 7.1.5: never sent on the wire). */
    public static final int ABNORMAL = 1006;

    /** The close frame the server sent: its status code and reason ({@link #ABNORMAL} for a lost connection). */
    public record Close(int code, String reason) {
    }

    /** The session cannot go on: refused, closed, or an {@code error} reply (the checked style of {@link #session}). */
    public static final class Failure extends IOException {
        private final Close closed;
        private final JsonNode error;

        Failure(String message, Close closed, JsonNode error, Throwable cause) {
            super(message, cause);
            this.closed = closed;
            this.error = error;
        }

        /** The close that ended the session, or null. */
        public Close closed() {
            return closed;
        }

        /** The server's {@code error} message, or null. */
        public JsonNode error() {
            return error;
        }
    }

    /** The server answered the upgrade request with something other than 101. */
    public static final class UpgradeRefusedException extends IOException {
        private final int status;

        UpgradeRefusedException(int status, Throwable cause) {
            super("upgrade refused with HTTP " + status, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** How to connect; change by copy. {@code http} null: a shared client (trusting {@code tls}, if set). */
    public record Options(URI uri, String origin, String subprotocol, SSLContext tls, HttpClient http) {

        public Options withOrigin(String value) {
            return new Options(uri, value, subprotocol, tls, http);
        }

        public Options withSubprotocol(String value) {
            return new Options(uri, origin, value, tls, http);
        }

        public Options trusting(SSLContext value) {
            return new Options(uri, origin, subprotocol, value, http);
        }

        /** Through this HTTP client (its TLS trust, its executor). */
        public Options via(HttpClient value) {
            return new Options(uri, origin, subprotocol, tls, value);
        }

        public WsClient connect() throws IOException {
            try {
                return connectAsync().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WebSocketHandshakeException refused) {
                    throw new UpgradeRefusedException(refused.getResponse().statusCode(), refused);
                }
                throw new IOException("cannot connect to " + uri, e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("no upgrade from " + uri + " within " + TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        /** Opens the session without waiting for it; the future fails if the upgrade does. */
        public CompletableFuture<WsClient> connectAsync() {
            WsInbox inbox = new WsInbox();
            WebSocket.Builder builder = httpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
            if (origin != null) {
                builder.header("Origin", origin);
            }
            if (subprotocol != null) {
                builder.subprotocols(subprotocol);
            }
            return builder.buildAsync(uri, inbox).thenApply(ws -> new WsClient(ws, inbox));
        }

        /** 101 when the upgrade succeeds (the session is closed again at once), else the refusal's status. */
        public int upgradeStatus() throws IOException {
            try {
                connect().close();
                return 101;
            } catch (UpgradeRefusedException e) {
                return e.status();
            }
        }

        private HttpClient httpClient() {
            if (http != null) {
                return http;
            }
            if (tls == null) {
                return PLAIN;
            }
            return TLS_CLIENTS.computeIfAbsent(tls, c -> HttpClient.newBuilder().sslContext(c).build());
        }
    }

    private final WebSocket ws;
    private final WsInbox inbox;
    private final Object sendLock = new Object();
    private volatile boolean closing;

    private WsClient(WebSocket ws, WsInbox inbox) {
        this.ws = ws;
        this.inbox = inbox;
    }

    public static Options to(URI uri) {
        return new Options(uri, null, null, null, null);
    }

    public static WsClient connect(URI uri) throws IOException {
        return to(uri).connect();
    }

    /** Connects through {@code http}; an upgrade that fails is an {@link java.io.UncheckedIOException}. */
    public static WsClient connect(HttpClient http, URI uri) {
        try {
            return to(uri).via(http).connect();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static CompletableFuture<WsClient> connectAsync(HttpClient http, URI uri) {
        return to(uri).via(http).connectAsync();
    }

    // ---- the checked style: every way a session cannot go on is a Failure ----

    /** Opens {@code uri} (the upgrade included); a refused TCP connection or upgrade is a {@link Failure}. */
    public static WsClient open(HttpClient http, URI uri) throws Failure {
        try {
            return to(uri).via(http).connect();
        } catch (IOException e) {
            throw new Failure("cannot open " + uri + ": " + e.getMessage(), null, null, e);
        }
    }

    /** Opens {@code uri} and authenticates; returns the session after its {@code ready}. */
    public static WsClient session(HttpClient http, URI uri, String user, String password) throws Failure {
        WsClient ws = open(http, uri);
        try {
            ws.auth(user, password);
            return ws;
        } catch (Failure e) {
            ws.abort();
            throw e;
        }
    }

    /** Sends {@code auth}; returns {@code ready}, or throws with the error or the close. */
    public JsonNode auth(String user, String password) throws Failure {
        sendChecked(JSON.createObjectNode().put("type", "auth").put("user", user).put("password", password).toString());
        JsonNode reply = nextChecked();
        if (!"ready".equals(reply.path("type").asText())) {
            throw new Failure("auth answered " + reply, null, reply, null);
        }
        return reply;
    }

    /** Runs {@code sql}; returns the rows of all its result sets, or throws with the {@code error} or close. */
    public List<JsonNode> rows(long id, String sql) throws Failure {
        sendChecked(JSON.createObjectNode().put("type", "query").put("id", id).put("sql", sql).toString());
        List<JsonNode> rows = new java.util.ArrayList<>();
        while (true) {
            JsonNode m = nextChecked();
            if (m.path("id").asLong(-1) != id) {
                throw new Failure("reply for another query: " + m, null, m, null);
            }
            switch (m.path("type").asText()) {
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
    public void selectOne(long id) throws Failure {
        List<JsonNode> rows = rows(id, "SELECT 1");
        if (rows.size() != 1 || rows.get(0).size() != 1 || rows.get(0).get(0).asInt() != 1) {
            throw new Failure("SELECT 1 answered " + rows, null, null, null);
        }
    }

    private void sendChecked(String text) throws Failure {
        synchronized (sendLock) {
            try {
                ws.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new Failure("send failed: " + e.getCause(), closedNow(), null, e.getCause());
            } catch (TimeoutException e) {
                throw new Failure("send failed: " + e, closedNow(), null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted", null, null, e);
            }
        }
    }

    /** The next message; the session's end (after every message before it) is a {@link Failure}. */
    private JsonNode nextChecked() throws Failure {
        try {
            return next();
        } catch (AssertionError e) {
            Close c = closedNow();
            throw new Failure(c == null ? e.getMessage() : "session closed: " + c.code() + " " + c.reason(), c, null, e);
        }
    }

    /** How the session ended, or null while it is open: a close frame, or {@link #ABNORMAL} for a lost connection. */
    public Close closedNow() {
        if (!inbox.closed.isDone()) {
            return null;
        }
        try {
            return inbox.closed.getNow(null);
        } catch (RuntimeException e) {
            return new Close(ABNORMAL, String.valueOf(e.getCause()));
        }
    }

    /** Waits for the session to end (see {@link #closedNow}); null when it is still open after {@code timeout}. */
    public Close awaitEnd(Duration timeout) throws InterruptedException {
        try {
            inbox.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            // a lost connection: closedNow() says so
        }
        return closedNow();
    }

    /** Whether this client ended the session ({@link #close} or {@link #abort}): a close after that is expected. */
    public boolean closing() {
        return closing;
    }

    /** Drops the connection without a closing handshake. */
    public void abort() {
        closing = true;
        ws.abort();
    }

    // ---- PROTOCOL.md section 1, for tests that speak it in a line ----

    /** Sends {@code auth} and returns the {@code ready} message; anything else fails. */
    public JsonNode authenticate(String user, String password) {
        sendAuth(user, password);
        JsonNode reply = next();
        if (!"ready".equals(reply.path("type").asText())) {
            throw new AssertionError("expected ready after auth, got " + reply);
        }
        return reply;
    }

    public void sendAuth(String user, String password) {
        send(JSON.createObjectNode().put("type", "auth").put("user", user).put("password", password));
    }

    public void sendQuery(Object id, String sql) {
        com.fasterxml.jackson.databind.node.ObjectNode query = JSON.createObjectNode().put("type", "query")
                .put("sql", sql);
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
        List<JsonNode> reply = new java.util.ArrayList<>();
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
        send(message.toString());
    }

    /** The subprotocol the server selected, {@code ""} if none. */
    public String subprotocol() {
        return ws.getSubprotocol();
    }

    public void send(String json) {
        synchronized (sendLock) {
            await(ws.sendText(json, true), "send a text message");
        }
    }

    /** Sends without failing when the server has already closed or reset the connection. */
    public void sendIgnoringFailure(String text) {
        try {
            ws.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the server may close while the message is still being written
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One text message sent as several frames (continuations, the last with FIN). Like
     * {@link #sendIgnoringFailure}, it stops quietly when the server closes part-way.
     */
    public void sendFragmented(List<String> parts) {
        for (int i = 0; i < parts.size(); i++) {
            try {
                ws.sendText(parts.get(i), i == parts.size() - 1).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public void sendBinary(byte[] data) {
        await(ws.sendBinary(ByteBuffer.wrap(data), true), "send a binary message");
    }

    /** Starts the closing handshake from the client side. */
    public void sendClose(int code, String reason) {
        await(ws.sendClose(code, reason), "send a close frame");
    }

    /** The next JSON message, failing the test if none arrives within {@link #TIMEOUT}. */
    public JsonNode next() {
        return next(TIMEOUT);
    }

    public JsonNode next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Object m = inbox.messages.poll(50, TimeUnit.MILLISECONDS);
                if (m instanceof JsonNode json) {
                    return json;
                }
                if (m instanceof AssertionError bad) {
                    throw bad;
                }
                if (inbox.closed.isDone() && inbox.messages.isEmpty()) {
                    throw new AssertionError("the session ended before a message arrived: " + describeEnd());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no message from the server within " + timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, or null when none arrives within {@code timeout}. */
    public JsonNode poll(Duration timeout) {
        try {
            Object m = inbox.messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (m instanceof AssertionError bad) {
                throw bad;
            }
            return (JsonNode) m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Messages received and not yet taken. */
    public int queued() {
        return inbox.messages.size();
    }

    /** Fails if a message is already waiting or arrives within {@code quiet}. */
    public void assertNoMessageWithin(Duration quiet) throws InterruptedException {
        Object m = inbox.messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (m != null) {
            throw new AssertionError("unexpected message from the server: " + m);
        }
    }

    /** The server's close frame, failing the test if none arrives within {@link #TIMEOUT}. */
    public Close awaitClose() {
        return awaitClose(TIMEOUT);
    }

    /** The server's close frame, failing the test if none arrives within {@code timeout}. */
    public Close awaitClose(Duration timeout) {
        try {
            return inbox.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the connection failed instead of closing with a close frame", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not close the session within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean isClosed() {
        return inbox.closed.isDone();
    }

    /** Binary frames received (PROTOCOL.md: the server sends text only). */
    public int binaryFramesReceived() {
        return inbox.binaryFrames.get();
    }

    /** Stops requesting messages: the client no longer reads, and TCP backpressure builds up. */
    public void pause() {
        inbox.pause();
    }

    public void resume() {
        inbox.resume(ws);
    }

    @Override
    public void close() {
        closing = true;
        resume(); // the server's close frame queues behind any unread messages
        if (!inbox.closed.isDone() && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
            try {
                inbox.closed.get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the server did not answer the close: drop the connection below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ws.abort();
    }

    private String describeEnd() {
        try {
            return String.valueOf(inbox.closed.getNow(null));
        } catch (RuntimeException e) {
            return "connection failed: " + e.getCause();
        }
    }

    private static void await(CompletableFuture<WebSocket> sent, String what) {
        try {
            sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("could not " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("could not " + what + " within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
