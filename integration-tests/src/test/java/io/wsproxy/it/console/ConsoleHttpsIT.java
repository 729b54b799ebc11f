package io.wsproxy.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.TestCerts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console of a node whose proxy serves HTTPS with the certificate from its memsql.cnf: the
 * page on https://, SQL over wss://.
 */
class ConsoleHttpsIT extends ConsoleSuite {

    @Override
    ProxyCnf proxy(TestCerts certs) {
        return ProxyCnf.https(certs);
    }

    @Test
    void aRequireSslUserLogsInOverWss() {
        page.connect(SSL_USER, SSL_USER_PW);
        assertThat(page.connected()).as(page.connectError()).isTrue();
        page.run("SELECT CURRENT_USER() AS u");
        assertThat(page.renderedRows(0)).containsExactly(List.of("sec@%"));
    }
}
