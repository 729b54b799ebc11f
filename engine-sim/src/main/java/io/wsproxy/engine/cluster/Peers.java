package io.wsproxy.engine.cluster;

import java.io.IOException;

/** How one node reaches the others: the boundary a unit test replaces. */
public interface Peers {
    /**
     * Runs one statement on the node at {@code address} as {@code user}.
     *
     * @throws IOException when the node cannot be reached or refuses the login
     * @throws io.wsproxy.control.SqlException when the node answers the statement with an error
     */
    void run(NodeAddress address, String user, String password, String sql) throws IOException;

    /** Milliseconds to open a TCP connection to the node, or a negative number when nothing answers. */
    double ping(NodeAddress address);
}
