package io.wsproxy.engine.session;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.engine.command.CommandDispatcher;
import io.wsproxy.engine.node.NodeServices;
import io.wsproxy.engine.node.Peer;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketOutputStream;
import io.wsproxy.wire.PacketTooLargeException;
import java.io.EOFException;
import io.wsproxy.wire.ProxyHeaderV2;
import io.wsproxy.wire.message.ErrPacket;
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
     * (for account host matching and logs) and whether the client side was TLS (REQUIRE SSL). A
     * header without the client's address (LOCAL, or no address family) is refused, never taken
     * for localhost: 'user'@'localhost' grants must not reach a remote client through the proxy.
     */
    private boolean readProxyHeader() throws IOException {
        Socket socket = peer.socket();
        socket.setSoTimeout(PROXY_HEADER_TIMEOUT_MS);
        String refusal;
        try {
            ProxyHeaderV2 header = ProxyHeaderV2.read(socket.getInputStream());
            socket.setSoTimeout(0);
            if (header.source() != null) {
                peer = peer.withClient(Peer.host(header.source().getAddress()), header.ssl());
                return true;
            }
            refusal = "a PROXY v2 header without the client's address (LOCAL) on a proxy socket";
        } catch (IOException e) {
            refusal = "no valid PROXY v2 header on a proxy socket: " + e.getMessage();
        }
        node.log().warn("connection refused: {}", refusal);
        refuseBeforeHandshake(refusal);
        return false;
    }

    /** An ERR packet in place of the greeting, as MySQL refuses a host, so the peer can tell why. */
    private void refuseBeforeHandshake(String why) {
        try {
            PacketOutputStream out = new PacketOutputStream(peer.socket().getOutputStream());
            out.write(0, new ErrPacket(ErrorCode.HANDSHAKE_ERROR.code(), ErrorCode.HANDSHAKE_ERROR.sqlState(),
                    "Bad handshake: " + why).encode(new Capabilities(0)));
            out.flush();
        } catch (IOException ignored) {
            // the peer is gone: nothing to tell
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
