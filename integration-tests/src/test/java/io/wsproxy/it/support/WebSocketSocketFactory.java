package io.wsproxy.it.support;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

/**
 * MariaDB Connector/J's {@code socketFactory} for the {@code /mysql} tunnel: the JDBC URL names
 * the tunnel as {@code wsUrl=ws://host:port/mysql}; the driver's host and port are ignored.
 * <pre>jdbc:mariadb://ignored/db?socketFactory=io.wsproxy.it.support.WebSocketSocketFactory&amp;wsUrl=ws://127.0.0.1:8080/mysql</pre>
 */
public final class WebSocketSocketFactory extends ConfigurableSocketFactory {
    public static final String URL_OPTION = "wsUrl";

    private URI uri;

    /**
     * The JDBC URL of a MariaDB Connector/J session through {@code tunnel} ({@code ws://.../mysql}),
     * without TLS to the engine (the WebSocket carries the bytes); more options go after a {@code &}.
     */
    public static String jdbcUrl(URI tunnel) {
        return "jdbc:mariadb://tunnel/?sslMode=disable&socketFactory=" + WebSocketSocketFactory.class.getName() + "&"
                + URL_OPTION + "=" + tunnel;
    }

    @Override
    public void setConfiguration(Configuration conf, String host) {
        String url = conf.nonMappedOptions().getProperty(URL_OPTION);
        if (url == null) {
            throw new IllegalArgumentException("the JDBC URL needs " + URL_OPTION + "=ws://host:port/mysql");
        }
        uri = URI.create(url);
    }

    @Override
    public Socket createSocket() {
        return new WebSocketSocket(uri);
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("the driver connects the socket itself");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("the driver connects the socket itself");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("the driver connects the socket itself");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("the driver connects the socket itself");
    }
}
