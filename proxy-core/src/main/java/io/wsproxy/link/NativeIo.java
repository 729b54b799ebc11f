package io.wsproxy.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import jnr.constants.platform.Errno;
import jnr.enxio.channels.Native;
import jnr.enxio.channels.NativeException;
import jnr.unixsocket.UnixSocketChannel;

/**
 * Read and write on a jnr channel's descriptor, straight into and out of the caller's buffer
 * (non-blocking for the engine link, blocking for {@link UnixStreams}). jnr-unixsocket's own {@code read}/{@code write} allocate a heap buffer the
 * size of {@code remaining()} and copy through it on every call: 64 KiB per read of the link,
 * and the whole rest of a large write on every partial write.
 */
final class NativeIo {

    private NativeIo() {
    }

    /** Bytes read into {@code dst}; 0 when nothing is available now; -1 at end of stream. */
    static int read(UnixSocketChannel channel, ByteBuffer dst) throws IOException {
        requireOpen(channel);
        int n = Native.read(channel.getFD(), dst);
        if (n > 0) {
            return n;
        }
        if (n == 0) {
            return dst.hasRemaining() ? -1 : 0;
        }
        return wouldBlock("read");
    }

    /** Bytes written from {@code src} (its position advances); 0 when the socket is full now. */
    static int write(UnixSocketChannel channel, ByteBuffer src) throws IOException {
        requireOpen(channel);
        int n = Native.write(channel.getFD(), src);
        return n >= 0 ? n : wouldBlock("write");
    }

    /** A closed channel's descriptor number may already belong to another connection. */
    private static void requireOpen(UnixSocketChannel channel) throws ClosedChannelException {
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private static int wouldBlock(String op) throws IOException {
        Errno errno = Native.getLastError();
        if (errno == Errno.EAGAIN || errno == Errno.EWOULDBLOCK) {
            return 0;
        }
        throw new NativeException("unix socket " + op + ": " + Native.getLastErrorString(), errno);
    }
}
