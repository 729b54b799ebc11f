package io.wsproxy.engine.session;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.engine.command.CommandDispatcher;
import io.wsproxy.engine.node.NodeServices;
import io.wsproxy.engine.node.Peer;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketTooLargeException;
import java.io.EOFException;
import io.wsproxy.wire.ProxyHeaderV2;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;

/** Serves one accepted connection on the calling thread, from handshake to disconnect. */
public final class Connection implements Runnable {
    private static final CommandDispatcher COMMANDS = new CommandDispatcher();

    /** A proxy writes its header at once; a peer that does not is not a proxy. */
    private static final int PROXY_HEADER_TIMEOUT_MS = 10_000;

    private final NodeServices node;
    private Peer peer;

    public Connection(NodeServices node, Peer peer) {
        this.node = node;
        this.peer = peer;
    }

    @Override
    public void run() {
        Session session;
        try {
            if (peer.transport() == Peer.Transport.PROXY && !readProxyHeader()) {
                closeQuietly();
                return;
            }
            session = new Session(node.sessions().nextId(), node, peer);
        } catch (IOException e) {
            closeQuietly();
            return;
        }
        node.sessions().add(session);
        try {
            if (node.sessions().size() > node.variables().globalLong("max_connections")) {
                session.resetSequence(0);
                session.writeError(ErrorCode.TOO_MANY_CONNECTIONS.error());
                session.flush();
                return;
            }
            // MySQL's connect_timeout: a client that stalls in the connection phase is dropped.
            peer.socket().setSoTimeout(Math.toIntExact(node.variables().globalLong("connect_timeout") * 1000));
            if (!new Handshake(session).perform()) {
                return;
            }
            peer.socket().setSoTimeout(0);
            while (!session.killed()) {
                Packet command = session.read();
                if (!COMMANDS.dispatch(session, command)) {
                    break;
                }
            }
        } catch (PacketTooLargeException e) {
            sendLastWords(session, ErrorCode.NET_PACKET_TOO_LARGE.error());
        } catch (SocketTimeoutException e) {
            node.log().info("connection {} from {} dropped: no handshake within connect_timeout", session.id(),
                    peer.clientHost());
        } catch (EOFException | SocketException | SSLException e) {
            // The client went away or was killed: nothing to answer.
        } catch (IOException | RuntimeException e) {
            node.log().warn("connection {} from {} closed on error: {}", session.id(), peer.clientHost(),
                    e.toString());
        } finally {
            node.sessions().remove(session);
            session.close();
        }
    }

    private void sendLastWords(Session session, io.wsproxy.control.SqlException error) {
        try {
            session.writeError(error);
            session.flush();
        } catch (IOException ignored) {
            // best effort before closing
        }
    }

    /**
     * The PROXY v2 header that starts every connection on a proxy socket: the client's address
     * (for account host matching and logs) and whether the client side was TLS (REQUIRE SSL).
     */
    private boolean readProxyHeader() throws IOException {
        Socket socket = peer.socket();
        socket.setSoTimeout(PROXY_HEADER_TIMEOUT_MS);
        try {
            ProxyHeaderV2 header = ProxyHeaderV2.read(socket.getInputStream());
            socket.setSoTimeout(0);
            String host = header.source() == null ? "localhost" : header.source().getAddress().getHostAddress();
            peer = peer.withClient(host, header.ssl());
            return true;
        } catch (IOException e) {
            node.log().warn("proxy socket connection without a valid PROXY v2 header: {}", e.getMessage());
            return false;
        }
    }

    private void closeQuietly() {
        try {
            peer.socket().close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
