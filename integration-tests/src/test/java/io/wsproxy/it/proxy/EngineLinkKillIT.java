package io.wsproxy.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wsproxy.it.support.EngineNode;
import io.wsproxy.it.support.Msg;
import io.wsproxy.it.support.WsClient;
import io.wsproxy.proxy.ProxyConfig;
import io.wsproxy.proxy.ProxyInstance;
import io.wsproxy.proxy.ProxyRuntime;
import io.wsproxy.ws.CloseCode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The engine link of a proxy instance as its launcher sees it: closing it (the fault switch) ends
 * every engine connection of the instance, each open session closes with 1011 as when its engine
 * connection is lost, and a new session cannot log in.
 */
class EngineLinkKillIT {
    private static final String ROOT_PASSWORD = "link-kill-root";

    @TempDir
    static Path dir;

    private static EngineNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = EngineNode.start(dir.resolve("node"), ROOT_PASSWORD);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void closingTheLinkClosesEverySessionWith1011AndRefusesNewLogins() throws Exception {
        ProxyRuntime runtime = new ProxyRuntime(2);
        ProxyConfig config = new ProxyConfig("127.0.0.1", 0, null, node.socket(), false, List.of(), 1 << 20,
                Duration.ofSeconds(10), 100);
        ProxyInstance proxy = runtime.start(config, LoggerFactory.getLogger("websocket_proxy"))
                .await(30, TimeUnit.SECONDS);
        URI ws = URI.create("ws://127.0.0.1:" + proxy.port() + "/ws");
        try (WsClient first = session(ws); WsClient second = session(ws)) {
            assertThat(proxy.link().isClosed()).isFalse();

            // When
            proxy.link().close();

            // Then
            assertThat(first.awaitClose().code()).isEqualTo(CloseCode.INTERNAL_ERROR.code());
            assertThat(second.awaitClose().code()).isEqualTo(CloseCode.INTERNAL_ERROR.code());
            assertThat(proxy.link().isClosed()).isTrue();
            try (WsClient late = WsClient.connect(ws)) {
                late.send(Msg.auth("root", ROOT_PASSWORD));
                JsonNode error = late.next();
                assertThat(error.path("type").asText()).isEqualTo("error");
                assertThat(error.path("code").asInt()).isEqualTo(2013);
                assertThat(late.awaitClose().code()).isEqualTo(CloseCode.POLICY_VIOLATION.code());
            }
        } finally {
            proxy.stop(CloseCode.GOING_AWAY).await(30, TimeUnit.SECONDS);
        }
    }

    private static WsClient session(URI ws) throws Exception {
        WsClient client = WsClient.connect(ws);
        client.send(Msg.auth("root", ROOT_PASSWORD));
        assertThat(client.next().path("type").asText()).isEqualTo("ready");
        return client;
    }
}
