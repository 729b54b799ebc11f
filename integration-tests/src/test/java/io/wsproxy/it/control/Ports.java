package io.wsproxy.it.control;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports, and whether something listens on one. */
public final class Ports {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Ports() {
    }

    public static int free() throws IOException {
        return free(1)[0];
    }

    /** {@code n} distinct ports, each free when returned (all held at once while picking). */
    public static int[] free(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 50, LOOPBACK);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /** A socket that keeps {@code port} busy on 127.0.0.1 until closed. */
    public static ServerSocket hold(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(LOOPBACK, port));
        return s;
    }

    /**
     * A TCP connect to 127.0.0.1:port: true when accepted, false when refused (or reset while
     * connecting: the listener closed with the connection still in its backlog).
     */
    public static boolean listening(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, port), 2000);
            return true;
        } catch (SocketException refused) {
            return false;
        }
    }

    public static URI ws(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    public static URI wss(int port) {
        return URI.create("wss://127.0.0.1:" + port + "/ws");
    }

    public static URI http(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
