package io.wsproxy.it.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * What answers on a loopback port, found with real connections: nothing (refused), plain HTTP
 * (an HTTP response to {@code GET /healthz}), HTTPS (a TLS handshake with the test CA's
 * certificate), or something else (accepts, but neither).
 */
enum Probe {
    NOTHING, HTTP, HTTPS, OTHER;

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int TIMEOUT_MS = 3000;

    static Probe of(int port, SSLContext tls) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            if (firstLine(socket.getInputStream()).startsWith("HTTP/1.1 200")) {
                return HTTP;
            }
        } catch (SocketException refusedOrReset) {
            if (!accepts(port)) {
                return NOTHING;
            }
        }
        return handshakes(port, tls) ? HTTPS : OTHER;
    }

    private static boolean accepts(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), TIMEOUT_MS);
            return true;
        } catch (SocketException refused) {
            return false;
        }
    }

    private static boolean handshakes(int port, SSLContext tls) {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.startHandshake();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n' && line.length() < 200) {
            line.append((char) b);
        }
        return line.toString().strip();
    }
}
