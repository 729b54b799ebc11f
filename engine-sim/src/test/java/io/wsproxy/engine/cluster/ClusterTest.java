package io.wsproxy.engine.cluster;

import static io.wsproxy.engine.cluster.InMemoryCluster.address;
import static io.wsproxy.engine.cluster.InMemoryCluster.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.control.SqlException;
import io.wsproxy.control.parse.Statement.NodeLogin;
import io.wsproxy.control.proxy.NodeRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTest {
    private static final int M = 3306;
    private static final int C = 3307;
    private static final int L = 3308;

    @TempDir
    Path dir;
    InMemoryCluster net;
    Cluster master;
    Cluster child;
    Cluster leaf;

    @BeforeEach
    void threeNewNodes() throws IOException {
        net = new InMemoryCluster(dir);
        master = net.node(M);
        child = net.node(C);
        leaf = net.node(L);
    }

    private void formCluster() {
        master.add(login(C), NodeRole.AGGREGATOR, 0);
        master.add(login(L), NodeRole.LEAF, 0);
        assertThat(net.roleEvents).containsExactly("3307:AGGREGATOR", "3308:LEAF");
        net.roleEvents.clear();
    }

    private static void assertError(int code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aNewNodeIsTheMasterOfAClusterOfItsOwn() {
        assertThat(master.role()).isEqualTo(NodeRole.MASTER);
        assertThat(master.state().clustered()).isFalse();
    }

    @Test
    void addTellsEachNewMemberItsRoleAndEveryMemberLearnsTheRoster() throws IOException {
        formCluster();

        assertThat(child.role()).isEqualTo(NodeRole.AGGREGATOR);
        assertThat(leaf.role()).isEqualTo(NodeRole.LEAF);
        for (Cluster node : new Cluster[] {master, child, leaf}) {
            assertThat(node.state().master()).isEqualTo(address(M));
            assertThat(node.state().members()).extracting(m -> m.address().port() + ":" + m.role())
                    .containsExactly("3306:MASTER", "3307:AGGREGATOR", "3308:LEAF");
        }
        assertThat(NodeMetadata.load(net.metadata(L)).role()).as("stored in node metadata").isEqualTo(NodeRole.LEAF);
    }

    @Test
    void eachRoleChangeReachesTheProxyOnceAndAfterItIsStored() throws IOException {
        Path file = net.metadata(C);
        child = net.node(C, role -> {
            try {
                assertThat(NodeMetadata.load(file).role()).as("stored before the proxy hears of it").isEqualTo(role);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        formCluster();
        child.setAsMaster();
        assertThat(net.roleEvents).containsExactly("3306:AGGREGATOR", "3307:MASTER");
    }

    @Test
    void metadataIsReadableByTheNodesUserOnly() throws IOException {
        formCluster();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(net.metadata(M)))).isEqualTo("rw-------");
    }

    @Test
    void addOfAMemberIs1062AndChangesNothing() throws IOException {
        formCluster();
        String before = Files.readString(net.metadata(M));
        assertError(1062, () -> master.add(login(L), NodeRole.AGGREGATOR, 0));
        assertError(1062, () -> master.add(login(M), NodeRole.LEAF, 0));
        assertThat(Files.readString(net.metadata(M))).isEqualTo(before);
        assertThat(leaf.role()).isEqualTo(NodeRole.LEAF);
    }

    @Test
    void addOfANodeThatIsDownIs1429AndChangesNothing() {
        net.down(L);
        assertError(1429, () -> master.add(login(L), NodeRole.LEAF, 0));
        assertThat(master.state().clustered()).isFalse();
        assertThat(Files.exists(net.metadata(M))).isFalse();
    }

    @Test
    void addWithAWrongPasswordIs1429NamingTheRefusedLogin() {
        assertThatThrownBy(() -> master.add(new NodeLogin("root", "wrong", "127.0.0.1", L), NodeRole.LEAF, 0))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo(1429))
                .hasMessageContaining("1045").hasMessageNotContaining("wrong");
        assertThat(leaf.role()).isEqualTo(NodeRole.MASTER);
    }

    @Test
    void addOfTheMasterOfAnotherClusterIsRefusedByThatNode() throws IOException {
        Cluster other = net.node(4000);
        Cluster otherLeaf = net.node(4001);
        other.add(login(4001), NodeRole.LEAF, 0);

        assertError(1706, () -> master.add(login(4000), NodeRole.AGGREGATOR, 0));
        assertThat(other.role()).isEqualTo(NodeRole.MASTER);
        assertThat(master.state().clustered()).isFalse();
        assertThat(otherLeaf.state().master()).isEqualTo(address(4000));
    }

    @Test
    void statementsOnTheWrongRoleAre1706() {
        formCluster();
        assertError(1706, () -> leaf.add(login(4000), NodeRole.AGGREGATOR, 0));
        assertError(1706, () -> child.add(login(4000), NodeRole.LEAF, 0));
        assertError(1706, () -> child.removeAggregator(address(M)));
        assertError(1706, () -> master.setAsMaster());
        assertError(1706, () -> leaf.setAsMaster());
        assertThat(net.roleEvents).isEmpty();
    }

    @Test
    void addAggregatorOnAChildIsRunByTheMaster() throws IOException {
        formCluster();
        Cluster second = net.node(3309);
        child.add(login(3309), NodeRole.AGGREGATOR, 0);
        assertThat(second.role()).isEqualTo(NodeRole.AGGREGATOR);
        assertThat(master.state().member(address(3309))).isPresent();
        assertThat(child.state().member(address(3309))).isPresent();
    }

    @Test
    void setAsMasterDemotesTheOldMasterBeforePromotingItself() {
        formCluster();
        child.setAsMaster();

        assertThat(net.roleEvents).containsExactly("3306:AGGREGATOR", "3307:MASTER");
        for (Cluster node : new Cluster[] {master, child, leaf}) {
            assertThat(node.state().master()).isEqualTo(address(C));
        }
        assertThat(master.role()).isEqualTo(NodeRole.AGGREGATOR);
        assertThat(leaf.role()).isEqualTo(NodeRole.LEAF);
    }

    @Test
    void setAsMasterWhileTheMasterIsDownPromotesAnyway() {
        formCluster();
        net.down(M);
        child.setAsMaster();
        assertThat(child.role()).isEqualTo(NodeRole.MASTER);
        assertThat(leaf.state().master()).isEqualTo(address(C));
        assertThat(net.roleEvents).containsExactly("3307:MASTER");
    }

    @Test
    void anOldMasterThatMissedItsDemotionStepsDownWhenTheNewMasterRemovesItAndIsAddedBack() {
        formCluster();
        net.down(M);
        child.setAsMaster();
        net.up(M);
        assertThat(master.role()).as("it never heard of the promotion").isEqualTo(NodeRole.MASTER);

        child.removeAggregator(address(M));
        assertThat(master.role()).isEqualTo(NodeRole.AGGREGATOR);
        child.add(login(M), NodeRole.AGGREGATOR, 0);

        assertThat(master.state().master()).isEqualTo(address(C));
        assertThat(leaf.state().member(address(M)).map(Member::role)).contains(NodeRole.AGGREGATOR);
        assertThat(net.roleEvents).containsExactly("3307:MASTER", "3306:AGGREGATOR");
    }

    @Test
    void theNewMasterCanChangeTheClusterAndTheOldOneCanBePromotedBack() {
        formCluster();
        child.setAsMaster();
        master.setAsMaster();
        assertThat(master.role()).isEqualTo(NodeRole.MASTER);
        assertThat(child.role()).isEqualTo(NodeRole.AGGREGATOR);
        assertThat(leaf.state().master()).isEqualTo(address(M));
    }

    @Test
    void removeAggregatorDetachesItAndTheOthersForgetIt() {
        formCluster();
        master.removeAggregator(address(C));

        assertThat(child.role()).isEqualTo(NodeRole.AGGREGATOR);
        assertThat(child.state().clustered()).isFalse();
        assertThat(child.state().master()).isNull();
        assertThat(master.state().member(address(C))).isEmpty();
        assertThat(leaf.state().member(address(C))).isEmpty();
        master.add(login(C), NodeRole.AGGREGATOR, 0); // and it can be added again
        assertThat(child.state().master()).isEqualTo(address(M));
    }

    @Test
    void removeOfTheMasterIs1706AndOfANonAggregatorIs1032() {
        formCluster();
        assertError(1706, () -> master.removeAggregator(address(M)));
        assertError(1032, () -> master.removeAggregator(address(L)));
        assertError(1032, () -> master.removeAggregator(address(4999)));
        assertThat(master.state().members()).hasSize(3);
    }

    @Test
    void malformedSyncIsRefusedAndChangesNothing() {
        assertError(1105, () -> leaf.sync("{\"role\":\"BOSS\"}"));
        assertError(1105, () -> leaf.sync("not json"));
        assertThat(leaf.role()).isEqualTo(NodeRole.MASTER);
        assertThat(Files.exists(net.metadata(L))).isFalse();
    }

    @Test
    void theRoleSurvivesARestart() throws IOException {
        formCluster();
        Cluster reopened = net.node(L);
        assertThat(reopened.role()).isEqualTo(NodeRole.LEAF);
        assertThat(reopened.self()).isEqualTo(address(L));
    }

    @Test
    void corruptMetadataStopsTheNodeWithTheFileNamed() throws IOException {
        Files.createDirectories(net.metadata(L).getParent());
        Files.writeString(net.metadata(L), "{\"role\":");
        assertThatThrownBy(() -> NodeMetadata.load(net.metadata(L)))
                .isInstanceOf(IOException.class).hasMessageContaining(net.metadata(L).toString());
    }
}
