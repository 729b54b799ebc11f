package io.wsproxy.it.prepared;

import io.wsproxy.it.support.WebSocketSocketFactory;
import java.net.URI;

/**
 * Server-side prepared statements through MariaDB Connector/J over the proxy's {@code /mysql}
 * tunnel: the driver's socket is a WebSocket ({@link WebSocketSocketFactory}), and the whole
 * suite runs unchanged, every type of the value table in the binary protocol included.
 */
class MariaDbConnectorJTunnelIT extends ServerPreparedSuite {
    @Override
    String url(String options) {
        URI tunnel = URI.create("ws://" + node.proxyUrl().getAuthority() + "/mysql");
        return WebSocketSocketFactory.jdbcUrl(tunnel) + "&useServerPrepStmts=true" + (options.isEmpty() ? "" : "&" + options);
    }
}
