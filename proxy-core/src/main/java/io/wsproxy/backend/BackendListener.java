package io.wsproxy.backend;

import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.ws.ResultColumn;
import java.util.List;

/**
 * Events of one {@link BackendConnection}, delivered on its event loop in protocol order. A query's
 * replies are results ({@link #onColumns}, {@link #onRow}*, {@link #onResultEnd}) or
 * {@link #onOk}, each with {@code more} true except the last; or an {@link #onQueryError} that
 * ends the query. The query events default to ignoring what a listener does not need.
 */
public interface BackendListener {

    /** Logged in: {@link BackendConnection#connectionId()} and queries are available. */
    void onAuthenticated(BackendConnection connection);

    /** The engine refused the login (its ERR), or the connection failed before it (code 2013/2002 style). */
    void onAuthFailed(ErrPacket error);

    default void onColumns(List<ResultColumn> columns) {
    }

    /**
     * One text-protocol row: the packet's payload as received, at {@code payload[offset, offset +
     * length)}. Borrowed: the array is reused once the call returns.
     */
    default void onRow(byte[] payload, int offset, int length) {
    }

    default void onResultEnd(int statusFlags, boolean more) {
    }

    default void onOk(OkPacket ok, boolean more) {
    }

    default void onQueryError(ErrPacket error) {
    }

    /** The engine socket has nothing more to read for now: a moment to flush what was relayed. */
    default void onReadComplete() {
    }

    /** The connection is gone (closed by us, by the engine, or on an I/O or protocol error). */
    void onClosed(Throwable cause);
}
