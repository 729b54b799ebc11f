package io.wsproxy.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RFC 6455 frames written by hand over a plain socket, for what no real client sends: invalid
 * UTF-8 in a text frame, unmasked or reserved-bit frames, fragments never finished, several
 * frames in one write. The upgrade is the usual one; server frames are read as they come.
 */
public final class RawWs implements AutoCloseable {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int FIN = 0x80;
    /** What {@link #awaitClose} reports when the connection ended without a close frame. */
    public static final int NO_CLOSE_FRAME = -1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One frame from the server. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame (1005 when it has none). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawWs(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and upgrades ({@code ws://} only); fails unless the answer is 101. */
    public static RawWs open(URI wsUri) throws IOException {
        Socket socket = new Socket(wsUri.getHost(), wsUri.getPort());
        socket.setSoTimeout(30_000);
        RawWs ws = new RawWs(socket);
        try {
            ws.upgrade(wsUri);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return ws;
    }

    private void upgrade(URI wsUri) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + wsUri.getRawPath() + " HTTP/1.1\r\nHost: " + wsUri.getAuthority()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade answered " + status);
        }
        while (!line().isEmpty()) {
            // headers
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed during the upgrade");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** One frame, masked as a client must: {@code first} is FIN, RSV and opcode; {@code fin} adds FIN. */
    public static byte[] frame(int opcode, boolean fin, byte[] payload) {
        return frame((fin ? FIN : 0) | opcode, payload, true);
    }

    /** A frame with its first byte as given, masked or not: for frames that break the rules. */
    public static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            f.write(maskBit | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payload.length >>> (8 * i)));
            }
        }
        if (!masked) {
            f.writeBytes(payload);
            return f.toByteArray();
        }
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        f.writeBytes(key);
        byte[] hidden = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            hidden[i] = (byte) (payload[i] ^ key[i & 3]);
        }
        f.writeBytes(hidden);
        return f.toByteArray();
    }

    public static byte[] text(String message) {
        return frame(TEXT, true, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes as they are (one or more frames, or anything else). */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes, ignoring a connection the server has already closed. */
    public void writeQuietly(byte[] bytes) {
        try {
            write(bytes);
        } catch (IOException e) {
            // the server may close while we write
        }
    }

    public void send(String message) throws IOException {
        write(text(message));
    }

    /** The next frame from the server; an {@link IOException} after {@code timeout} or at the end of the stream. */
    public Frame next(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((second & 0x80) != 0) {
            in.readInt(); // a server never masks; skip a key if one came
        }
        if (length > 64L << 20) {
            throw new IOException("server frame of " + length + " bytes");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** The next text message as JSON (control frames skipped); fails on a close. */
    public JsonNode nextJson(Duration timeout) throws IOException {
        while (true) {
            Frame f = next(timeout);
            if (f.opcode() == TEXT) {
                return JSON.readTree(f.payload());
            }
            if (f.opcode() == CLOSE) {
                throw new IOException("closed with " + f.closeCode() + " while a message was awaited");
            }
        }
    }

    /**
     * Reads until the server's close frame and returns its code (text messages before it are
     * skipped), or {@link #NO_CLOSE_FRAME} when the connection ends without one.
     */
    public int awaitClose(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                Frame f = next(Duration.ofMillis(left));
                if (f.opcode() == CLOSE) {
                    return f.closeCode();
                }
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (EOFException | java.net.SocketException e) {
            return NO_CLOSE_FRAME;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
