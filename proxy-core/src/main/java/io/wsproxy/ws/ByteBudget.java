package io.wsproxy.ws;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that many sessions draw on at once (PROTOCOL.md section 1: the proxy's budget of queued
 * query bytes). A reservation either fits whole or is refused; nothing waits. Thread-safe: the
 * sessions of one proxy run on several event loops.
 */
public final class ByteBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

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

    /** Gives back what {@link #tryReserve} took. */
    public void release(long bytes) {
        long left = used.addAndGet(-bytes);
        if (left < 0) {
            throw new IllegalStateException("released more than was reserved (" + left + ")");
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
