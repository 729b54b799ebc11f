package io.wsproxy.engine.cluster;

import io.wsproxy.control.proxy.NodeRole;
import java.util.List;
import java.util.Optional;

/**
 * What one node knows of its cluster (DESIGN.md section 7): its own role, the address the
 * cluster knows it by, the Master Aggregator's address, and every member, the master included. A node outside any cluster has
 * no members: a new node is a one-node cluster's MASTER; a removed aggregator keeps the role
 * AGGREGATOR with no master (SingleStore's "unknown" role: it runs no proxy and can be added
 * again).
 */
public record ClusterState(NodeRole role, NodeAddress self, NodeAddress master, List<Member> members) {
    public ClusterState {
        if (role == null) {
            throw new IllegalArgumentException("a node needs a role");
        }
        members = List.copyOf(members);
        if (master == null && !members.isEmpty()) {
            throw new IllegalArgumentException("a cluster with members needs a master");
        }
    }

    /** A new node: the Master Aggregator of a cluster of its own. */
    public static ClusterState standalone() {
        return new ClusterState(NodeRole.MASTER, null, null, List.of());
    }

    /** An aggregator removed from its cluster. */
    public static ClusterState detached() {
        return new ClusterState(NodeRole.AGGREGATOR, null, null, List.of());
    }

    /** False for a new node and a removed aggregator: they may join a cluster. */
    public boolean clustered() {
        return !members.isEmpty();
    }

    public Optional<Member> member(NodeAddress address) {
        return members.stream().filter(m -> m.address().sameAs(address)).findFirst();
    }

    public List<Member> aggregators() {
        return members.stream().filter(Member::isAggregator).toList();
    }

    public List<Member> leaves() {
        return members.stream().filter(m -> !m.isAggregator()).toList();
    }

    /** The same cluster seen by the member at {@code address}. */
    public ClusterState viewOf(NodeAddress address) {
        Member m = member(address).orElseThrow(() -> new IllegalArgumentException(address + " is not a member"));
        return new ClusterState(m.role(), m.address(), master, members);
    }
}
