package io.wsproxy.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw client of the {@code /mysql} tunnel on the JDK's WebSocket: the engine's bytes as the
 * binary messages come, and the close code.
 */
public final class TunnelListener implements WebSocket.Listener {
    public final LinkedBlockingQueue<ByteBuffer> binary = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        binary.add(ByteBuffer.allocate(data.remaining()).put(data).flip());
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** The next binary message from the engine, within 30 s. */
    public ByteBuffer next() throws InterruptedException {
        ByteBuffer b = binary.poll(30, TimeUnit.SECONDS);
        assertThat(b).as("a binary frame from the engine").isNotNull();
        return b;
    }
}
