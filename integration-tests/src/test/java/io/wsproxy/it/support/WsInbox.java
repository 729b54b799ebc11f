package io.wsproxy.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@link WsClient} receives: each text message parsed as one JSON object (or an
 * AssertionError saying why it is not one), in order, then the close. Demand is one message at a
 * time; paused, it asks for nothing more, so the server sees a client that does not read.
 */
/** Listener callbacks run one at a time (JDK contract), so {@code partial} needs no lock. */
final class WsInbox implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<WsClient.Close> closed = new CompletableFuture<>();
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
        closed.complete(new WsClient.Close(statusCode, reason));
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
