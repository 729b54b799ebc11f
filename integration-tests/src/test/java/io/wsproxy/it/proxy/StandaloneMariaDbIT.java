package io.wsproxy.it.proxy;

import io.wsproxy.it.support.MariaDbServer;
import io.wsproxy.it.support.ProxyProcess;
import java.nio.file.Path;
import java.util.List;

/** The standalone proxy in front of MariaDB's Unix socket. */
class StandaloneMariaDbIT extends StandaloneMariaDbSuite {
    @Override
    MariaDbServer startMariaDb(Path dir) throws Exception {
        return withApp(MariaDbServer.start(dir), "localhost", "");
    }

    @Override
    ProxyProcess startProxy(Path dir) throws Exception {
        return ProxyProcess.start(dir, mariadb.socket(), List.of("-Xmx256m"));
    }

    @Override
    String clientHost() {
        return "localhost";
    }
}
