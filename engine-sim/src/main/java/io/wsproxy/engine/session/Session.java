package io.wsproxy.engine.session;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.SqlWarning;
import io.wsproxy.control.vars.SessionVariables;
import io.wsproxy.engine.data.DataSession;
import io.wsproxy.engine.data.Execution;
import io.wsproxy.engine.node.NodeServices;
import io.wsproxy.engine.node.Peer;
import io.wsproxy.engine.users.UserAccount;
import io.wsproxy.link.UnixStreams;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.CapabilityFlags;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketInputStream;
import io.wsproxy.wire.PacketOutputStream;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireWriter;
import io.wsproxy.wire.message.ErrPacket;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import jnr.unixsocket.UnixSocket;
import jnr.unixsocket.UnixSocketChannel;

/**
 * One MySQL session: who is connected, its variables, its H2 session, its warnings, and the
 * packet streams with the current sequence id. Used by its connection thread only, except
 * {@link #kill()} and {@link #killQuery()}, which other sessions call (KILL) and the node calls
 * at shutdown.
 */
public final class Session {
    private final long id;
    private final NodeServices node;
    private final Peer peer;
    private SessionVariables variables;
    private final List<SqlWarning> warnings = new ArrayList<>();

    private Socket socket;
    private PacketInputStream in;
    private PacketOutputStream out;
    private int sequence;
    private boolean secure;
    private Capabilities capabilities = new Capabilities(0);
    private UserAccount account;
    private volatile DataSession data;
    private volatile boolean killed;
    private boolean multiStatements;
    private final PreparedStatements statements = new PreparedStatements(this);
    private ResultCapture capture;

    Session(long id, NodeServices node, Peer peer) throws IOException {
        this.id = id;
        this.node = node;
        this.peer = peer;
        this.variables = node.variables().newSession();
        this.socket = peer.socket();
        this.secure = peer.clientTls();
        // Unbuffered until the handshake response is read: a buffer could swallow the first
        // bytes of a TLS ClientHello that follows an SSLRequest.
        this.in = new PacketInputStream(socket.getInputStream(), maxPacket());
        this.out = new PacketOutputStream(socket.getOutputStream());
    }

    public long id() {
        return id;
    }

    public NodeServices node() {
        return node;
    }

    public String clientHost() {
        return peer.clientHost();
    }

    public Peer peer() {
        return peer;
    }

    /** Whether the client side of this session is TLS. */
    public boolean secure() {
        return secure;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public UserAccount account() {
        return account;
    }

    public SessionVariables variables() {
        return variables;
    }

    public DataSession data() {
        return data;
    }

    public List<SqlWarning> warnings() {
        return warnings;
    }

    public boolean killed() {
        return killed;
    }

    void capabilities(Capabilities negotiated) {
        this.capabilities = negotiated;
        this.multiStatements = negotiated.has(CapabilityFlags.CLIENT_MULTI_STATEMENTS);
    }

    /** Whether a COM_QUERY may hold several statements (capability, or COM_SET_OPTION). */
    public boolean multiStatements() {
        return multiStatements;
    }

    public void multiStatements(boolean enabled) {
        this.multiStatements = enabled;
    }

    void authenticated(UserAccount account) {
        this.account = account;
        this.data = node.data().openSession();
    }

    /**
     * USE / COM_INIT_DB / the handshake's database: the account needs some privilege on it
     * (1044), and it must exist (1049).
     */
    public void use(String database) {
        if (!account.canAccessDatabase(database)) {
            throw ErrorCode.DB_ACCESS_DENIED.error(account.ref().user(), clientHost(), database);
        }
        data.use(database);
    }

    /** The statements COM_STMT_PREPARE made in this session. */
    public PreparedStatements statements() {
        return statements;
    }

    /**
     * Runs {@code body} with what it writes through {@link Results} held instead of sent, and
     * returns that (a prepared control statement's reply, to be sent in the binary protocol).
     */
    public Execution captured(IoAction body) throws IOException {
        ResultCapture holder = new ResultCapture();
        capture = holder;
        try {
            body.run();
        } finally {
            capture = null;
        }
        return holder.result();
    }

    /** A step that writes a reply. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws IOException;
    }

    ResultCapture capture() {
        return capture;
    }

    /**
     * COM_RESET_CONNECTION: the session as after authentication, without authenticating again,
     * as MySQL resets it: the transaction rolled back, prepared statements closed, session and
     * user variables back to their defaults, warnings cleared; the current database stays.
     */
    public void reset() {
        statements.closeAll();
        DataSession old = data;
        String database = old.database();
        data = node.data().openSession();
        old.close();
        if (database != null) {
            try {
                data.use(database);
            } catch (SqlException e) {
                // dropped meanwhile: no database, as after a DROP DATABASE of the current one
            }
        }
        variables = node.variables().newSession();
        warnings.clear();
        multiStatements = capabilities.has(CapabilityFlags.CLIENT_MULTI_STATEMENTS);
    }

    /** Refreshes the account after a change to its grants or password. */
    public void account(UserAccount updated) {
        this.account = updated;
    }

    void upgradeToTls(Socket tlsSocket) throws IOException {
        this.socket = tlsSocket;
        this.secure = true;
        this.in = new PacketInputStream(tlsSocket.getInputStream(), maxPacket());
        this.out = new PacketOutputStream(tlsSocket.getOutputStream());
    }

    /**
     * After the handshake: buffered reads, now that no protocol switch can follow. On a Unix
     * socket the streams read and write the descriptor directly: jnr's own socket streams
     * allocate and copy a buffer of the requested size (16 KiB per buffer fill) on every call.
     */
    void bufferInput() throws IOException {
        InputStream raw = socket.getInputStream();
        if (socket instanceof UnixSocket unix) {
            UnixSocketChannel channel = (UnixSocketChannel) unix.getChannel();
            raw = UnixStreams.input(channel);
            this.out = new PacketOutputStream(UnixStreams.output(channel));
        }
        this.in = new PacketInputStream(new BufferedInputStream(raw, 16 * 1024), maxPacket());
    }

    Socket socket() {
        return socket;
    }

    private int maxPacket() {
        return (int) Math.min(Integer.MAX_VALUE - 8, node.variables().globalLong("max_allowed_packet"));
    }

    // ---- packets

    /** Reads the next packet; replies continue its sequence. */
    public Packet read() throws IOException {
        Packet packet = in.read();
        sequence = (packet.sequenceId() + 1) & 0xff;
        return packet;
    }

    /** Starts a new command: the server's first reply packet has sequence id 1. */
    void resetSequence(int next) {
        sequence = next & 0xff;
    }

    public void write(byte[] payload) throws IOException {
        sequence = out.write(sequence, payload);
    }

    public void write(WireWriter payload) throws IOException {
        write(payload.toByteArray());
    }

    public void flush() throws IOException {
        out.flush();
    }

    public void writeError(SqlException e) throws IOException {
        write(new ErrPacket(e.code(), e.sqlState(), e.getMessage()).encode(capabilities));
    }

    public boolean deprecateEof() {
        return capabilities.has(CapabilityFlags.CLIENT_DEPRECATE_EOF);
    }

    /** SERVER_STATUS flags as they are now. */
    public int statusFlags() {
        int flags = 0;
        if (variables.autocommit()) {
            flags |= StatusFlags.SERVER_STATUS_AUTOCOMMIT;
        }
        DataSession d = data;
        if (d != null && d.inTransaction()) {
            flags |= StatusFlags.SERVER_STATUS_IN_TRANS;
        }
        return flags;
    }

    // ---- called from other threads

    /** KILL QUERY: cancels the running statement, if any. */
    public void killQuery() {
        DataSession d = data;
        if (d != null) {
            d.cancel();
        }
    }

    /** KILL CONNECTION and shutdown: cancels the statement and closes the socket. */
    public void kill() {
        killed = true;
        killQuery();
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    void close() {
        statements.closeAll();
        DataSession d = data;
        if (d != null) {
            d.close();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
