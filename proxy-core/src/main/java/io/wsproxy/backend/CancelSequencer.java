package io.wsproxy.backend;

import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.OkPacket;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * KILL QUERY of a session's engine connection ({@code cancel} on {@code /ws}; a Data API request
 * whose client hung up), sent on a short-lived second connection with the session's own
 * credentials (the proxy holds none). KILL QUERY names a connection, not a statement: if the
 * query ends before the kill lands, the next query would die instead, so the next query is held
 * back until the kill's connection is done. Confined to the session's event loop.
 */
public final class CancelSequencer {
    private final Function<BackendListener, BackendConnection> opener;
    private final Runnable release;
    private final Consumer<String> warn;
    private boolean inProgress;
    private boolean holding;

    /**
     * @param opener  opens a second engine connection for the given listener
     * @param release starts what was held back, once the kill is done
     * @param warn    logs a failed kill
     */
    public CancelSequencer(Function<BackendListener, BackendConnection> opener, Runnable release, Consumer<String> warn) {
        this.opener = opener;
        this.release = release;
        this.warn = warn;
    }

    /** Kills the query now running on connection {@code target}; a second cancel meanwhile is a no-op. */
    public void kill(long target) {
        if (inProgress) {
            return;
        }
        inProgress = true;
        opener.apply(new KillListener(target));
    }

    /**
     * The running query finished: whether the next one must wait for the kill (then
     * {@code release} runs once it is done).
     */
    public boolean holdNext() {
        if (inProgress) {
            holding = true;
        }
        return inProgress;
    }

    private void done() {
        inProgress = false;
        if (holding) {
            holding = false;
            release.run();
        }
    }

    private final class KillListener implements BackendListener {
        private final long target;
        private BackendConnection connection;

        KillListener(long target) {
            this.target = target;
        }

        @Override
        public void onAuthenticated(BackendConnection opened) {
            connection = opened;
            opened.query("KILL QUERY " + target);
        }

        @Override
        public void onAuthFailed(ErrPacket error) {
            warn.accept("cannot open a second engine connection: " + error.message());
        }

        @Override
        public void onOk(OkPacket ok, boolean more) {
            connection.close();
        }

        @Override
        public void onQueryError(ErrPacket error) {
            // KILL QUERY of a query that just finished: nothing left to kill
            connection.close();
        }

        @Override
        public void onClosed(Throwable cause) {
            done();
        }
    }
}
