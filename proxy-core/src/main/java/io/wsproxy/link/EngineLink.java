package io.wsproxy.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's side of the engine's Unix socket: jnr-unixsocket channels in non-blocking mode,
 * spread over a fixed number of selector threads, whatever the number of sessions (DESIGN.md
 * section 6). Each channel hands its bytes to the executor it was opened with.
 */
public final class EngineLink implements AutoCloseable {
    private final List<LinkLoop> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    public EngineLink(int selectorThreads, String name) {
        if (selectorThreads < 1) {
            throw new IllegalArgumentException("selectorThreads " + selectorThreads);
        }
        try {
            for (int i = 0; i < selectorThreads; i++) {
                loops.add(new LinkLoop(name + "-" + i));
            }
        } catch (IOException e) {
            loops.forEach(LinkLoop::close);
            throw new UncheckedIOException("cannot open a selector for the engine link", e);
        }
    }

    /**
     * Connects to the engine's Unix socket. The outcome reaches {@code handler} on {@code executor}:
     * {@link LinkHandler#onConnected} then data, or {@link LinkHandler#onClosed} with the cause.
     */
    public LinkChannel connect(Path socket, Executor executor, LinkHandler handler) {
        LinkLoop loop = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
        LinkChannel channel = new LinkChannel(loop, executor, handler);
        loop.execute(() -> channel.startConnect(socket));
        return channel;
    }

    /** Closed by {@link #close()}, or a selector thread died: no engine connection is served any more. */
    public boolean isClosed() {
        return closed || loops.stream().anyMatch(l -> !l.alive());
    }

    /** Closes every connection (their handlers get {@code onClosed}) and the selector threads. */
    @Override
    public void close() {
        closed = true;
        loops.forEach(LinkLoop::close);
    }
}
