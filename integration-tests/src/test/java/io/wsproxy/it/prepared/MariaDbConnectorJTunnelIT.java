package io.wsproxy.it.prepared;

import io.wsproxy.it.support.WebSocketSocketFactory;

/**
 * Server-side prepared statements through MariaDB Connector/J over the proxy's {@code /mysql}
 * tunnel: the driver's socket is a WebSocket ({@link WebSocketSocketFactory}), and the whole
 * suite runs unchanged, every type of the value table in the binary protocol included.
 */
class MariaDbConnectorJTunnelIT extends ServerPreparedSuite {
    @Override
    String url(String options) {
        String tunnel = "ws://" + node.proxyUrl().getAuthority() + "/mysql";
        return "jdbc:mariadb://tunnel/?sslMode=disable&useServerPrepStmts=true&socketFactory="
                + WebSocketSocketFactory.class.getName() + "&" + WebSocketSocketFactory.URL_OPTION + "=" + tunnel
                + (options.isEmpty() ? "" : "&" + options);
    }
}
