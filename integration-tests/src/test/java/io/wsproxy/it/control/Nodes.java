package io.wsproxy.it.control;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.TestCerts;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Nodes for the control tests: memsql.cnf written before the first start, and clients that trust them. */
final class Nodes {
    static final String ROOT_PW = "control-root-pw";
    /** Seconds a moved proxy lets its sessions run: short, so the tests see the 1012 soon. */
    static final int DRAIN_SECONDS = 2;

    private Nodes() {
    }

    /** A node whose memsql.cnf holds the listen settings, a short drain, and {@code lines}. */
    static EngineNode start(Path base, String... lines) throws IOException {
        Files.createDirectories(base);
        Files.writeString(base.resolve("memsql.cnf"), "[server]\nport = 0\nbind_address = 127.0.0.1\n");
        append(base, lines);
        return EngineNode.start(base, ROOT_PW);
    }

    /** The same with ssl_cert / ssl_key from {@code certs}. */
    static EngineNode startWithSsl(Path base, TestCerts certs, String... lines) throws IOException {
        certs.configure(base);
        append(base, lines);
        return EngineNode.start(base, ROOT_PW);
    }

    private static void append(Path base, String... lines) throws IOException {
        StringBuilder text = new StringBuilder("proxy_drain_timeout = " + DRAIN_SECONDS + "\n");
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Files.writeString(base.resolve("memsql.cnf"), text, StandardOpenOption.APPEND);
    }

    static HttpClient client() {
        return HttpClient.newHttpClient();
    }

    /** A client trusting the test CA only, for wss:// and https://. */
    static HttpClient trusting(TestCerts certs) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.caCert())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    /** Closes each non-null resource in order, all of them even when one fails; rethrows the first failure. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    static String tracelog(EngineNode node, String name) throws IOException {
        Path file = node.baseDir().resolve("tracelogs").resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
