package io.wsproxy.it.control;

import io.wsproxy.it.support.WsClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.TestCerts;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate renewal under load (the "Done when"): 16 wss:// sessions loop on queries
 * and a 17th client keeps opening new sessions, while ssl_cert and ssl_key are replaced with a new
 * pair and RESTART PROXY runs on the same HTTPS port, 10 times. No query fails, no connection is
 * refused, and after each restart a new connection is shown the new certificate (by its SHA-256
 * fingerprint). Every pair has its own CA; the clients trust all of them.
 */
class CertRenewalIT {
    private static final int SESSIONS = 16;
    private static final int RENEWALS = 10;

    @TempDir
    Path dir;

    @Test
    void renewingTheCertificateTenTimesUnderLoadFailsNothingAndNewConnectionsGetTheNewCertificate() throws Exception {
        List<TestCerts> pairs = new ArrayList<>();
        for (int i = 0; i <= RENEWALS; i++) {
            pairs.add(TestCerts.create(dir.resolve("pair-" + i)));
        }
        TestCerts live = pairs.get(0);
        SSLContext trustAll = trusting(pairs);
        HttpClient http = HttpClient.newBuilder().sslContext(trustAll).build();
        int port = Ports.free();
        try (EngineNode node = Nodes.startWithSsl(dir.resolve("node"), live, "https_proxy_port = " + port);
                Connection root = ProxySql.root(node)) {
            AtomicBoolean running = new AtomicBoolean(true);
            LongAdder queries = new LongAdder();
            LongAdder connections = new LongAdder();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(SESSIONS + 1);
            List<Future<?>> load = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                load.add(pool.submit(() -> loop(http, port, running, queries, failures)));
            }
            load.add(pool.submit(() -> connect(http, port, running, connections, failures)));

            // When: ten renewals, each a new pair in the same files and RESTART PROXY
            long generation = ProxySql.status(root).generation();
            List<Long> restartMs = new ArrayList<>();
            for (int r = 1; r <= RENEWALS; r++) {
                TestCerts next = pairs.get(r);
                replace(next.serverKey(), live.serverKey());
                replace(next.serverCert(), live.serverCert());
                long t0 = System.nanoTime();
                ProxySql.restart(root);
                restartMs.add((System.nanoTime() - t0) / 1_000_000);

                // Then: same port, a new generation, and a new connection sees the new certificate
                ProxySql.Status status = ProxySql.status(root);
                assertThat(status.state()).isEqualTo("RUNNING");
                assertThat(status.port()).isEqualTo(port);
                assertThat(status.generation()).isEqualTo(generation + r);
                // A context of its own: no TLS session resumed from before the renewal
                assertThat(presentedFingerprint(trusting(pairs), port)).as("renewal %d", r)
                        .isEqualTo(fingerprint(next.serverCert()));
            }
            running.set(false);
            for (Future<?> f : load) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            System.out.printf("renewal: %d renewals, RESTART PROXY %s ms; %,d queries from %d sessions, "
                    + "%,d new connections, %d failures%n", RENEWALS, restartMs, queries.sum(), SESSIONS,
                    connections.sum(), failures.size());
            assertThat(failures).as("failed queries and refused connections").isEmpty();
            assertThat(queries.sum()).isGreaterThan(SESSIONS * RENEWALS);
            assertThat(connections.sum()).isGreaterThan(RENEWALS);
        }
    }

    /** A session looping on SELECT 1 until the renewals are over; every failure is recorded. */
    private static Void loop(HttpClient http, int port, AtomicBoolean running, LongAdder queries,
            ConcurrentLinkedQueue<String> failures) {
        try (WsClient ws = WsClient.session(http, Ports.wss(port), "root", Nodes.ROOT_PW)) {
            long id = 0;
            while (running.get()) {
                ws.selectOne(++id);
                queries.increment();
            }
        } catch (Exception e) {
            failures.add("session: " + e);
        }
        return null;
    }

    /** New sessions, one after another: each must be accepted, authenticated and answered. */
    private static Void connect(HttpClient http, int port, AtomicBoolean running, LongAdder connections,
            ConcurrentLinkedQueue<String> failures) {
        while (running.get()) {
            try (WsClient ws = WsClient.session(http, Ports.wss(port), "root", Nodes.ROOT_PW)) {
                ws.selectOne(1);
                connections.increment();
            } catch (Exception e) {
                failures.add("new connection: " + e);
            }
        }
        return null;
    }

    /** As an operator renews: the new file moved over the old one. */
    private static void replace(Path source, Path target) throws Exception {
        Path staged = Files.copy(source, target.resolveSibling(target.getFileName() + ".new"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static SSLContext trusting(List<TestCerts> pairs) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < pairs.size(); i++) {
            trust.setCertificateEntry("ca" + i, certificate(pairs.get(i).caCert()));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String fingerprint(Path pem) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate(pem).getEncoded()));
    }

    /** The SHA-256 fingerprint of the certificate a new TLS connection to the port is shown. */
    private static String presentedFingerprint(SSLContext trust, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
        }
    }
}
