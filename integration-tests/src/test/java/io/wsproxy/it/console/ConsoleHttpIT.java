package io.wsproxy.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.TestCerts;
import org.junit.jupiter.api.Test;

/** The console of a node whose proxy serves plain HTTP: the page on http://, SQL over ws://. */
class ConsoleHttpIT extends ConsoleSuite {

    /** TLS material for the node's MySQL port; the proxy itself is plain HTTP. */
    @Override
    ProxyCnf proxy(TestCerts certs) {
        return ProxyCnf.http().withSsl(certs);
    }

    @Test
    void aRequireSslUserIsRefusedOverWs() {
        page.connect(SSL_USER, SSL_USER_PW);
        assertThat(page.connected()).isFalse();
        assertThat(page.connectErrorKind()).isEqualTo("auth");
        assertThat(page.connectError()).startsWith("ERROR 1045 (28000): ");
    }
}
