package io.wsproxy.control.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.control.SqlException;
import io.wsproxy.control.parse.Statement.AddAggregator;
import io.wsproxy.control.parse.Statement.AddLeaf;
import io.wsproxy.control.parse.Statement.AggregatorSetAsMaster;
import io.wsproxy.control.parse.Statement.ClusterSync;
import io.wsproxy.control.parse.Statement.NodeLogin;
import io.wsproxy.control.parse.Statement.Passthrough;
import io.wsproxy.control.parse.Statement.RemoveAggregator;
import io.wsproxy.control.parse.Statement.ShowAggregators;
import io.wsproxy.control.parse.Statement.ShowLeaves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cluster statements in SingleStore's syntax (DESIGN.md section 7). */
class ClusterStatementParserTest {

    private static void assertSyntaxError(String sql) {
        assertThatThrownBy(() -> StatementParser.parse(sql))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo(1064));
    }

    @Test
    void addAggregatorTakesUserPasswordQuotedHostAndPort() {
        assertThat(StatementParser.parse("ADD AGGREGATOR root:'s3cret'@'10.0.2.16':3306;"))
                .isEqualTo(new AddAggregator(new NodeLogin("root", "s3cret", "10.0.2.16", 3306)));
    }

    @Test
    void addAggregatorPasswordIsOptionalAndTheHostMayBeUnquoted() {
        assertThat(StatementParser.parse("add aggregator root@127.0.0.1:3307"))
                .isEqualTo(new AddAggregator(new NodeLogin("root", "", "127.0.0.1", 3307)));
    }

    @Test
    void addAggregatorAcceptsAQuotedUser() {
        assertThat(StatementParser.parse("ADD AGGREGATOR 'admin':'p''w'@'localhost':3306"))
                .isEqualTo(new AddAggregator(new NodeLogin("admin", "p'w", "localhost", 3306)));
    }

    @Test
    void addLeafTakesAnOptionalAvailabilityGroup() {
        assertThat(StatementParser.parse("ADD LEAF root:'pw'@'127.0.0.1':3308"))
                .isEqualTo(new AddLeaf(new NodeLogin("root", "pw", "127.0.0.1", 3308), 0));
        assertThat(StatementParser.parse("ADD LEAF root:'pw'@'127.0.0.1':3308 INTO GROUP 2"))
                .isEqualTo(new AddLeaf(new NodeLogin("root", "pw", "127.0.0.1", 3308), 2));
    }

    @Test
    void aLoginNeverPrintsItsPassword() {
        Statement statement = StatementParser.parse("ADD LEAF root:'hunter2'@'127.0.0.1':3308");
        assertThat(statement.toString()).doesNotContain("hunter2").contains("root@'127.0.0.1':3308");
    }

    @Test
    void removeAggregatorTakesAQuotedHostAndPort() {
        assertThat(StatementParser.parse("REMOVE AGGREGATOR '10.0.2.16':3306"))
                .isEqualTo(new RemoveAggregator("10.0.2.16", 3306));
    }

    @Test
    void aggregatorSetAsMasterIsOneStatement() {
        assertThat(StatementParser.parse("AGGREGATOR SET AS MASTER;")).isEqualTo(new AggregatorSetAsMaster());
    }

    @Test
    void showAggregatorsAndShowLeaves() {
        assertThat(StatementParser.parse("SHOW AGGREGATORS")).isEqualTo(new ShowAggregators(false));
        assertThat(StatementParser.parse("show aggregators extended")).isEqualTo(new ShowAggregators(true));
        assertThat(StatementParser.parse("SHOW LEAVES")).isEqualTo(new ShowLeaves());
    }

    @Test
    void clusterSyncCarriesItsDocumentAndNeverPrintsIt() {
        Statement statement = StatementParser.parse("CLUSTER SYNC '{\"password\":\"hunter2\"}'");
        assertThat(statement).isEqualTo(new ClusterSync("{\"password\":\"hunter2\"}"));
        assertThat(statement.toString()).doesNotContain("hunter2");
    }

    @Test
    void otherAddAndRemoveStatementsAreTheDataPlanes() {
        assertThat(StatementParser.parse("ADD something")).isInstanceOf(Passthrough.class);
        assertThat(StatementParser.parse("REMOVE LEAF '1.2.3.4':3306")).isInstanceOf(Passthrough.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ADD AGGREGATOR", "ADD AGGREGATOR root", "ADD AGGREGATOR root:pw@'h':1", "ADD AGGREGATOR root:'pw'@'h'",
        "ADD AGGREGATOR root@'h':0", "ADD AGGREGATOR root@'h':65536", "ADD AGGREGATOR root@'h':3306 extra",
        "ADD AGGREGATOR root@'h':'3306'", "ADD LEAF root@'h':3306 INTO GROUP 3", "ADD LEAF root@'h':3306 INTO 1",
        "REMOVE AGGREGATOR 'h'", "REMOVE AGGREGATOR 'h':x", "AGGREGATOR SET AS", "AGGREGATOR SET AS CHILD",
        "AGGREGATOR", "CLUSTER SYNC", "CLUSTER SYNC 1", "CLUSTER RESET", "SHOW AGGREGATORS ALL", "SHOW LEAVES 1"})
    void malformedClusterStatementsAreSyntaxErrors(String sql) {
        assertSyntaxError(sql);
    }
}
