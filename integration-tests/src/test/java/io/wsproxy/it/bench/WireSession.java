package io.wsproxy.it.bench;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketInputStream;
import io.wsproxy.wire.PacketOutputStream;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.auth.NativePassword;
import io.wsproxy.wire.message.AuthSwitchRequest;
import io.wsproxy.wire.message.ComQuery;
import io.wsproxy.wire.message.EofPacket;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.HandshakeResponse41;
import io.wsproxy.wire.message.HandshakeV10;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;

/**
 * The direct baseline over a Unix socket: a small blocking MySQL client on jnr-unixsocket and the
 * project's wire codec (MariaDB Connector/J's {@code localSocket} needs JNA, which is not on the
 * classpath). Text protocol, mysql_native_password, no CLIENT_DEPRECATE_EOF.
 */
final class WireSession implements SqlSession {
    private static final Capabilities CAPS = new Capabilities(CapabilityFlags.CLIENT_PROTOCOL_41
            | CapabilityFlags.CLIENT_SECURE_CONNECTION | CapabilityFlags.CLIENT_PLUGIN_AUTH
            | CapabilityFlags.CLIENT_LONG_PASSWORD | CapabilityFlags.CLIENT_TRANSACTIONS
            | CapabilityFlags.CLIENT_MULTI_RESULTS);
    private static final int UTF8MB4_GENERAL_CI = 45;

    private final UnixSocketChannel channel;
    private final PacketInputStream in;
    private final PacketOutputStream out;

    private WireSession(UnixSocketChannel channel) {
        this.channel = channel;
        this.in = new PacketInputStream(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024), 1 << 24);
        this.out = new PacketOutputStream(Channels.newOutputStream(channel));
    }

    static WireSession open(Path socket, String user, String password) throws IOException {
        WireSession session = new WireSession(UnixSocketChannel.open(new UnixSocketAddress(socket.toFile())));
        try {
            session.login(user, password);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private void login(String user, String password) throws IOException {
        HandshakeV10 greeting = HandshakeV10.decode(new WireReader(in.read().payload()), CAPS);
        HandshakeResponse41 response = new HandshakeResponse41(CAPS, 1 << 24, UTF8MB4_GENERAL_CI, user,
                NativePassword.scramble(password, greeting.authPluginData()), null, NativePassword.PLUGIN, Map.of());
        out.write(1, response.encode(CAPS));
        out.flush();
        Packet reply = in.read();
        if ((reply.payload()[0] & 0xff) == AuthSwitchRequest.STATUS) {
            AuthSwitchRequest change = AuthSwitchRequest.decode(new WireReader(reply.payload()), CAPS);
            if (!NativePassword.PLUGIN.equals(change.pluginName())) {
                throw new IOException("the server asks for auth plugin " + change.pluginName());
            }
            byte[] seed = change.pluginData();
            int n = seed.length > 0 && seed[seed.length - 1] == 0 ? seed.length - 1 : seed.length;
            out.write(reply.sequenceId() + 1, NativePassword.scramble(password, java.util.Arrays.copyOf(seed, n)));
            out.flush();
            reply = in.read();
        }
        failOnError(reply);
    }

    @Override
    public long query(String sql) throws IOException {
        out.write(0, new ComQuery(sql).encode(CAPS));
        out.flush();
        long rows = 0;
        boolean more = true;
        while (more) {
            Packet first = in.read();
            failOnError(first);
            if ((first.payload()[0] & 0xff) == 0) {
                return rows; // an OK packet: no result set (multi-results are not used here)
            }
            long columns = new WireReader(first.payload()).lenencInt();
            for (long i = 0; i < columns; i++) {
                in.read();
            }
            in.read(); // the EOF after the column definitions
            while (true) {
                byte[] p = in.read().payload();
                int head = p[0] & 0xff;
                if (head == EofPacket.HEADER && p.length < 9) {
                    more = (EofPacket.decode(new WireReader(p), CAPS).statusFlags()
                            & StatusFlags.SERVER_MORE_RESULTS_EXISTS) != 0;
                    break;
                }
                if (head == ErrPacket.HEADER) {
                    failOnError(new Packet(0, p));
                }
                readValues(p, columns);
                rows++;
            }
        }
        return rows;
    }

    /** Every value as a String, as JDBC's getString and the JSON side's getText do. */
    private static void readValues(byte[] row, long columns) {
        WireReader r = new WireReader(row);
        for (long i = 0; i < columns; i++) {
            if (r.peek() == 0xfb) {
                r.skip(1); // NULL
            } else {
                new String(r.lenencBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static void failOnError(Packet p) throws IOException {
        if ((p.payload()[0] & 0xff) == ErrPacket.HEADER) {
            ErrPacket e = ErrPacket.decode(new WireReader(p.payload()), CAPS);
            throw new IOException("engine error " + e.errorCode() + " " + e.sqlState() + ": " + e.message());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // done with it
        }
    }
}
