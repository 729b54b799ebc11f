package io.wsproxy.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.TestCerts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console of a node whose proxy serves HTTPS with the certificate from its memsql.cnf: the
 * page on https://, SQL over wss://. Chromium trusts that certificate only (by its key).
 */
class ConsoleHttpsIT extends ConsoleSuite {
    @TempDir
    static Path dir;
    static EngineNode node;
    static Browser browser;

    @BeforeAll
    static void startNodeAndBrowser() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        node = ProxyCnf.https(certs).start(dir.resolve("node"), ROOT_PW);
        createSslUser(node);
        browser = Browser.start(dir.resolve("browser"), certs.serverCert());
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
    void aRequireSslUserLogsInOverWss() {
        page.connect(SSL_USER, SSL_USER_PW);
        assertThat(page.connected()).as(page.connectError()).isTrue();
        page.run("SELECT CURRENT_USER() AS u");
        assertThat(page.renderedRows(0)).containsExactly(List.of("sec@%"));
    }
}
