package io.wsproxy.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real RFC 6455 client (the JDK's {@link WebSocket}) speaking PROTOCOL.md section 1: every text
 * message is parsed as one JSON object and queued; {@link #next()} takes them in order or fails
 * after {@link #TIMEOUT}. Demand is one message at a time ({@code request(1)}); {@link #pause()}
 * stops asking, so the server sees a client that does not read.
 */
public final class WsClient implements AutoCloseable {
    /** Generous: it bounds a failing wait; a passing test never waits for it (CI machines are shared). */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    public static final String SUBPROTOCOL = "wsproxy.v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<SSLContext, HttpClient> TLS_CLIENTS = new ConcurrentHashMap<>();
    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    /** The close frame the server sent: its status code and reason. */
    public record Close(int code, String reason) {
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

    /** How to connect; change by copy. */
    public record Options(URI uri, String origin, String subprotocol, SSLContext tls) {

        public Options withOrigin(String value) {
            return new Options(uri, value, subprotocol, tls);
        }

        public Options withSubprotocol(String value) {
            return new Options(uri, origin, value, tls);
        }

        public Options trusting(SSLContext value) {
            return new Options(uri, origin, subprotocol, value);
        }

        public WsClient connect() throws IOException {
            Inbox inbox = new Inbox();
            WebSocket.Builder builder = httpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
            if (origin != null) {
                builder.header("Origin", origin);
            }
            if (subprotocol != null) {
                builder.subprotocols(subprotocol);
            }
            try {
                WebSocket ws = builder.buildAsync(uri, inbox).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return new WsClient(ws, inbox);
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
            if (tls == null) {
                return PLAIN;
            }
            return TLS_CLIENTS.computeIfAbsent(tls, c -> HttpClient.newBuilder().sslContext(c).build());
        }
    }

    private final WebSocket ws;
    private final Inbox inbox;

    private WsClient(WebSocket ws, Inbox inbox) {
        this.ws = ws;
        this.inbox = inbox;
    }

    public static Options to(URI uri) {
        return new Options(uri, null, null, null);
    }

    public static WsClient connect(URI uri) throws IOException {
        return to(uri).connect();
    }

    /** The subprotocol the server selected, {@code ""} if none. */
    public String subprotocol() {
        return ws.getSubprotocol();
    }

    public void send(String json) {
        await(ws.sendText(json, true), "send a text message");
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

    /** Fails if a message is already waiting or arrives within {@code quiet}. */
    public void assertNoMessageWithin(Duration quiet) throws InterruptedException {
        Object m = inbox.messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (m != null) {
            throw new AssertionError("unexpected message from the server: " + m);
        }
    }

    /** The server's close frame, failing the test if none arrives within {@link #TIMEOUT}. */
    public Close awaitClose() {
        try {
            return inbox.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the connection failed instead of closing with a close frame", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not close the session within " + TIMEOUT);
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

    /** Listener callbacks run one at a time (JDK contract), so {@code partial} needs no lock. */
    private static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Close> closed = new CompletableFuture<>();
        final AtomicInteger binaryFrames = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private boolean paused;
        private boolean owed;

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                messages.add(parse(text));
            }
            demand(ws);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last) {
                binaryFrames.incrementAndGet();
            }
            demand(ws);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            demand(ws);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            demand(ws);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            // Returning null lets the JDK echo the close frame, as RFC 6455 section 5.5.1 asks.
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        private static Object parse(String text) {
            try {
                JsonNode node = JSON.readTree(text);
                if (node == null || !node.isObject()) {
                    return new AssertionError("server sent a text message that is not a JSON object: " + text);
                }
                return node;
            } catch (JsonProcessingException e) {
                return new AssertionError("server sent a text message that is not JSON: " + text, e);
            }
        }

        synchronized void demand(WebSocket ws) {
            if (paused) {
                owed = true;
            } else {
                ws.request(1);
            }
        }

        synchronized void pause() {
            paused = true;
        }

        synchronized void resume(WebSocket ws) {
            paused = false;
            if (owed) {
                owed = false;
                ws.request(1);
            }
        }
    }
}
