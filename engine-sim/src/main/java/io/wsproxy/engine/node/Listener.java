package io.wsproxy.engine.node;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Accepts connections on one bound server socket, on its own thread, and hands each to the
 * connection executor. Closing it stops accepting; sessions already accepted are not touched.
 */
abstract class Listener implements AutoCloseable {
    private final Thread thread;
    private final Logger log;
    private volatile boolean closed;

    Listener(String name, Logger log) {
        this.log = log;
        this.thread = new Thread(this::acceptLoop, name);
        this.thread.setDaemon(true);
    }

    private ExecutorService executor;
    private Consumer<Peer> handler;

    final void start(ExecutorService executor, Consumer<Peer> handler) {
        this.executor = executor;
        this.handler = handler;
        thread.start();
    }

    /** Blocks until a client connects; null when the connection was refused; throws once closed. */
    abstract Peer accept() throws IOException;

    abstract void closeSocket() throws IOException;

    abstract String describe();

    private void acceptLoop() {
        while (!closed) {
            try {
                Peer peer = accept();
                if (peer != null) {
                    executor.execute(() -> handler.accept(peer));
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    log.error("accept failed on {}: {}", describe(), e.toString());
                }
            }
        }
    }

    @Override
    public final void close() {
        closed = true;
        try {
            closeSocket();
        } catch (IOException e) {
            log.warn("closing {}: {}", describe(), e.toString());
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
