package io.wsproxy.proxy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;

/** {@link ClientOut} through Vert.x's public API: a String and a flush per message. */
final class VertxClientOut implements ClientOut {
    private final ServerWebSocket ws;
    private boolean discarded;

    VertxClientOut(ServerWebSocket ws) {
        this.ws = ws;
    }

    @Override
    public void message(byte[] utf8, int offset, int length) {
        if (!discarded) {
            ws.writeTextMessage(new String(utf8, offset, length, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void flush() {
        // every message went out on its own
    }

    @Override
    public boolean isFull() {
        return ws.writeQueueFull();
    }

    @Override
    public void whenWritable(Runnable action) {
        Context context = Vertx.currentContext();
        ws.drainHandler(v -> {
            ws.drainHandler(null);
            context.runOnContext(later -> action.run()); // as NettyClientOut: never inside a flush
        });
    }

    @Override
    public void discard() {
        discarded = true;
        ws.drainHandler(null);
    }
}
