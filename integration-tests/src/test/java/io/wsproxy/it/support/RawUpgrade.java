package io.wsproxy.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An RFC 6455 section 4.1 opening handshake written by hand over a plain socket, for checks on
 * the status line and headers exactly as the server sends them.
 */
public final class RawUpgrade {
    private RawUpgrade() {
    }

    /** The status line of the server's answer to a {@code ws://} upgrade, with an Origin header when non-null. */
    public static String statusLine(URI wsUri, String origin) throws IOException {
        return statusLine(wsUri, wsUri.getAuthority(), origin);
    }

    /**
     * The same with the Host header given: what a browser sends when it reached the socket under
     * another name (a name that resolves to this address, as after DNS rebinding).
     */
    public static String statusLine(URI wsUri, String host, String origin) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(wsUri.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (origin != null) {
            request.append("Origin: ").append(origin).append("\r\n");
        }
        request.append("\r\n");
        try (Socket s = new Socket(wsUri.getHost(), wsUri.getPort())) {
            s.setSoTimeout((int) WsClient.TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            if (status == null) {
                throw new IOException("the server closed the connection without answering the upgrade");
            }
            return status;
        }
    }
}
