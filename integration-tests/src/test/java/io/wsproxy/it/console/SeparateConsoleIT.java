package io.wsproxy.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.TestCerts;
import io.wsproxy.it.support.Tls;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The seed's "separate host" architecture: the console runs on its own ({@code proxy-core.jar
 * console}, HTTPS, a Studio state file), and the browser connects straight to the cluster's
 * proxy on wss://, a cross-origin connection the proxy accepts only when proxy_allowed_origins
 * names the console's origin.
 */
class SeparateConsoleIT {
    private static final String ROOT_PW = "separate-root-pw";

    @TempDir
    static Path dir;
    static EngineNode node;
    static ConsoleProcess console;
    static Browser browser;
    ConsolePage page;

    @BeforeAll
    static void startNodeConsoleAndBrowser() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        node = ProxyCnf.https(certs).start(dir.resolve("node"), ROOT_PW);
        int proxyPort = node.proxyUrl().getPort();
        Path stateFile = dir.resolve("studio.hcl");
        Files.writeString(stateFile, """
                version = 1

                cluster "wss-node" {
                  name = "test cluster"
                  description = "engine-sim with its proxy on wss"
                  hostname = "127.0.0.1"
                  port = %d
                  profile = "DEVELOPMENT"
                  websocket = true
                  websocketSSL = true
                }

                cluster "mysql-only" {
                  name = "MySQL protocol only"
                  hostname = "127.0.0.1"
                  port = %d
                  profile = "DEVELOPMENT"
                }

                cluster "plain-ws" {
                  name = "plain ws"
                  hostname = "127.0.0.1"
                  port = %d
                  websocket = true
                  websocketSSL = false
                }
                """.formatted(proxyPort, node.port(), proxyPort));
        console = ConsoleProcess.startHttps(dir.resolve("console"), stateFile, certs);
        browser = Browser.start(dir.resolve("browser"), certs.serverCert());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {browser, console, node}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @BeforeEach
    void openTheConsole() {
        page = new ConsolePage(browser).open(console.url());
    }

    @AfterEach
    void screenshotAndForget(TestInfo test) {
        browser.screenshot(test);
        // Each test starts from an empty form and history, whatever ran before it.
        page.script("localStorage.clear();");
    }

    private String consoleOrigin() {
        return console.url().toString();
    }

    @Test
    void theConsoleListsTheStateFilesClustersWithTheirProxies() throws Exception {
        List<String> options = page.byId("cluster").findElements(By.tagName("option")).stream()
                .map(WebElement::getText).toList();
        int proxyPort = node.proxyUrl().getPort();
        assertThat(options).containsExactly("test cluster (127.0.0.1:" + proxyPort + ", wss)",
                "MySQL protocol only (127.0.0.1:" + node.port() + ", no websocket)",
                "plain ws (127.0.0.1:" + proxyPort + ", ws)");
        assertThat(console.output()).contains("note: cluster 'MySQL protocol only' has websocket = false");
        HttpResponse<String> pageResponse = HttpClient.newBuilder().sslContext(Tls.trusting(dir.resolve("certs/ca-cert.pem")))
                .build().send(HttpRequest.newBuilder(console.url().resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        // Exactly the proxies of the entries with websocket = true: nothing else is reachable from the page.
        String proxy = "127.0.0.1:" + proxyPort;
        assertThat(pageResponse.headers().firstValue("content-security-policy").orElseThrow()).endsWith(
                "connect-src 'self' wss://" + proxy + " https://" + proxy + " ws://" + proxy + " http://" + proxy);
    }

    @Test
    void itConnectsToTheProxyAndRunsAQueryWhenProxyAllowedOriginsNamesIt() throws Exception {
        Engine.allowOrigins(node, ROOT_PW, consoleOrigin());

        page.selectCluster("wss-node").connect("root", ROOT_PW);

        assertThat(page.connected()).as(page.connectError()).isTrue();
        assertThat(page.connectionLine()).startsWith("root@127.0.0.1:" + node.proxyUrl().getPort() + " over wss");
        page.run("SELECT 'from the separate console' AS greeting");
        assertThat(page.renderedRows(0)).containsExactly(List.of("from the separate console"));
    }

    @Test
    void itShowsOriginNotAllowedWhenProxyAllowedOriginsDoesNotNameIt() throws Exception {
        Engine.allowOrigins(node, ROOT_PW, "https://studio.example");

        page.selectCluster("wss-node").connect("root", ROOT_PW);

        assertThat(page.connected()).isFalse();
        assertThat(page.connectErrorKind()).isEqualTo("origin");
        assertThat(page.connectError()).startsWith("Origin not allowed: the proxy at https://127.0.0.1:"
                + node.proxyUrl().getPort() + " does not accept connections from pages of " + consoleOrigin() + ".")
                .contains("SET GLOBAL proxy_allowed_origins = '" + consoleOrigin() + "'; RESTART PROXY;");
    }

    @Test
    void anEntryWithWebsocketFalseIsRefusedWithTheReason() {
        page.selectCluster("mysql-only");
        assertThat(page.byId("cluster-note").getText()).contains("websocket = false");

        page.connect("root", ROOT_PW);

        assertThat(page.connected()).isFalse();
        assertThat(page.connectErrorKind()).isEqualTo("refused");
        assertThat(page.connectError()).startsWith("\"MySQL protocol only\" has websocket = false, so the console "
                + "cannot connect to it: the console runs in your browser and reaches a cluster only through its "
                + "WebSocket proxy.");
    }

    @Test
    void aPlainWsEntryIsRefusedOnAnHttpsConsoleBecauseBrowsersBlockMixedContent() {
        page.selectCluster("plain-ws").connect("root", ROOT_PW);

        assertThat(page.connectErrorKind()).isEqualTo("refused");
        assertThat(page.connectError()).contains("websocketSSL = false", "mixed content");
    }
}
