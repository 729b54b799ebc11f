package io.wsproxy.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.MariaDbServer;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.ProxyProcess;
import io.wsproxy.it.support.WsClient;
import io.wsproxy.it.support.TestCerts;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standalone proxy in front of MariaDB over TCP with TLS ({@code --engine-tls}, the server's
 * certificate checked against {@code --engine-ssl-ca} and its name): the same {@code /ws} tests,
 * for a user MariaDB lets in over TLS only.
 */
class StandaloneMariaDbTlsIT extends StandaloneMariaDbSuite {
    private TestCerts certs;

    @Override
    MariaDbServer startMariaDb(Path dir) throws Exception {
        certs = TestCerts.create(dir.resolveSibling("certs"));
        return withApp(MariaDbServer.start(dir, ProxyCnf.freePort(), certs), "127.0.0.1", " REQUIRE SSL");
    }

    @Override
    ProxyProcess startProxy(Path dir) throws Exception {
        return ProxyProcess.startTcp(dir, mariadb.port(), List.of("-Xmx256m"), "--engine-tls",
                "--engine-ssl-ca", certs.caCert().toString());
    }

    @Override
    String clientHost() {
        return "127.0.0.1";
    }

    @Test
    void theEngineConnectionIsTls() {
        try (WsClient client = session()) {
            JsonNode rows = client.query(1, "SHOW SESSION STATUS LIKE 'Ssl_version'", Duration.ofSeconds(30)).get(1);

            assertThat(rows.path("rows").get(0).get(1).asText()).startsWith("TLSv1.");
        }
    }

    @Test
    void withoutEngineTlsTheServerRefusesTheRequireSslUser(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (ProxyProcess plain = ProxyProcess.startTcp(dir, mariadb.port(), List.of("-Xmx128m"));
                WsClient client = WsClient.connect(HttpClient.newHttpClient(), plain.wsUri())) {
            client.sendAuth(USER, PASSWORD);

            JsonNode error = client.next(Duration.ofSeconds(30));

            assertThat(error.path("code").asInt()).as("%s", error).isEqualTo(1045);
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        TestCerts other = TestCerts.create(dir.resolve("other"));
        try (ProxyProcess wrongCa = ProxyProcess.startTcp(dir.resolve("proxy"), mariadb.port(), List.of("-Xmx128m"),
                "--engine-tls", "--engine-ssl-ca", other.caCert().toString());
                WsClient client = WsClient.connect(HttpClient.newHttpClient(), wrongCa.wsUri())) {
            client.sendAuth(USER, PASSWORD);

            JsonNode error = client.next(Duration.ofSeconds(30));

            assertThat(error.path("code").asInt()).as("%s", error).isEqualTo(2026);
            assertThat(error.path("message").asText()).startsWith("SSL connection error: ");
        }
    }
}
