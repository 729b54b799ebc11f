package io.wsproxy.engine.cluster;

import io.wsproxy.control.SqlException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** {@link Peers} over the MySQL protocol: a connection per statement, as cluster changes are rare. */
public final class WirePeers implements Peers {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PING_TIMEOUT_MILLIS = 1000;

    @Override
    public void run(NodeAddress address, String user, String password, String sql) throws IOException {
        MySqlClient client;
        try {
            client = MySqlClient.connect(address, user, password, TIMEOUT);
        } catch (SqlException refused) {
            throw new IOException(refused.toString());
        }
        try (client) {
            client.query(sql);
        }
    }

    @Override
    public double ping(NodeAddress address) {
        long started = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.host(), address.port()), PING_TIMEOUT_MILLIS);
            return (System.nanoTime() - started) / 1e6;
        } catch (IOException e) {
            return -1;
        }
    }
}
