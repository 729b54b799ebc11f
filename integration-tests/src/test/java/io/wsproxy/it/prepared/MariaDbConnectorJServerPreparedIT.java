package io.wsproxy.it.prepared;

/** Server-side prepared statements through MariaDB Connector/J. */
class MariaDbConnectorJServerPreparedIT extends ServerPreparedSuite {
    @Override
    String url(String options) {
        return node.mariadbUrl("sslMode=disable&useServerPrepStmts=true" + (options.isEmpty() ? "" : "&" + options));
    }
}
