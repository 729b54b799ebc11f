package io.wsproxy.it;

/** The driver suite through MariaDB Connector/J. */
class MariaDbConnectorJIT extends DriverSuite {
    @Override
    String url() {
        return node.mariadbUrl("sslMode=disable");
    }
}
