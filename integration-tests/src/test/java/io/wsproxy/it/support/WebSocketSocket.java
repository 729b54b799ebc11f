package io.wsproxy.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link java.net.Socket} whose bytes travel in binary WebSocket frames to wsproxy's
 * {@code /mysql} tunnel (PROTOCOL.md section 3), for JDBC drivers that take a socket factory.
 * Reads ask the WebSocket for one message at a time, so a reader that stops reading stops the
 * flow (the JDK client's {@code request(n)}), and the proxy and the engine behind it feel it.
 */
public final class WebSocketSocket extends java.net.Socket {
    /** Largest frame this socket sends: a bigger write goes out as several frames. */
    private static final int MAX_FRAME = 64 * 1024;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final URI uri;
    private final LinkedBlockingQueue<ByteBuffer> inbound = new LinkedBlockingQueue<>();
    private volatile WebSocket ws;
    private volatile int readTimeoutMs;
    private volatile boolean closed;
    private volatile String closeReason;

    public WebSocketSocket(URI uri) {
        this.uri = uri;
    }

    @Override
    public void connect(SocketAddress ignored, int timeoutMs) throws IOException {
        try {
            ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofMillis(timeoutMs <= 0 ? 30_000 : timeoutMs))
                    .buildAsync(uri, new Listener()).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("connecting to " + uri);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot open the WebSocket " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            inbound.add(copy); // the reader asks for the next message once it has taken this one
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            closeReason = "a text frame from the proxy";
            inbound.add(END);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = "closed by the proxy: " + statusCode + " " + reason;
            inbound.add(END);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason = "WebSocket error: " + error;
            inbound.add(END);
        }
    }

    @Override
    public InputStream getInputStream() {
        return new InputStream() {
            private ByteBuffer current = ByteBuffer.allocate(0);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (!current.hasRemaining()) {
                    if (current == END) {
                        return -1;
                    }
                    current = take();
                    if (current != END) {
                        ws.request(1);
                    }
                }
                int n = Math.min(len, current.remaining());
                current.get(b, off, n);
                return n;
            }
        };
    }

    private ByteBuffer take() throws IOException {
        try {
            ByteBuffer next = readTimeoutMs > 0 ? inbound.poll(readTimeoutMs, TimeUnit.MILLISECONDS) : inbound.take();
            if (next == null) {
                throw new SocketTimeoutException("read timed out after " + readTimeoutMs + " ms");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int pos = off; pos < off + len; pos += MAX_FRAME) {
                    int n = Math.min(MAX_FRAME, off + len - pos);
                    send(ByteBuffer.wrap(b.clone(), pos, n));
                }
            }
        };
    }

    private void send(ByteBuffer frame) throws IOException {
        if (closed || ws == null) {
            throw new SocketException("socket closed" + (closeReason == null ? "" : " (" + closeReason + ")"));
        }
        try {
            ws.sendBinary(frame, true).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } catch (ExecutionException | TimeoutException e) {
            throw new SocketException("WebSocket send failed: " + e.getMessage());
        }
    }

    @Override
    public void setSoTimeout(int timeout) {
        readTimeoutMs = timeout;
    }

    @Override
    public int getSoTimeout() {
        return readTimeoutMs;
    }

    // TCP options mean nothing here: the WebSocket's own TCP connection has its defaults.
    @Override
    public void setTcpNoDelay(boolean on) {
    }

    @Override
    public void setKeepAlive(boolean on) {
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
    }

    @Override
    public void setReceiveBufferSize(int size) {
    }

    @Override
    public void setSendBufferSize(int size) {
    }

    @Override
    public boolean isConnected() {
        return ws != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void shutdownInput() {
    }

    @Override
    public void shutdownOutput() {
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            ws.abort();
        }
        inbound.add(END);
    }
}
