package io.wsproxy.engine.session;

import static io.wsproxy.wire.CapabilityFlags.*;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.engine.node.Peer;
import io.wsproxy.engine.users.UserAccount;
import io.wsproxy.tls.TlsMaterial;
import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.MalformedPacketException;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.auth.NativePassword;
import io.wsproxy.wire.auth.Seeds;
import io.wsproxy.wire.message.AuthSwitchRequest;
import io.wsproxy.wire.message.HandshakeResponse41;
import io.wsproxy.wire.message.HandshakeV10;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.wire.message.SslRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;

/**
 * The connection phase (MySQL "Connection Phase"): HandshakeV10, optional SSLRequest and TLS,
 * HandshakeResponse41, an auth switch to mysql_native_password when the client started with
 * another plugin (caching_sha2_password clients), then OK or ERR.
 */
final class Handshake {
    static final String NATIVE = "mysql_native_password";
    /** utf8mb4_general_ci */
    static final int SERVER_CHARSET = 45;

    private static final int SERVER_CAPABILITIES = CLIENT_LONG_PASSWORD | CLIENT_FOUND_ROWS
            | CLIENT_LONG_FLAG | CLIENT_CONNECT_WITH_DB | CLIENT_NO_SCHEMA | CLIENT_ODBC
            | CLIENT_IGNORE_SPACE | CLIENT_PROTOCOL_41 | CLIENT_INTERACTIVE | CLIENT_IGNORE_SIGPIPE
            | CLIENT_TRANSACTIONS | CLIENT_RESERVED | CLIENT_SECURE_CONNECTION | CLIENT_MULTI_STATEMENTS
            | CLIENT_MULTI_RESULTS | CLIENT_PS_MULTI_RESULTS | CLIENT_PLUGIN_AUTH | CLIENT_CONNECT_ATTRS
            | CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA | CLIENT_DEPRECATE_EOF;

    private final Session session;
    private final Logger log;

    Handshake(Session session) {
        this.session = session;
        this.log = session.node().log();
    }

    /** Runs the connection phase; false when the client was refused (ERR sent) or left. */
    boolean perform() throws IOException {
        Capabilities server = new Capabilities(SERVER_CAPABILITIES
                | (offersTls() ? CLIENT_SSL : 0));
        byte[] seed = Seeds.random(20);
        session.resetSequence(0);
        session.write(new HandshakeV10(session.node().variables().globalString("version"), session.id(),
                seed, server, SERVER_CHARSET, StatusFlags.SERVER_STATUS_AUTOCOMMIT, NATIVE).encode(server));
        session.flush();

        Packet packet = session.read();
        if (SslRequest.isSslRequest(packet.payload())) {
            if (!offersTls()) {
                return refuse(ErrorCode.HANDSHAKE_ERROR.error(), "SSL requested but not offered");
            }
            startTls();
            packet = session.read();
        }
        HandshakeResponse41 response;
        try {
            response = HandshakeResponse41.decode(new WireReader(packet.payload()), server);
        } catch (MalformedPacketException e) {
            return refuse(ErrorCode.HANDSHAKE_ERROR.error(), "malformed handshake response");
        }
        if (!response.capabilities().has(CLIENT_PROTOCOL_41)) {
            return refuse(ErrorCode.HANDSHAKE_ERROR.error(), "client without CLIENT_PROTOCOL_41");
        }
        session.capabilities(response.capabilities().and(server));
        session.bufferInput();

        byte[] reply = response.authResponse() == null ? new byte[0] : response.authResponse();
        if (response.authPluginName() != null && !NATIVE.equals(response.authPluginName())
                && response.capabilities().has(CLIENT_PLUGIN_AUTH)) {
            byte[] data = Arrays.copyOf(seed, seed.length + 1); // the seed is sent NUL-terminated
            session.write(new AuthSwitchRequest(NATIVE, data).encode(session.capabilities()));
            session.flush();
            reply = session.read().payload();
        }
        String user = response.username() == null ? "" : response.username();
        Optional<UserAccount> account = session.node().users().authenticateLookup(user, session.clientHost());
        boolean passwordOk = account.isPresent()
                && NativePassword.verify(reply, seed, account.get().nativeHash());
        SqlException denied = ErrorCode.ACCESS_DENIED.error(user, session.clientHost(),
                reply.length > 0 ? "YES" : "NO");
        if (!passwordOk) {
            return refuse(denied, "wrong password or unknown user '" + user + "'");
        }
        if (account.get().requireSsl() && !session.secure()) {
            return refuse(denied, "user '" + user + "' REQUIRE SSL, connection is not TLS");
        }
        session.authenticated(account.get());
        String database = response.database();
        if (database != null && !database.isEmpty()) {
            try {
                session.use(database);
            } catch (SqlException e) {
                return refuse(e, "initial database '" + database + "' refused");
            }
        }
        session.write(new OkPacket(0, 0, session.statusFlags(), 0, "").encode(session.capabilities()));
        session.flush();
        log.info("connection {} authenticated: '{}'@'{}' via {}{}", session.id(), user,
                session.clientHost(), session.peer().transport(), session.secure() ? " (TLS)" : "");
        return true;
    }

    private boolean offersTls() {
        return session.node().sslEnabled() && session.peer().transport() == Peer.Transport.TCP;
    }

    private void startTls() throws IOException {
        SSLSocket tls = (SSLSocket) session.node().tls().getSocketFactory().createSocket(
                session.socket(), session.clientHost(), session.socket().getPort(), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(TlsMaterial.PROTOCOLS);
        tls.startHandshake();
        session.upgradeToTls(tls);
    }

    private boolean refuse(SqlException error, String why) throws IOException {
        log.warn("connection {} from {} refused: {} ({})", session.id(), session.clientHost(), why,
                error.getMessage());
        session.writeError(error);
        session.flush();
        return false;
    }
}
