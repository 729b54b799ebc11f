package io.wsproxy.engine.cluster;

import io.wsproxy.control.proxy.NodeRole;

/**
 * One node of a cluster as the others know it: its address, its role, the account the cluster
 * statements reach it with (that of its ADD statement, as in SingleStore), and, for a leaf, its
 * availability group. The password never shows in {@code toString()}.
 */
public record Member(NodeAddress address, NodeRole role, String user, String password, int availabilityGroup) {
    public Member {
        if (address == null || role == null || user == null) {
            throw new IllegalArgumentException("a member needs an address, a role and a user");
        }
        password = password == null ? "" : password;
    }

    public Member withRole(NodeRole newRole) {
        return new Member(address, newRole, user, password, availabilityGroup);
    }

    public boolean isAggregator() {
        return role != NodeRole.LEAF;
    }

    @Override
    public String toString() {
        return role + " " + user + "@" + address;
    }
}
