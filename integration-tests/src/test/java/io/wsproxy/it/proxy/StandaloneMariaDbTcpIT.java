package io.wsproxy.it.proxy;

import io.wsproxy.it.support.MariaDbServer;
import io.wsproxy.it.support.ProxyCnf;
import io.wsproxy.it.support.ProxyProcess;
import java.nio.file.Path;
import java.util.List;

/**
 * The standalone proxy in front of MariaDB over TCP ({@code --engine-host}, {@code --engine-port}),
 * as in front of a server on another machine: the same {@code /ws} tests as over its Unix socket.
 */
class StandaloneMariaDbTcpIT extends StandaloneMariaDbSuite {
    @Override
    MariaDbServer startMariaDb(Path dir) throws Exception {
        return withApp(MariaDbServer.start(dir, ProxyCnf.freePort(), null), "127.0.0.1", "");
    }

    @Override
    ProxyProcess startProxy(Path dir) throws Exception {
        return ProxyProcess.startTcp(dir, mariadb.port(), List.of("-Xmx256m"));
    }

    @Override
    String clientHost() {
        return "127.0.0.1";
    }
}
