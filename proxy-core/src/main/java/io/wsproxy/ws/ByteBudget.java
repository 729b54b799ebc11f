package io.wsproxy.ws;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that many sessions draw on at once (PROTOCOL.md section 1: the proxy's budget of queued
 * query bytes, and of large messages being received). A reservation either fits whole or is
 * refused; a refused party may ask to hear when bytes are given back ({@link #whenFreed}).
 * Thread-safe: the sessions of one proxy run on several event loops.
 */
public final class ByteBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    public ByteBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("budget " + limit);
        }
        this.limit = limit;
    }

    /** A budget no test or caller can spend. */
    public static ByteBudget unlimited() {
        return new ByteBudget(Long.MAX_VALUE);
    }

    /** Takes {@code bytes} if they fit under the limit, else takes nothing and returns false. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("reserve " + bytes);
        }
        long now;
        do {
            now = used.get();
            if (bytes > limit - now) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    /** Gives back what {@link #tryReserve} took, and tells those waiting for room. */
    public void release(long bytes) {
        long left = used.addAndGet(-bytes);
        if (left < 0) {
            throw new IllegalStateException("released more than was reserved (" + left + ")");
        }
        if (bytes > 0) {
            wakeAll();
        }
    }

    /**
     * Runs {@code retry} once, after the next release (or at once, if {@code bytes} fit again
     * already: a release may come between a refused {@link #tryReserve} and this call). It runs on
     * the releasing thread: it should hand its work to its own thread and reserve again there.
     */
    public void whenFreed(long bytes, Runnable retry) {
        waiting.add(retry);
        if (bytes <= limit - used.get()) {
            wakeAll();
        }
    }

    private void wakeAll() {
        Runnable next;
        while ((next = waiting.poll()) != null) {
            next.run();
        }
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used.get();
    }

    @Override
    public String toString() {
        return "ByteBudget[" + used.get() + " of " + limit + "]";
    }
}
