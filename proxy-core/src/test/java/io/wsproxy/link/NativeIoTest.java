package io.wsproxy.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Descriptor I/O on a connected pair of real Unix sockets, the client side non-blocking. */
class NativeIoTest {
    private Path dir;
    private UnixServerSocketChannel server;
    private UnixSocketChannel client;
    private UnixSocketChannel peer;

    @BeforeEach
    void connect() throws IOException {
        dir = Files.createTempDirectory("nativeio");
        Path socket = dir.resolve("s.sock");
        server = UnixServerSocketChannel.open();
        server.socket().bind(new UnixSocketAddress(socket.toFile()));
        client = UnixSocketChannel.open(new UnixSocketAddress(socket.toFile()));
        peer = server.accept();
        client.configureBlocking(false);
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        peer.close();
        server.close();
        Files.deleteIfExists(dir.resolve("s.sock"));
        Files.deleteIfExists(dir);
    }

    @Test
    void readReturnsZeroWhenNothingIsThereThenTheBytesThenEndOfStream() throws IOException {
        ByteBuffer dst = ByteBuffer.allocateDirect(64);
        assertThat(NativeIo.read(client, dst)).isZero();

        peer.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
        dst.position(3); // reads land at the buffer's position
        assertThat(NativeIo.read(client, dst)).isEqualTo(5);
        assertThat(dst.position()).isEqualTo(8);
        byte[] got = new byte[5];
        dst.flip().position(3);
        dst.get(got);
        assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("hello");

        peer.close();
        dst.clear();
        assertThat(NativeIo.read(client, dst)).isEqualTo(-1);
    }

    @Test
    void writeTakesWhatFitsThenZeroWhenTheSocketIsFull() throws IOException {
        ByteBuffer src = ByteBuffer.wrap(new byte[16 * 1024 * 1024]);
        src.position(1); // writes start at the buffer's position
        long written = 0;
        int n;
        while ((n = NativeIo.write(client, src)) > 0) {
            written += n;
        }
        assertThat(n).isZero();
        assertThat(written).isPositive().isLessThan(src.capacity() - 1L);
        assertThat(src.position()).isEqualTo(1 + written);
    }

    @Test
    void writeToAClosedPeerFailsWithTheCause() throws IOException {
        peer.close();
        ByteBuffer src = ByteBuffer.wrap(new byte[1024]);

        assertThatThrownBy(() -> {
            while (true) { // the first write may still land in the buffer of a closing socket
                src.clear();
                NativeIo.write(client, src);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("unix socket write");
    }

    @Test
    void aClosedChannelIsNeverReadOrWritten() throws IOException {
        client.close();

        assertThatThrownBy(() -> NativeIo.read(client, ByteBuffer.allocate(8))).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> NativeIo.write(client, ByteBuffer.allocate(8))).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void blockingStreamsCarryEveryByteThenEndOfStream() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024 + 7]; // more than the socket buffers: partial writes
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        InputStream in = UnixStreams.input(peer);
        Thread writer = new Thread(() -> {
            try (OutputStream out = UnixStreams.output(client)) { // closing it closes the channel
                client.configureBlocking(true);
                out.write(big);
                out.write(42);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the reader then sees a short stream
            }
        });
        writer.start();

        assertThat(in.readNBytes(big.length)).isEqualTo(big);
        assertThat(in.read()).isEqualTo(42);
        assertThat(in.read()).as("the writer closed its end").isEqualTo(-1);
    }
}
