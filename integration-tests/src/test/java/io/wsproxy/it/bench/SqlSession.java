package io.wsproxy.it.bench;

import java.net.URI;
import java.nio.file.Path;

/**
 * One client session of a load generator, whatever the transport: Connector/J, the project's
 * wire codec on a Unix socket, or {@code /ws}. Every implementation reads every value of every
 * row, as a real client would, so the sides of a comparison do the same work.
 */
interface SqlSession extends AutoCloseable {

    /** Runs one statement and reads its whole reply; returns the rows read. */
    long query(String sql) throws Exception;

    @Override
    void close();

    /**
     * Opens a session on a target: {@code jdbc:...} (Connector/J; {@code stream} reads row by row
     * with fetch size {@code Integer.MIN_VALUE}), {@code unix:/path} (wire codec) or {@code ws://...}.
     */
    static SqlSession open(String target, String user, String password, boolean stream)
            throws Exception {
        if (target.startsWith("jdbc:")) {
            return JdbcSession.open(target, user, password, stream);
        }
        if (target.startsWith("unix:")) {
            return WireSession.open(Path.of(target.substring("unix:".length())), user, password);
        }
        if (target.startsWith("ws:")) {
            return WsClient.open(URI.create(target), user, password);
        }
        throw new IllegalArgumentException("unknown target " + target);
    }
}
