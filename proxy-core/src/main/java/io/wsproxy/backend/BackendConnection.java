package io.wsproxy.backend;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_CONNECT_WITH_DB;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_DEPRECATE_EOF;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_LONG_PASSWORD;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_MULTI_RESULTS;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_MULTI_STATEMENTS;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PLUGIN_AUTH;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SECURE_CONNECTION;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SSL;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_TRANSACTIONS;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.net.SocketAddress;
import io.wsproxy.link.EngineLink;
import io.wsproxy.link.LinkChannel;
import io.wsproxy.link.LinkHandler;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.CommandType;
import io.wsproxy.wire.PacketEncoder;
import io.wsproxy.wire.PacketFramer;
import io.wsproxy.wire.PacketInputStream;
import io.wsproxy.wire.ProxyHeaderV2;
import io.wsproxy.wire.Responses;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.auth.CachingSha2Password;
import io.wsproxy.wire.auth.NativePassword;
import io.wsproxy.wire.message.AuthSwitchRequest;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComQuery;
import io.wsproxy.wire.message.EofPacket;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.HandshakeResponse41;
import io.wsproxy.wire.message.HandshakeV10;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.wire.message.SslRequest;
import io.wsproxy.ws.ResultColumn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The proxy's MySQL client side of one engine connection, driven by bytes from a non-blocking
 * {@link LinkChannel}: optional PROXY v2 header, handshake v10, mysql_native_password and
 * caching_sha2_password (fast and full authentication; the full one sends the password in
 * clear, which MySQL allows on a Unix socket only), auth switch, then COM_QUERY with its results
 * streamed row by row to the listener.
 *
 * <p>Confined to the event loop that opened it: every method is called there, and every event
 * arrives there. Rows reach the listener in place, in the framer's array (one copy from the
 * socket's buffer); the SQL text is encoded once, straight into the packet's buffer.
 */
public final class BackendConnection implements LinkHandler {
    /** The engine's max_allowed_packet may be larger, but no row or column we relay is. */
    private static final int MAX_PACKET = 64 * 1024 * 1024;
    private static final int UTF8MB4_GENERAL_CI = 45;
    private static final int CLIENT_CAPS = CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH
            | CLIENT_LONG_PASSWORD | CLIENT_TRANSACTIONS | CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS
            | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA | CLIENT_DEPRECATE_EOF;
    private static final int CR_SERVER_LOST = 2013;

    private enum Phase { CONNECTING, GREETING, AUTH, READY, FIRST, COLUMNS, COLUMNS_EOF, ROWS, CLOSED }

    private static final int CR_SSL_CONNECTION_ERROR = 2026;
    private static final int CR_AUTH_PLUGIN_ERR = 2061;

    private final Credentials credentials;
    private final EngineTls tls;
    /** A Unix socket or TLS: where a password may travel in clear. */
    private boolean privateTransport;
    private final ProxyHeaderV2 proxyHeader;
    private final BackendListener listener;
    private final PacketFramer framer = new PacketFramer(MAX_PACKET);
    private LinkChannel channel;
    private Phase phase = Phase.CONNECTING;
    private Capabilities capabilities = new Capabilities(0);
    private byte[] seed;
    private String plugin;
    private long connectionId;
    private String serverVersion;
    private int columnsLeft;
    private final List<ResultColumn> columns = new ArrayList<>();
    private Throwable failure;

    private BackendConnection(Credentials credentials, EngineTls tls, ProxyHeaderV2 proxyHeader,
            BackendListener listener) {
        this.credentials = credentials;
        this.tls = tls;
        this.proxyHeader = proxyHeader;
        this.listener = listener;
    }

    /**
     * Connects and logs in; the listener hears {@link BackendListener#onAuthenticated} or
     * {@link BackendListener#onAuthFailed} (then {@link BackendListener#onClosed}).
     *
     * @param engine      the engine's address (Unix domain socket or TCP)
     * @param proxyHeader sent first when not null (engines that expect it on this socket)
     */
    public static BackendConnection open(EngineLink link, SocketAddress engine, Credentials credentials,
            ProxyHeaderV2 proxyHeader, BackendListener listener) {
        return open(link, engine, null, credentials, proxyHeader, listener);
    }

    /** {@link #open(EngineLink, SocketAddress, Credentials, ProxyHeaderV2, BackendListener)}, logging in over TLS when {@code tls} is set. */
    public static BackendConnection open(EngineLink link, SocketAddress engine, EngineTls tls, Credentials credentials,
            ProxyHeaderV2 proxyHeader, BackendListener listener) {
        BackendConnection connection = new BackendConnection(credentials, tls, proxyHeader, listener);
        connection.privateTransport = engine.isDomainSocket() || tls != null;
        connection.channel = link.connect(engine, connection);
        return connection;
    }

    public long connectionId() {
        return connectionId;
    }

    public String serverVersion() {
        return serverVersion;
    }

    public boolean isReady() {
        return phase == Phase.READY;
    }

    /** Sends COM_QUERY; only when {@link #isReady()}. */
    public void query(String sql) {
        query(sql, null);
    }

    /**
     * Sends COM_QUERY; {@code sent} (when not null) runs once the packet has left for the engine's
     * socket (until then it is held in memory, which a caller may be counting).
     */
    public void query(String sql, Runnable sent) {
        if (phase != Phase.READY) {
            throw new IllegalStateException("query while " + phase);
        }
        phase = Phase.FIRST;
        int length = 1 + ByteBufUtil.utf8Bytes(sql);
        if (length >= PacketInputStream.MAX_FRAGMENT) {
            // split into 16 MiB fragments
            write(Unpooled.wrappedBuffer(PacketEncoder.frame(0, new ComQuery(sql).encode(capabilities))), sent);
            return;
        }
        ByteBuf packet = channel.alloc().directBuffer(4 + length);
        packet.writeMediumLE(length).writeByte(0).writeByte(CommandType.QUERY.id());
        ByteBufUtil.reserveAndWriteUtf8(packet, sql, length - 1);
        write(packet, sent);
    }

    private void write(ByteBuf packet, Runnable sent) {
        if (sent == null) {
            channel.write(packet);
        } else {
            channel.write(packet, sent);
        }
    }

    /**
     * Sends a command the engine answers with OK or ERR (COM_INIT_DB, COM_RESET_CONNECTION, ...);
     * only when {@link #isReady()}. The answer comes as {@link BackendListener#onOk} or
     * {@link BackendListener#onQueryError}.
     */
    public void command(CommandType command, String argument) {
        if (phase != Phase.READY) {
            throw new IllegalStateException(command + " while " + phase);
        }
        phase = Phase.FIRST;
        byte[] arg = argument == null ? new byte[0] : argument.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[1 + arg.length];
        payload[0] = (byte) command.id();
        System.arraycopy(arg, 0, payload, 1, arg.length);
        send(0, payload);
    }

    /** Stops reading from the engine while the consumer catches up. */
    public void pause() {
        channel.pause();
    }

    public void resume() {
        channel.resume();
    }

    /** COM_QUIT when idle, then close. */
    public void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (phase == Phase.READY) {
            send(0, new byte[] {0x01});
        }
        channel.close();
    }

    // ---- LinkHandler, on the event loop ----

    @Override
    public void onConnected(LinkChannel connected) {
        if (proxyHeader != null) {
            connected.write(proxyHeader.encode());
        }
        phase = Phase.GREETING;
    }

    @Override
    public void onData(ByteBuf data) {
        if (phase == Phase.CLOSED) {
            return;
        }
        try {
            int n = data.readableBytes();
            data.readBytes(framer.writable(n), framer.writeIndex(), n);
            framer.written(n);
            while (phase != Phase.CLOSED && framer.advance()) {
                handle();
            }
        } catch (MalformedPacketException | IllegalStateException e) {
            fail(new IllegalStateException("engine protocol error: " + e.getMessage(), e));
        }
    }

    @Override
    public void onReadComplete() {
        listener.onReadComplete();
    }

    @Override
    public void onClosed(Throwable closeCause) {
        Throwable cause = failure != null ? failure : closeCause;
        Phase was = phase;
        phase = Phase.CLOSED;
        if (was == Phase.CONNECTING || was == Phase.GREETING || was == Phase.AUTH) {
            String why = cause == null ? "the engine closed the connection during login" : cause.getMessage();
            listener.onAuthFailed(new ErrPacket(CR_SERVER_LOST, "HY000", "Lost connection to the engine: " + why));
        }
        listener.onClosed(cause);
    }

    private void fail(Throwable cause) {
        // onClosed follows from the channel and reports to the listener once, with this cause.
        failure = cause;
        channel.close();
    }

    /** The framer's current packet; rows stay in place, the rare others are copied out. */
    private void handle() {
        if (phase == Phase.ROWS) {
            row(framer.array(), framer.offset(), framer.length());
            return;
        }
        byte[] p = Arrays.copyOfRange(framer.array(), framer.offset(), framer.offset() + framer.length());
        int sequenceId = framer.sequenceId();
        switch (phase) {
            case GREETING -> greeting(p, sequenceId);
            case AUTH -> auth(p, sequenceId);
            case FIRST -> first(p);
            case COLUMNS -> column(p);
            case COLUMNS_EOF -> {
                if (!Responses.isEof(p)) {
                    throw new MalformedPacketException("expected EOF after column definitions");
                }
                phase = Phase.ROWS;
            }
            default -> throw new MalformedPacketException("unexpected packet while " + phase);
        }
    }

    private void greeting(byte[] p, int sequenceId) {
        if (Responses.isErr(p)) {
            authFailed(ErrPacket.decode(new WireReader(p), capabilities));
            return;
        }
        HandshakeV10 hs = HandshakeV10.decode(new WireReader(p), capabilities);
        connectionId = hs.connectionId();
        serverVersion = hs.serverVersion();
        seed = hs.authPluginData();
        plugin = hs.authPluginName() == null ? NativePassword.PLUGIN : hs.authPluginName();
        int wanted = CLIENT_CAPS | (credentials.database() != null ? CLIENT_CONNECT_WITH_DB : 0)
                | (tls != null ? CLIENT_SSL : 0);
        capabilities = new Capabilities(wanted).and(hs.capabilities());
        phase = Phase.AUTH;
        if (tls == null) {
            login(sequenceId + 1);
            return;
        }
        if (!capabilities.has(CLIENT_SSL)) {
            authFailed(new ErrPacket(CR_SSL_CONNECTION_ERROR, "HY000",
                    "SSL connection error: the engine does not offer TLS"));
            return;
        }
        // Protocol::SSLRequest in clear, the TLS handshake, then the login inside TLS (sequence id + 2).
        byte[] request = new SslRequest(capabilities, MAX_PACKET, UTF8MB4_GENERAL_CI).encode(capabilities);
        channel.startTls(tls.options(), tls.serverName(), Unpooled.wrappedBuffer(
                PacketEncoder.frame((sequenceId + 1) & 0xff, request))).onComplete(ar -> {
                    if (phase != Phase.AUTH) {
                        return;
                    }
                    if (ar.succeeded()) {
                        login(sequenceId + 2);
                    } else {
                        authFailed(new ErrPacket(CR_SSL_CONNECTION_ERROR, "HY000",
                                "SSL connection error: " + ar.cause().getMessage()));
                    }
                });
    }

    private void login(int sequenceId) {
        byte[] authData = scramble(plugin, seed);
        if (authData == null) {
            return;
        }
        HandshakeResponse41 response = new HandshakeResponse41(capabilities, MAX_PACKET, UTF8MB4_GENERAL_CI,
                credentials.user(), authData, credentials.database(), plugin, Map.of());
        send(sequenceId, response.encode(capabilities));
    }

    private void auth(byte[] p, int sequenceId) {
        if (Responses.isOk(p)) {
            phase = Phase.READY;
            listener.onAuthenticated(this);
        } else if (Responses.isErr(p)) {
            authFailed(ErrPacket.decode(new WireReader(p), capabilities));
        } else if (Responses.isAuthSwitch(p)) {
            AuthSwitchRequest request = AuthSwitchRequest.decode(new WireReader(p), capabilities);
            plugin = request.pluginName();
            byte[] data = request.pluginData();
            // The seed comes NUL-terminated in an auth switch.
            seed = data.length > 0 && data[data.length - 1] == 0 ? Arrays.copyOf(data, data.length - 1) : data;
            byte[] response = scramble(plugin, seed);
            if (response != null) {
                send(sequenceId + 1, response);
            }
        } else if (Responses.isAuthMoreData(p) && p.length >= 2) {
            byte[] clear = p[1] == CachingSha2Password.PERFORM_FULL_AUTHENTICATION ? clearPasswordIfPrivate() : null;
            if (clear != null) {
                send(sequenceId + 1, clear);
            } else if (p[1] != CachingSha2Password.FAST_AUTH_SUCCESS && phase == Phase.AUTH) {
                throw new MalformedPacketException("unexpected auth data from the engine");
            }
        } else {
            throw new MalformedPacketException("unexpected packet during authentication");
        }
    }

    private void authFailed(ErrPacket error) {
        phase = Phase.CLOSED;
        listener.onAuthFailed(error);
        channel.close();
    }

    private byte[] scramble(String pluginName, byte[] data) {
        return switch (pluginName) {
            case NativePassword.PLUGIN -> NativePassword.scramble(credentials.password(), data);
            case CachingSha2Password.PLUGIN -> CachingSha2Password.scramble(credentials.password(), data);
            case "mysql_clear_password" -> clearPasswordIfPrivate();
            default -> throw new MalformedPacketException("unsupported authentication plugin " + pluginName);
        };
    }

    /**
     * The password in clear, as MySQL allows on a Unix socket or inside TLS only: over plain TCP
     * anyone on the path would read it, so the login fails instead (null, after {@link #authFailed}).
     */
    private byte[] clearPasswordIfPrivate() {
        if (!privateTransport) {
            authFailed(new ErrPacket(CR_AUTH_PLUGIN_ERR, "HY000", "Authentication requires secure connection:"
                    + " the engine asks for the password in clear over plain TCP (use TLS to the engine)"));
            return null;
        }
        return clearPassword();
    }

    private byte[] clearPassword() {
        byte[] pw = credentials.password().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(pw, pw.length + 1);
    }

    private void first(byte[] p) {
        if (Responses.isErr(p)) {
            phase = Phase.READY;
            listener.onQueryError(ErrPacket.decode(new WireReader(p), capabilities));
        } else if (Responses.isOk(p)) {
            OkPacket ok = OkPacket.decode(new WireReader(p), capabilities);
            boolean more = (ok.statusFlags() & StatusFlags.SERVER_MORE_RESULTS_EXISTS) != 0;
            phase = more ? Phase.FIRST : Phase.READY;
            listener.onOk(ok, more);
        } else if (Responses.isLocalInfile(p)) {
            // We never offer CLIENT_LOCAL_FILES; refuse with an empty file so the engine answers.
            send(2, new byte[0]);
        } else {
            long count = new WireReader(p).lenencInt();
            if (count <= 0 || count > 4096) {
                throw new MalformedPacketException("column count " + count);
            }
            columnsLeft = (int) count;
            columns.clear();
            phase = Phase.COLUMNS;
        }
    }

    private void column(byte[] p) {
        ColumnDefinition41 def = ColumnDefinition41.decode(new WireReader(p), capabilities);
        columns.add(new ResultColumn(def.name(), def.type(), def.flags(), def.characterSet()));
        if (--columnsLeft == 0) {
            phase = capabilities.has(CLIENT_DEPRECATE_EOF) ? Phase.ROWS : Phase.COLUMNS_EOF;
            listener.onColumns(List.copyOf(columns));
        }
    }

    private void row(byte[] buf, int offset, int length) {
        if (Responses.isErr(buf, offset, length)) {
            phase = Phase.READY;
            listener.onQueryError(ErrPacket.decode(new WireReader(copy(buf, offset, length)), capabilities));
        } else if (Responses.isEndOfRows(buf, offset, length, capabilities)) {
            WireReader end = new WireReader(copy(buf, offset, length));
            int status = capabilities.has(CLIENT_DEPRECATE_EOF)
                    ? OkPacket.decode(end, capabilities).statusFlags()
                    : EofPacket.decode(end, capabilities).statusFlags();
            boolean more = (status & StatusFlags.SERVER_MORE_RESULTS_EXISTS) != 0;
            phase = more ? Phase.FIRST : Phase.READY;
            listener.onResultEnd(status, more);
        } else {
            listener.onRow(buf, offset, length);
        }
    }

    private static byte[] copy(byte[] buf, int offset, int length) {
        return Arrays.copyOfRange(buf, offset, offset + length);
    }

    private void send(int sequenceId, byte[] payload) {
        channel.write(PacketEncoder.frame(sequenceId & 0xff, payload));
    }
}
