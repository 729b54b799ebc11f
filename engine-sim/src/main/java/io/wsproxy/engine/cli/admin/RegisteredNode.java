package io.wsproxy.engine.cli.admin;

import io.wsproxy.control.proxy.NodeRole;
import io.wsproxy.engine.cluster.ClusterState;
import io.wsproxy.engine.cluster.NodeAddress;
import io.wsproxy.engine.cluster.NodeMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One node of the registry: its id (40 hex digits, as SingleStore's MemSQL IDs), its base
 * directory and address, and the process id of its last start, or null.
 */
public record RegisteredNode(String memsqlId, Path baseDir, String host, int port, Long pid) {
    public RegisteredNode withPid(Long newPid) {
        return new RegisteredNode(memsqlId, baseDir, host, port, newPid);
    }

    /** The first ten digits, as sdb-admin's tables print them. */
    public String shortId() {
        return memsqlId.substring(0, Math.min(10, memsqlId.length()));
    }

    public NodeAddress address() {
        return new NodeAddress(host, port);
    }

    public Path cnf() {
        return baseDir.resolve("memsql.cnf");
    }

    /** What the node metadata says (the node writes it; the toolbox only reads it), if readable. */
    public Optional<ClusterState> cluster() {
        try {
            return Optional.of(NodeMetadata.load(NodeMetadata.file(baseDir.resolve("data"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Optional<NodeRole> role() {
        return cluster().map(ClusterState::role);
    }

    /** "Master", "Aggregator", "Leaf" (sdb-admin's words), or "Unknown". */
    public String roleName() {
        return role().map(r -> switch (r) {
            case MASTER -> "Master";
            case AGGREGATOR -> "Aggregator";
            case LEAF -> "Leaf";
        }).orElse("Unknown");
    }

    /** "node 0123ABCDEF (127.0.0.1:3307)" */
    public String describe() {
        return "node " + shortId() + " (" + host + ":" + port + ")";
    }
}
