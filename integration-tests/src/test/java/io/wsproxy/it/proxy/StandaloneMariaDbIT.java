package io.wsproxy.it.proxy;

import io.wsproxy.it.support.MariaDbServer;
import io.wsproxy.it.support.ProxyProcess;
import java.nio.file.Path;
import java.util.List;

/** The standalone proxy in front of MariaDB's Unix socket. */
class StandaloneMariaDbIT extends StandaloneMariaDbSuite {
    @Override
    MariaDbServer startMariaDb(Path dir) throws Exception {
        MariaDbServer server = MariaDbServer.start(dir);
        server.sql("CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';"
                + " GRANT ALL ON *.* TO '" + USER + "'@'localhost'");
        return server;
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
