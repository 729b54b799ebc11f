package io.wsproxy.engine.cli.admin;

import io.wsproxy.control.proxy.NodeRole;
import io.wsproxy.engine.config.MemsqlCnf;
import java.io.IOException;
import java.util.Optional;

/** What memsql.cnf asks of a node's proxy, read before the node starts. */
record ProxyPorts(long https, long http) {
    static ProxyPorts of(RegisteredNode node) {
        try {
            MemsqlCnf cnf = MemsqlCnf.load(node.cnf());
            return new ProxyPorts(number(cnf.get("https_proxy_port")), number(cnf.get("http_proxy_port")));
        } catch (IOException e) {
            throw new AdminException("cannot read " + node.cnf() + ": " + e.getMessage());
        }
    }

    private static long number(Optional<String> value) {
        try {
            return value.map(v -> Long.parseLong(v.strip())).orElse(0L);
        } catch (NumberFormatException e) {
            return 0; // the node reports the bad value in memsql.log
        }
    }

    boolean any() {
        return https != 0 || http != 0;
    }

    /**
     * I3 and the seed's "you will be prompted to update the memsql.cnf file": both ports set means
     * the node starts without its proxy; this says which file and keys to fix.
     */
    Optional<String> conflict(RegisteredNode node) {
        if (https == 0 || http == 0) {
            return Optional.empty();
        }
        return Optional.of("Update memsql.cnf: " + node.cnf() + " sets both https_proxy_port (" + https
                + ") and http_proxy_port (" + http + "); they are mutually exclusive, so " + node.describe()
                + " starts without its proxy. Set one of them to 0, e.g. admin update-config --key http_proxy_port"
                + " --value 0 --memsql-id " + node.shortId());
    }

    /** What the ready line cannot say: a non-master keeps its proxy dormant (I5). */
    String describeFor(RegisteredNode node, Optional<String> proxyUrl) {
        if (proxyUrl.isPresent()) {
            return "proxy " + proxyUrl.get();
        }
        if (!any()) {
            return "no proxy";
        }
        return node.role().orElse(null) == NodeRole.MASTER ? "proxy not started (see " + node.baseDir().resolve(
                "tracelogs/websocket_proxy.log") + ")" : "proxy dormant (not the Master Aggregator)";
    }
}
