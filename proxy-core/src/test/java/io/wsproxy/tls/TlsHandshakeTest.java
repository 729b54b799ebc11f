package io.wsproxy.tls;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_PLUGIN_AUTH;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_PROTOCOL_41;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SECURE_CONNECTION;
import static io.wsproxy.wire.CapabilityFlags.CLIENT_SSL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.wire.Capabilities;
import io.wsproxy.wire.Packet;
import io.wsproxy.wire.PacketInputStream;
import io.wsproxy.wire.PacketOutputStream;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.HandshakeResponse41;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.wire.message.SslRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS over loopback, upgraded in-band after an SSLRequest as MySQL does: the socket is the
 * point here, so these tests use one.
 */
class TlsHandshakeTest {
    private static final Capabilities CLIENT = new Capabilities(CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION
            | CLIENT_PLUGIN_AUTH | CLIENT_SSL);

    @TempDir
    Path dir;

    private ServerSocket listener;
    private ExecutorService serverThread;

    @BeforeEach
    void listen() throws Exception {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(10_000);
        serverThread = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void close() throws Exception {
        serverThread.shutdownNow();
        listener.close();
    }

    /** What the server side saw. */
    private record Served(String protocol, HandshakeResponse41 response) {
    }

    /** Accepts one client: SSLRequest in clear, TLS, HandshakeResponse41, OK. */
    private Future<Served> serve(SSLContext context) {
        return serverThread.submit(() -> {
            try (Socket plain = listener.accept()) {
                plain.setSoTimeout(10_000);
                Packet sslRequest = new PacketInputStream(plain.getInputStream(), 1 << 16).read();
                assertThat(SslRequest.isSslRequest(sslRequest.payload())).isTrue();

                SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
                tls.setUseClientMode(false);
                tls.setEnabledProtocols(TlsMaterial.PROTOCOLS);
                tls.startHandshake();
                Packet response = new PacketInputStream(tls.getInputStream(), 1 << 16).read();
                PacketOutputStream out = new PacketOutputStream(tls.getOutputStream());
                out.write(response.sequenceId() + 1, new OkPacket(0, 0, 2, 0, "").encode(CLIENT));
                out.flush();
                return new Served(tls.getSession().getProtocol(),
                        HandshakeResponse41.decode(new WireReader(response.payload()), CLIENT));
            }
        });
    }

    /** Connects, asks for TLS, sends a HandshakeResponse41 over it; returns the OK's payload. */
    private static byte[] connect(int port, SSLContext context, String[] protocols, List<X509Certificate> peer)
            throws Exception {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port)) {
            plain.setSoTimeout(10_000);
            PacketOutputStream clear = new PacketOutputStream(plain.getOutputStream());
            clear.write(1, new SslRequest(CLIENT, 1 << 24, 45).encode(CLIENT));
            clear.flush();

            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
            tls.setEnabledProtocols(protocols);
            tls.startHandshake();
            for (java.security.cert.Certificate c : tls.getSession().getPeerCertificates()) {
                peer.add((X509Certificate) c);
            }
            PacketOutputStream out = new PacketOutputStream(tls.getOutputStream());
            out.write(2, new HandshakeResponse41(CLIENT, 1 << 24, 45, "alice", new byte[20], null,
                    "mysql_native_password", null).encode(CLIENT));
            out.flush();
            Packet ok = new PacketInputStream(tls.getInputStream(), 1 << 16).read();
            assertThat(ok.sequenceId()).isEqualTo(3);
            return ok.payload();
        }
    }

    private TlsMaterial material(KeyPair keys, X509Certificate leaf, X509Certificate... rest) throws Exception {
        X509Certificate[] chain = new X509Certificate[rest.length + 1];
        chain[0] = leaf;
        System.arraycopy(rest, 0, chain, 1, rest.length);
        return TlsMaterial.load(Pki.write(dir, "cert.pem", Pki.certPem(chain)),
                Pki.write(dir, "key.pem", Pki.pkcs8Pem(keys.getPrivate())), null);
    }

    @Test
    void selfSignedMaterialCompletesAHandshakeAfterAnSslRequest() throws Exception {
        KeyPair keys = Pki.ec();
        X509Certificate cert = Pki.selfSigned(keys, "localhost");
        TlsMaterial m = material(keys, cert);
        Future<Served> served = serve(m.serverContext());
        List<X509Certificate> peer = new ArrayList<>();

        byte[] ok = connect(listener.getLocalPort(), m.clientContext(), TlsMaterial.PROTOCOLS, peer);

        Served s = served.get(20, TimeUnit.SECONDS);
        assertThat(s.protocol()).isEqualTo("TLSv1.3");
        assertThat(s.response().username()).isEqualTo("alice");
        assertThat(peer).containsExactly(cert);
        assertThat(ok[0]).isZero();
    }

    @Test
    void rsaPkcs1MaterialCompletesATls12Handshake() throws Exception {
        KeyPair keys = Pki.rsa();
        X509Certificate cert = Pki.selfSigned(keys, "localhost");
        TlsMaterial m = TlsMaterial.load(Pki.write(dir, "cert.pem", Pki.certPem(cert)),
                Pki.write(dir, "key.pem", Pki.pkcs1Pem(keys.getPrivate())), null);
        Future<Served> served = serve(m.serverContext());

        connect(listener.getLocalPort(), m.clientContext(), new String[] {"TLSv1.2"}, new ArrayList<>());

        assertThat(served.get(20, TimeUnit.SECONDS).protocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void clientTrustingTheCaFileAcceptsALeafItSigned() throws Exception {
        KeyPair caKeys = Pki.ec();
        X509Certificate ca = Pki.selfSigned(caKeys, "Test CA");
        KeyPair keys = Pki.ec();
        X509Certificate leaf = Pki.signed(keys, "localhost", ca, caKeys.getPrivate());
        TlsMaterial server = material(keys, leaf, ca);
        TlsMaterial client = TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve("key.pem"),
                Pki.write(dir, "ca.pem", Pki.certPem(ca)));
        Future<Served> served = serve(server.serverContext());
        List<X509Certificate> peer = new ArrayList<>();

        connect(listener.getLocalPort(), client.clientContext(), TlsMaterial.PROTOCOLS, peer);

        assertThat(served.get(20, TimeUnit.SECONDS).response().username()).isEqualTo("alice");
        assertThat(peer).containsExactly(leaf, ca);
    }

    @Test
    void clientTrustingAnotherCertificateRefusesTheServer() throws Exception {
        KeyPair keys = Pki.ec();
        TlsMaterial server = material(keys, Pki.selfSigned(keys, "localhost"));
        KeyPair otherKeys = Pki.ec();
        TlsMaterial other = TlsMaterial.load(Pki.write(dir, "other-cert.pem", Pki.certPem(Pki.selfSigned(otherKeys,
                "localhost"))), Pki.write(dir, "other-key.pem", Pki.pkcs8Pem(otherKeys.getPrivate())), null);
        Future<Served> served = serve(server.serverContext());

        assertThatThrownBy(() -> connect(listener.getLocalPort(), other.clientContext(), TlsMaterial.PROTOCOLS,
                new ArrayList<>())).isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> served.get(20, TimeUnit.SECONDS)).as("the server's side fails too")
                .isInstanceOf(java.util.concurrent.ExecutionException.class);
    }
}
