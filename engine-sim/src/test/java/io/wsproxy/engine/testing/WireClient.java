package io.wsproxy.engine.testing;

import static io.wsproxy.wire.CapabilityFlags.*;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketInputStream;
import io.wsproxy.wire.PacketOutputStream;
import io.wsproxy.wire.Responses;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.auth.NativePassword;
import io.wsproxy.wire.message.BinaryResultRow;
import io.wsproxy.wire.message.ColumnCount;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComQuery;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.EofPacket;
import io.wsproxy.wire.message.HandshakeResponse41;
import io.wsproxy.wire.message.HandshakeV10;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.wire.message.TextResultRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MySQL client written with the shared codec, for engine-sim's tests: it sends exactly the
 * packets a test names and hands back each reply decoded, so a test sees the protocol, not a
 * driver's reading of it. One command at a time.
 */
public final class WireClient implements AutoCloseable {
    /** What a client like Connector/J offers. */
    public static final int CLIENT_FLAGS = CLIENT_LONG_PASSWORD | CLIENT_LONG_FLAG | CLIENT_PROTOCOL_41
            | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION | CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS
            | CLIENT_PS_MULTI_RESULTS | CLIENT_PLUGIN_AUTH | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
            | CLIENT_CONNECT_WITH_DB | CLIENT_DEPRECATE_EOF;

    private final AutoCloseable socket;
    private final PacketInputStream in;
    private final PacketOutputStream out;
    private int sequence;
    private Capabilities caps = new Capabilities(CLIENT_FLAGS);

    private WireClient(AutoCloseable socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = new PacketInputStream(in, 1 << 26);
        this.out = new PacketOutputStream(out);
    }

    public static WireClient tcp(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(30_000);
        return new WireClient(s, s.getInputStream(), s.getOutputStream());
    }

    /** A Unix socket; {@code preamble} (a PROXY header) goes first when not null. */
    public static WireClient unix(Path path, byte[] preamble) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        OutputStream out = Channels.newOutputStream(channel);
        if (preamble != null) {
            out.write(preamble);
            out.flush();
        }
        return new WireClient(channel, Channels.newInputStream(channel), out);
    }

    public Capabilities capabilities() {
        return caps;
    }

    // ---- packets

    public Packet read() throws IOException {
        Packet p = in.read();
        sequence = (p.sequenceId() + 1) & 0xff;
        return p;
    }

    /** Starts a command: sequence id 0. */
    public void command(byte[] payload) throws IOException {
        sequence = 0;
        sendNext(payload);
    }

    /** A packet within the exchange under way (the handshake response). */
    public void sendNext(byte[] payload) throws IOException {
        sequence = out.write(sequence, payload);
        out.flush();
    }

    // ---- connection phase

    /** The greeting, or the ERR the server sent in its place. */
    public Object greeting() throws IOException {
        byte[] p = read().payload();
        return Responses.isErr(p) ? ErrPacket.decode(new WireReader(p), new Capabilities(0))
                : HandshakeV10.decode(new WireReader(p), caps);
    }

    /** The whole connection phase with mysql_native_password: the final OK or ERR. */
    public Object login(String user, String password, String database, int flags) throws IOException {
        Object greeting = greeting();
        if (greeting instanceof ErrPacket err) {
            return err;
        }
        HandshakeV10 hello = (HandshakeV10) greeting;
        caps = new Capabilities(flags).and(hello.capabilities());
        byte[] seed = java.util.Arrays.copyOf(hello.authPluginData(), 20);
        sendNext(new HandshakeResponse41(new Capabilities(flags), 1 << 24, 45, user,
                NativePassword.scramble(password, seed), database, NativePassword.PLUGIN, Map.of("_client_name", "wire-test"))
                .encode(new Capabilities(flags)));
        return okOrErr(read().payload());
    }

    public Object login(String user, String password) throws IOException {
        return login(user, password, null, CLIENT_FLAGS);
    }

    // ---- replies

    /** One statement's reply: OK, ERR, or a result set (text or binary rows). */
    public sealed interface Reply permits Ok, Err, Rows {
    }

    public record Ok(OkPacket ok) implements Reply {
    }

    public record Err(ErrPacket err) implements Reply {
        public int code() {
            return err.errorCode();
        }
    }

    /** Rows: text rows as strings, binary rows as the decoded values; the status of the end packet. */
    public record Rows(List<ColumnDefinition41> columns, List<Object[]> rows, int endStatus) implements Reply {
        public List<String> names() {
            return columns.stream().map(ColumnDefinition41::name).toList();
        }
    }

    public Reply query(String sql) throws IOException {
        command(new ComQuery(sql).encode(caps));
        return reply(false);
    }

    /** Reads one reply to the command just sent. */
    public Reply reply(boolean binary) throws IOException {
        byte[] first = read().payload();
        if (Responses.isErr(first)) {
            return new Err(ErrPacket.decode(new WireReader(first), caps));
        }
        if (Responses.isOk(first)) {
            return new Ok(OkPacket.decode(new WireReader(first), caps));
        }
        long n = ColumnCount.decode(new WireReader(first), caps).count();
        List<ColumnDefinition41> columns = definitions((int) n);
        return rows(columns, binary);
    }

    /** {@code n} column or parameter definitions, and the EOF after them unless DEPRECATE_EOF. */
    public List<ColumnDefinition41> definitions(int n) throws IOException {
        List<ColumnDefinition41> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            columns.add(ColumnDefinition41.decode(new WireReader(read().payload()), caps));
        }
        if (n > 0 && !caps.has(CLIENT_DEPRECATE_EOF)) {
            EofPacket.decode(new WireReader(read().payload()), caps);
        }
        return columns;
    }

    /** Rows until the end packet. */
    public Rows rows(List<ColumnDefinition41> columns, boolean binary) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        while (true) {
            byte[] p = read().payload();
            if (Responses.isErr(p)) {
                throw new IOException("error inside a result set: " + ErrPacket.decode(new WireReader(p), caps));
            }
            if (Responses.isEndOfRows(p, caps)) {
                return new Rows(columns, rows, endStatus(p));
            }
            rows.add(binary ? BinaryResultRow.decode(new WireReader(p), columns).values() : text(p, columns.size()));
        }
    }

    /** The status flags of an EOF, or of the OK that replaces it. */
    public int endStatus(byte[] p) {
        return caps.has(CLIENT_DEPRECATE_EOF) ? OkPacket.decode(new WireReader(p), caps).statusFlags()
                : EofPacket.decode(new WireReader(p), caps).statusFlags();
    }

    private static Object[] text(byte[] p, int n) {
        byte[][] values = TextResultRow.decode(new WireReader(p), n).values();
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
            row[i] = values[i] == null ? null : new String(values[i], java.nio.charset.StandardCharsets.UTF_8);
        }
        return row;
    }

    private Object okOrErr(byte[] p) {
        return Responses.isErr(p) ? ErrPacket.decode(new WireReader(p), caps) : OkPacket.decode(new WireReader(p), caps);
    }

    /** Whether the server closed the connection: the next read ends. */
    /**
     * Whether the server hangs up: an ERR it may send first (the killed query's own error) is
     * read past; anything else, or a live connection, is false.
     */
    public boolean closedByServer() {
        try {
            while (true) {
                Packet p = in.read();
                if (p.payload().length == 0 || (p.payload()[0] & 0xff) != 0xff) {
                    return false;
                }
            }
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (Exception ignored) {
            // closing a test client
        }
    }
}
