package io.wsproxy.engine.node;

import java.net.Socket;

/**
 * One accepted client connection before any MySQL byte is read.
 *
 * @param socket     a TCP socket or a jnr {@code UnixSocket}
 * @param clientHost the host MySQL accounts are matched against: the client IP, or
 *                   {@code localhost} on a Unix socket
 * @param transport  how the client reached the node
 */
public record Peer(Socket socket, String clientHost, Transport transport) {
    public enum Transport {
        TCP, UNIX
    }
}
