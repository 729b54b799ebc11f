package io.wsproxy.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import jnr.unixsocket.UnixSocketChannel;

/**
 * Blocking streams over a connected jnr Unix socket that read into and write from the caller's
 * array directly (see {@link NativeIo}); jnr's own socket streams allocate and copy a buffer of
 * the requested size on every call. Closing either stream closes the channel, as for a socket.
 */
public final class UnixStreams {

    private UnixStreams() {
    }

    public static InputStream input(UnixSocketChannel channel) {
        return new InputStream() {
            private final byte[] one = new byte[1];

            @Override
            public int read() throws IOException {
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = NativeIo.read(channel, ByteBuffer.wrap(b, off, len));
                if (n == 0) {
                    throw new SocketTimeoutException("read timed out");
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    public static OutputStream output(UnixSocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer src = ByteBuffer.wrap(b, off, len);
                while (src.hasRemaining()) {
                    if (NativeIo.write(channel, src) == 0) {
                        throw new SocketTimeoutException("write timed out");
                    }
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
