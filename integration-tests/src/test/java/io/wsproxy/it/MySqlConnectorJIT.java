package io.wsproxy.it;

/** The driver suite through MySQL Connector/J. */
class MySqlConnectorJIT extends DriverSuite {
    @Override
    String url() {
        return node.mysqlUrl("sslMode=DISABLED&allowPublicKeyRetrieval=true");
    }
}
