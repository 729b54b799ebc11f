package io.wsproxy.engine.cluster;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.parse.Statement.NodeLogin;
import io.wsproxy.control.proxy.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * This node's part in its cluster (DESIGN.md section 7): the cluster statements, and the CLUSTER
 * SYNC by which the node that changed the cluster tells every member its new role and roster
 * over the MySQL protocol. Each change is written to the node metadata before it takes effect;
 * a change of this node's role is then handed to the proxy as one event (I5: promotion starts
 * the proxy iff its variables ask for one, demotion stops it). One change at a time.
 */
public final class Cluster {
    private final Path file;
    private final NodeAddress local;
    private final Consumer<NodeRole> roleChanged;
    private final Peers peers;
    private final Logger log;
    private ClusterState state;

    /**
     * @param stored       what the node metadata held at start ({@link NodeMetadata#load})
     * @param local        where this node listens, for a node the cluster does not know yet
     * @param roleChanged  told of every change of this node's role, after it is stored
     */
    public Cluster(Path file, ClusterState stored, NodeAddress local, Consumer<NodeRole> roleChanged, Peers peers,
            Logger log) {
        this.file = file;
        this.state = stored;
        this.local = local;
        this.roleChanged = roleChanged;
        this.peers = peers;
        this.log = log;
    }

    public synchronized ClusterState state() {
        return state;
    }

    public NodeRole role() {
        return state().role();
    }

    /** This node's address as the cluster knows it. */
    public synchronized NodeAddress self() {
        return state.self() != null ? state.self() : local;
    }

    public Peers peers() {
        return peers;
    }

    /**
     * ADD AGGREGATOR / ADD LEAF. The Master Aggregator runs it; a child aggregator hands ADD
     * AGGREGATOR to its master, as SingleStore forwards it.
     */
    public void add(NodeLogin login, NodeRole role, int group) {
        ClusterState s = state();
        if (role == NodeRole.AGGREGATOR && s.role() == NodeRole.AGGREGATOR && s.master() != null) {
            Member master = s.member(s.master()).orElseThrow();
            send(master, "ADD AGGREGATOR " + Sql.quote(login.user()) + ":" + Sql.quote(login.password()) + "@"
                    + Sql.quote(login.host()) + ":" + login.port());
            return;
        }
        addOnMaster(login, role, group);
    }

    private synchronized void addOnMaster(NodeLogin login, NodeRole role, int group) {
        requireMaster("ADD " + role.name());
        NodeAddress target = new NodeAddress(login.host(), login.port());
        NodeAddress me = self();
        if (target.sameAs(me)) {
            throw ErrorCode.NODE_ALREADY_IN_CLUSTER.error(key(target), "it is this node, the Master Aggregator");
        }
        state.member(target).ifPresent(m -> {
            throw ErrorCode.NODE_ALREADY_IN_CLUSTER.error(key(target), "already in the cluster as " + m.role());
        });
        List<Member> members = new ArrayList<>(state.members());
        if (members.isEmpty()) {
            // The first member: the master enters its own roster, reachable with the same account.
            members.add(new Member(me, NodeRole.MASTER, login.user(), login.password(), 0));
        }
        Member added = new Member(target, role, login.user(), login.password(),
                role == NodeRole.LEAF ? Math.max(1, group) : 0);
        members.add(added);
        ClusterState next = new ClusterState(NodeRole.MASTER, me, me, members);
        send(added, sync(next.viewOf(target)));
        commit(next, "added " + added);
        broadcast(next, target);
    }

    /** REMOVE AGGREGATOR: the removed node is told it left, when it can be reached. */
    public synchronized void removeAggregator(NodeAddress target) {
        requireMaster("REMOVE AGGREGATOR");
        NodeAddress me = self();
        if (target.sameAs(me)) {
            throw ErrorCode.FEATURE_NOT_SUPPORTED.error("REMOVE AGGREGATOR of the Master Aggregator");
        }
        Member removed = state.member(target).filter(Member::isAggregator).orElseThrow(() ->
                ErrorCode.NODE_NOT_IN_CLUSTER.error("AGGREGATORS", target + " is not an aggregator of this cluster"));
        List<Member> members = new ArrayList<>(state.members());
        members.remove(removed);
        ClusterState next = members.size() == 1 ? ClusterState.standalone()
                : new ClusterState(NodeRole.MASTER, me, me, members);
        tell(removed, ClusterState.detached());
        commit(next, "removed " + removed);
        broadcast(next, target);
    }

    /**
     * AGGREGATOR SET AS MASTER, on a child aggregator: the old master steps down to AGGREGATOR
     * first, when it can be reached, so that two proxies never serve as master at once; then this
     * node becomes MASTER and the other members learn of it.
     */
    public synchronized void setAsMaster() {
        if (state.role() != NodeRole.AGGREGATOR || state.master() == null) {
            throw ErrorCode.FEATURE_NOT_SUPPORTED.error("AGGREGATOR SET AS MASTER on " + describe());
        }
        NodeAddress me = self();
        NodeAddress oldMaster = state.master();
        List<Member> members = new ArrayList<>();
        for (Member m : state.members()) {
            members.add(m.address().sameAs(oldMaster) ? m.withRole(NodeRole.AGGREGATOR)
                    : m.address().sameAs(me) ? m.withRole(NodeRole.MASTER) : m);
        }
        ClusterState next = new ClusterState(NodeRole.MASTER, me, me, members);
        Member old = next.member(oldMaster).orElseThrow();
        try {
            send(old, sync(next.viewOf(oldMaster)));
        } catch (SqlException e) {
            if (!e.is(ErrorCode.NODE_UNREACHABLE)) {
                throw e; // it answered and refused: nothing changed here either
            }
            log.warn("cluster: the old master {} cannot be told to step down: {}", oldMaster, e.getMessage());
        }
        commit(next, "promoted to Master Aggregator; " + oldMaster + " was the master");
        broadcast(next, oldMaster);
    }

    /** CLUSTER SYNC: the node that changed the cluster tells this one its role and roster. */
    public synchronized void sync(String document) {
        ClusterState next;
        try {
            next = ClusterJson.read(document);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INTERNAL.error("CLUSTER SYNC: " + e.getMessage());
        }
        if (next.master() != null && state.clustered() && !knows(next.master())) {
            throw ErrorCode.FEATURE_NOT_SUPPORTED.error("adding a node of another cluster (its master is "
                    + state.master() + ")");
        }
        commit(next, next.master() == null ? "left the cluster" : "synced from " + next.master());
    }

    private boolean knows(NodeAddress address) {
        return address.sameAs(state.master()) || state.member(address).isPresent();
    }

    private void requireMaster(String statement) {
        if (state.role() != NodeRole.MASTER) {
            throw ErrorCode.FEATURE_NOT_SUPPORTED.error(statement + " on " + describe());
        }
    }

    private String describe() {
        return switch (state.role()) {
            case MASTER -> "the Master Aggregator";
            case AGGREGATOR -> state.master() == null ? "an aggregator outside any cluster" : "a child aggregator";
            case LEAF -> "a leaf";
        };
    }

    private void commit(ClusterState next, String why) {
        NodeRole was = state.role();
        try {
            NodeMetadata.store(file, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        state = next;
        log.info("cluster: {}; this node is {}", why, next.role());
        if (next.role() != was) {
            roleChanged.accept(next.role());
        }
    }

    /** Tells the other members (all but this node and {@code except}); one that cannot be reached is logged. */
    private void broadcast(ClusterState next, NodeAddress except) {
        for (Member m : next.members()) {
            if (!m.address().sameAs(next.self()) && !m.address().sameAs(except)) {
                tell(m, next.viewOf(m.address()));
            }
        }
    }

    /** Best effort: a node that cannot be reached learns nothing, and that is logged. */
    private void tell(Member to, ClusterState view) {
        try {
            send(to, sync(view));
        } catch (SqlException e) {
            log.warn("cluster: could not tell {} of the change: {}", to, e.getMessage());
        }
    }

    private static String sync(ClusterState view) {
        return "CLUSTER SYNC " + Sql.quote(ClusterJson.compact(view));
    }

    /** The peer's own error as it gave it; 1429 when it cannot be reached. */
    private void send(Member to, String sql) {
        try {
            peers.run(to.address(), to.user(), to.password(), sql);
        } catch (IOException e) {
            throw ErrorCode.NODE_UNREACHABLE.error(to.address() + ": " + e.getMessage());
        }
    }

    private static String key(NodeAddress address) {
        return address.host() + ":" + address.port();
    }
}
