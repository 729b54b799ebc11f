package io.wsproxy.engine.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.slf4j.Logger;

/** The node's MySQL port. */
final class TcpListener extends Listener {
    private final ServerSocket server;

    TcpListener(String bindAddress, int port, Logger log) throws IOException {
        super("tcp-accept-" + port, log);
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 128);
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    Peer accept() throws IOException {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        return new Peer(socket, Peer.host(socket.getInetAddress()), Peer.Transport.TCP, false);
    }

    @Override
    void closeSocket() throws IOException {
        server.close();
    }

    @Override
    String describe() {
        return "TCP " + server.getLocalSocketAddress();
    }
}
