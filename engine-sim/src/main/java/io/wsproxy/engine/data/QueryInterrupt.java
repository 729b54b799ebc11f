package io.wsproxy.engine.data;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The KILL QUERY signal of one data session, for the waits H2 cannot cancel itself: MySQL's
 * {@code SLEEP(seconds)}, installed in H2 as a function alias ({@link DataPlane}). H2 cancels its
 * own row loops through {@code Statement.cancel()}, but a Java function it calls is opaque to it,
 * so {@code SLEEP} waits on this monitor, which KILL QUERY and KILL CONNECTION notify.
 *
 * <p>H2 evaluates a statement's functions on the thread that executes the statement, so the
 * function finds its session's signal through {@link #CURRENT}, set while the statement runs.
 */
public final class QueryInterrupt {
    /** H2's STATEMENT_WAS_CANCELED: {@link DataErrors} turns it into MySQL's 1317 (70100). */
    static final int H2_STATEMENT_CANCELED = 57014;

    private static final ThreadLocal<QueryInterrupt> CURRENT = new ThreadLocal<>();

    private boolean requested;

    /** A new statement starts: a KILL QUERY sent before it does not apply to it. */
    synchronized void reset() {
        requested = false;
    }

    /** KILL QUERY: wakes a sleeping statement, which ends with 1317. */
    synchronized void request() {
        requested = true;
        notifyAll();
    }

    /** Runs {@code statement} with this signal visible to the functions it calls. */
    <T> T during(SqlCall<T> statement) throws SQLException {
        QueryInterrupt outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return statement.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    synchronized void sleep(long nanos) throws SQLException {
        long deadline = System.nanoTime() + nanos;
        try {
            for (long left = nanos; !requested && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requested = true;
        }
        if (requested) {
            throw new SQLException("Query execution was interrupted", "57014", H2_STATEMENT_CANCELED);
        }
    }

    /**
     * {@code SLEEP(seconds)} as MySQL has it: waits, fractions of a second included, and returns 0;
     * NULL, zero and negative durations return 0 at once (as MariaDB does). Public and static
     * because H2 calls it by name ({@code CREATE ALIAS ... FOR}).
     */
    public static long sleep(BigDecimal seconds) throws SQLException {
        if (seconds == null || seconds.signum() <= 0) {
            return 0;
        }
        BigDecimal nanos = seconds.movePointRight(9);
        long wait = nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : nanos.longValue();
        QueryInterrupt interrupt = CURRENT.get();
        if (interrupt == null) {
            // Only statements a DataSession runs reach H2: this is a bug, not a client error.
            throw new IllegalStateException("SLEEP called outside a data session statement");
        }
        interrupt.sleep(wait);
        return 0;
    }

    /** A JDBC call that the signal brackets. */
    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }
}
