package io.wsproxy.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.TestCerts;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console of a node whose proxy serves plain HTTP: the page on http://, SQL over ws://. */
class ConsoleHttpIT extends ConsoleSuite {
    @TempDir
    static Path dir;
    static EngineNode node;
    static Browser browser;

    @BeforeAll
    static void startNodeAndBrowser() throws Exception {
        // The node has TLS material for its MySQL port; its proxy is plain HTTP.
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        node = ProxyCnf.http().withSsl(certs).start(dir.resolve("node"), ROOT_PW);
        createSslUser(node);
        browser = Browser.start(dir.resolve("browser"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Override
    EngineNode node() {
        return node;
    }

    @Override
    Browser browser() {
        return browser;
    }

    @Test
    void aRequireSslUserIsRefusedOverWs() {
        page.connect(SSL_USER, SSL_USER_PW);
        assertThat(page.connected()).isFalse();
        assertThat(page.connectErrorKind()).isEqualTo("auth");
        assertThat(page.connectError()).startsWith("ERROR 1045 (28000): ");
    }
}
