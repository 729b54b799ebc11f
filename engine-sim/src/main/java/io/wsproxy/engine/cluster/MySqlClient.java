package io.wsproxy.engine.cluster;

import io.wsproxy.control.SqlException;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketInputStream;
import io.wsproxy.wire.PacketOutputStream;
import io.wsproxy.wire.Responses;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.auth.NativePassword;
import io.wsproxy.wire.message.AuthSwitchRequest;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComQuery;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.HandshakeResponse41;
import io.wsproxy.wire.message.HandshakeV10;
import io.wsproxy.wire.message.OkPacket;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small blocking MySQL client on the project's wire codec, for what nodes and the admin CLI
 * say to a node: CLUSTER SYNC, ADD AGGREGATOR, SET GLOBAL. Text protocol over TCP,
 * mysql_native_password (the engine switches a caching_sha2_password account to it), one
 * statement per query. A server's ERR packet is thrown as the {@link SqlException} it carries, so
 * callers can relay the code; a node that cannot be reached is an {@link IOException}.
 */
public final class MySqlClient implements AutoCloseable {
    private static final Capabilities CAPS = new Capabilities(CapabilityFlags.CLIENT_PROTOCOL_41
            | CapabilityFlags.CLIENT_SECURE_CONNECTION | CapabilityFlags.CLIENT_PLUGIN_AUTH
            | CapabilityFlags.CLIENT_LONG_PASSWORD | CapabilityFlags.CLIENT_TRANSACTIONS);
    private static final int UTF8MB4_GENERAL_CI = 45;
    private static final int MAX_PACKET = 1 << 24;

    /** A statement's reply: a result set (columns and text rows, NULL as null) or an OK. */
    public record Reply(List<String> columns, List<List<String>> rows, long affectedRows, int warnings) {
    }

    private final Socket socket;
    private final PacketInputStream in;
    private final PacketOutputStream out;

    private MySqlClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new PacketInputStream(new BufferedInputStream(socket.getInputStream()), MAX_PACKET);
        this.out = new PacketOutputStream(socket.getOutputStream());
    }

    /** Connects and logs in; a refused login is the server's SqlException (1045). */
    public static MySqlClient connect(NodeAddress address, String user, String password, Duration timeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            MySqlClient client = new MySqlClient(socket);
            client.login(user, password);
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void login(String user, String password) throws IOException {
        HandshakeV10 greeting = HandshakeV10.decode(new WireReader(read().payload()), CAPS);
        HandshakeResponse41 response = new HandshakeResponse41(CAPS, MAX_PACKET, UTF8MB4_GENERAL_CI, user,
                NativePassword.scramble(password, greeting.authPluginData()), null, NativePassword.PLUGIN, Map.of());
        out.write(1, response.encode(CAPS));
        out.flush();
        Packet reply = read();
        if (Responses.isAuthSwitch(reply.payload())) {
            AuthSwitchRequest change = AuthSwitchRequest.decode(new WireReader(reply.payload()), CAPS);
            if (!NativePassword.PLUGIN.equals(change.pluginName())) {
                throw new IOException("the server asks for auth plugin " + change.pluginName());
            }
            byte[] seed = change.pluginData();
            int n = seed.length > 0 && seed[seed.length - 1] == 0 ? seed.length - 1 : seed.length;
            out.write(reply.sequenceId() + 1, NativePassword.scramble(password, Arrays.copyOf(seed, n)));
            out.flush();
            reply = read();
        }
        if (!Responses.isOk(reply.payload())) {
            throw new IOException("unexpected reply to the login");
        }
    }

    public Reply query(String sql) throws IOException {
        out.write(0, new ComQuery(sql).encode(CAPS));
        out.flush();
        byte[] first = read().payload();
        if (Responses.isOk(first)) {
            OkPacket ok = OkPacket.decode(new WireReader(first), CAPS);
            return new Reply(List.of(), List.of(), ok.affectedRows(), ok.warnings());
        }
        long count = new WireReader(first).lenencInt();
        List<String> columns = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            columns.add(ColumnDefinition41.decode(new WireReader(read().payload()), CAPS).name());
        }
        read(); // the EOF after the column definitions (no CLIENT_DEPRECATE_EOF)
        List<List<String>> rows = new ArrayList<>();
        while (true) {
            byte[] p = read().payload();
            if (Responses.isEof(p)) {
                return new Reply(List.copyOf(columns), rows, 0, 0);
            }
            WireReader r = new WireReader(p);
            List<String> row = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                if (r.peek() == 0xfb) {
                    r.skip(1);
                    row.add(null);
                } else {
                    row.add(r.lenencString());
                }
            }
            rows.add(row);
        }
    }

    /** The next packet; an ERR packet is thrown as the server's error. */
    private Packet read() throws IOException {
        Packet p = in.read();
        if (Responses.isErr(p.payload())) {
            throw ErrPacket.decode(new WireReader(p.payload()), CAPS).toException();
        }
        return p;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket we are done with
        }
    }
}
