package io.wsproxy.engine.session;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.engine.command.CommandDispatcher;
import io.wsproxy.engine.node.NodeServices;
import io.wsproxy.engine.node.Peer;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketTooLargeException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import javax.net.ssl.SSLException;

/** Serves one accepted connection on the calling thread, from handshake to disconnect. */
public final class Connection implements Runnable {
    private static final CommandDispatcher COMMANDS = new CommandDispatcher();

    private final NodeServices node;
    private final Peer peer;

    public Connection(NodeServices node, Peer peer) {
        this.node = node;
        this.peer = peer;
    }

    @Override
    public void run() {
        Session session;
        try {
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
            if (!new Handshake(session).perform()) {
                return;
            }
            while (!session.killed()) {
                Packet command = session.read();
                if (!COMMANDS.dispatch(session, command)) {
                    break;
                }
            }
        } catch (PacketTooLargeException e) {
            sendLastWords(session, ErrorCode.NET_PACKET_TOO_LARGE.error());
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

    private void closeQuietly() {
        try {
            peer.socket().close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
