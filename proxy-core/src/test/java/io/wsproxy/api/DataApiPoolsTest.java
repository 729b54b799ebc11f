package io.wsproxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.wsproxy.backend.Credentials;
import io.wsproxy.link.EngineLink;
import io.wsproxy.testing.Eventually;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Data API's pools per user name, against engines that refuse or never answer: what the
 * proxy keeps for user names whose logins fail, and how many it keeps at once.
 */
class DataApiPoolsTest {
    private final Vertx vertx = Vertx.vertx();
    private final EngineLink link = new EngineLink(vertx);
    private final Context context = vertx.getOrCreateContext();
    private final List<ApiError> failures = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        link.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private void acquire(DataApiPools pools, String user) {
        UserPool.Lessee lessee = new UserPool.Lessee() {
            @Override
            public void leased(PooledConnection connection) {
                throw new AssertionError("no engine here lets anyone in");
            }

            @Override
            public void failed(ApiError error) {
                failures.add(error);
            }
        };
        pools.acquire(user, new UserPool.Request(PoolKey.of(user, "pw", "127.0.0.1"), new Credentials(user, "pw", null),
                null, null, link, context, lessee));
    }

    @Test
    void userNamesWhoseLoginsFailLeaveNoPoolBehind() throws Exception {
        int port;
        try (ServerSocket nobody = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = nobody.getLocalPort(); // closed again: connections to it are refused
        }
        DataApiPools pools = new DataApiPools(DataApiSettings.of(true, 2), SocketAddress.inetSocketAddress(port,
                "127.0.0.1"), null);

        for (int i = 0; i < 50; i++) {
            acquire(pools, "user" + i);
        }

        Eventually.await("every login failed", () -> failures.size() == 50);
        assertThat(failures).allSatisfy(e -> assertThat(e.status()).isEqualTo(503));
        Eventually.await("no pool left", () -> pools.users() == 0);
    }

    @Test
    void pastTheMostUsersAtOnceANewUserIs503With9111() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            DataApiPools pools = new DataApiPools(DataApiSettings.of(true, 2),
                    SocketAddress.inetSocketAddress(silent.getLocalPort(), "127.0.0.1"), null, 2);
            List<Socket> accepted = new ArrayList<>();

            acquire(pools, "a");
            acquire(pools, "b");
            accepted.add(silent.accept()); // the engine never greets: both logins wait
            accepted.add(silent.accept());
            acquire(pools, "c");

            Eventually.await("c refused", () -> failures.size() == 1);
            assertThat(failures.get(0).status()).isEqualTo(503);
            assertThat(failures.get(0).body()).startsWith("Error 9111: engine connections are held for 2 users");
            assertThat(pools.users()).isEqualTo(2);
            for (Socket s : accepted) {
                s.close();
            }
            Eventually.await("a and b failed and left", () -> failures.size() == 3 && pools.users() == 0);
        }
    }
}
