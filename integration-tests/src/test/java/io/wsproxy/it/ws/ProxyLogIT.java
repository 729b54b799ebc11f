package io.wsproxy.it.ws;

import static io.wsproxy.it.ws.Sessions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Eventually;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.WsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * websocket_proxy.log (DESIGN.md section 6): start, every refused upgrade and auth failure with
 * the client address; never a password, never SQL text at INFO. The stop line: {@link ShutdownIT}.
 */
class ProxyLogIT {
    private static final Pattern REFUSED = Pattern.compile("(?i)refus|reject|denied|forbidden|403");
    private static final Pattern AUTH_FAILED = Pattern.compile("(?i)auth.*(fail|denied|refus|1045)|(fail|denied|refus).*auth");

    @TempDir
    static Path dir;
    static EngineNode node;

    @BeforeAll
    static void startNodeWithProxy() throws Exception {
        node = ProxyCnf.http().start(dir.resolve("node"), "log-root-pw");
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    static Path log() {
        return node.baseDir().resolve("tracelogs").resolve("websocket_proxy.log");
    }

    static List<String> lines() {
        try {
            return Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a line, after the first {@code skip} lines, that mentions the client address and matches. */
    static void awaitLineFromLocalClient(int skip, Pattern what, String description) {
        Eventually.await(WsClient.TIMEOUT, description + " in " + log(), () -> lines().stream().skip(skip)
                .anyMatch(l -> l.contains("127.0.0.1") && what.matcher(l).find()));
    }

    @Test
    void startIsLoggedWithThePort() {
        String port = Integer.toString(node.wsUri().getPort());
        Eventually.await(WsClient.TIMEOUT, "a start line with port " + port, () -> lines().stream()
                .anyMatch(l -> l.toLowerCase().contains("start") && l.contains(port)));
    }

    @Test
    void refusedUpgradeIsLoggedWithTheClientAddress() throws Exception {
        // Given
        int before = lines().size();
        // When
        int status = WsClient.to(node.wsUri()).withOrigin("https://evil.example").upgradeStatus();
        // Then
        assertThat(status).isEqualTo(403);
        awaitLineFromLocalClient(before, REFUSED, "a refused-upgrade line from 127.0.0.1");
    }

    @Test
    void authFailureIsLoggedWithTheClientAddressButNotThePassword() throws Exception {
        // Given
        String password = "Distinctive-" + UUID.randomUUID();
        int before = lines().size();
        try (WsClient client = WsClient.connect(node.wsUri())) {
            // When
            client.send(Msg.auth("root", password));
            assertError(client.next(), 1045, "28000");
            client.awaitClose();
        }
        // Then
        awaitLineFromLocalClient(before, AUTH_FAILED, "an auth-failure line from 127.0.0.1");
        assertThat(Files.readString(log(), StandardCharsets.UTF_8)).doesNotContain(password);
    }

    @Test
    void passwordsInAuthAndInSqlNeverReachTheLog() throws Exception {
        // Given
        String user = Sessions.unique("logged");
        String password = "Secret-" + UUID.randomUUID();
        try (WsClient admin = Sessions.root(node)) {
            // When: the password travels in SQL text, then in a successful auth
            Sessions.exec(admin, "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
        }
        try (WsClient client = Sessions.login(node, user, password)) {
            Sessions.assertStillOpen(client);
        }
        // Then
        assertThat(Files.readString(log(), StandardCharsets.UTF_8)).doesNotContain(password)
                .doesNotContain("IDENTIFIED BY");
    }
}
