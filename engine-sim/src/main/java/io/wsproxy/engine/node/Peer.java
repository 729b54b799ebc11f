package io.wsproxy.engine.node;

import java.net.Socket;

/**
 * One accepted client connection.
 *
 * @param socket     a TCP socket or a jnr {@code UnixSocket}
 * @param clientHost the host MySQL accounts are matched against: the client IP, {@code localhost}
 *                   on the node's own Unix socket, or the address the proxy reported
 * @param transport  how the client reached the node
 * @param clientTls  whether the client's own connection is TLS: a TLS upgrade on TCP, or the
 *                   proxy's PP2_TYPE_SSL for a {@code wss://} client
 */
public record Peer(Socket socket, String clientHost, Transport transport, boolean clientTls) {
    public enum Transport {
        TCP, UNIX, PROXY
    }

    public Peer withClient(String host, boolean tls) {
        return new Peer(socket, host, transport, tls);
    }
}
