package io.wsproxy.proxy.cli;

import io.wsproxy.proxy.EngineTcp;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the standalone proxy finds its engine: a local server's Unix socket, or a server on
 * another machine over TCP (a MariaDB, MySQL or SingleStore cluster), optionally with TLS.
 */
final class EngineOptions {

    @Option(names = "--engine-socket", description = "The server's Unix socket, e.g. /run/mysqld/mysqld.sock.")
    Path socket;

    @Option(names = "--engine-host", description = "The server's host, to reach it over TCP (with --engine-port).")
    String host;

    @Option(names = "--engine-port", description = "The server's TCP port (default 3306 with --engine-host).")
    Integer port;

    @Option(names = "--engine-tls", description = "Log in to the TCP server over TLS (as MySQL clients do: "
            + "SSLRequest after the greeting); refused when the server offers none.")
    boolean tls;

    @Option(names = "--engine-ssl-ca", description = "PEM CA certificate(s) the server's certificate must chain to "
            + "(default: the JVM's trust store).")
    Path ca;

    @Option(names = "--engine-skip-host-check", description = "Do not check that the server's certificate names "
            + "--engine-host (the chain is still checked).")
    boolean skipHostCheck;

    /** What is wrong with the options, or null. */
    String problem() {
        if ((socket == null) == (host == null)) {
            return "give the engine as --engine-socket PATH or as --engine-host H [--engine-port P]";
        }
        if (socket != null && (port != null || tls || ca != null || skipHostCheck)) {
            return "--engine-port and the --engine-tls options go with --engine-host, not --engine-socket";
        }
        if (port != null && (port < 1 || port > 65535)) {
            return "--engine-port must be 1..65535, not " + port;
        }
        if (!tls && (ca != null || skipHostCheck)) {
            return "--engine-ssl-ca and --engine-skip-host-check need --engine-tls";
        }
        return null;
    }

    /** The TCP engine, or null for a socket. */
    EngineTcp tcp() {
        return host == null ? null : new EngineTcp(host, port == null ? 3306 : port, tls, ca, !skipHostCheck);
    }
}
