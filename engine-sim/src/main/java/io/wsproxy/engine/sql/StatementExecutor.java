package io.wsproxy.engine.sql;

import io.wsproxy.control.parse.Statement;
import io.wsproxy.control.parse.Statement.*;
import io.wsproxy.control.parse.StatementParser;
import io.wsproxy.engine.session.Session;
import java.io.IOException;

/**
 * Runs one statement of a COM_QUERY and writes its reply. Control statements (parsed by
 * sql-control) are answered by the engine; everything else goes to the H2 data plane.
 */
public final class StatementExecutor {
    /** Grants and passwords changed by other sessions apply from the next statement on. */
    static void refreshAccount(Session session) {
        session.node().users().find(session.account().ref()).ifPresent(session::account);
    }

    public void execute(Session session, String sql, boolean more) throws IOException {
        Statement statement = StatementParser.parse(sql);
        if (!(statement instanceof ShowWarnings)) {
            session.warnings().clear();
        }
        refreshAccount(session);

        if (statement instanceof Passthrough s) {
            DataStatements.passthrough(session, s, more);
        } else if (statement instanceof SetVariables s) {
            VariableStatements.set(session, s, more);
        } else if (statement instanceof SetNames s) {
            VariableStatements.setNames(session, s, more);
        } else if (statement instanceof SetCharacterSet s) {
            VariableStatements.setCharacterSet(session, s, more);
        } else if (statement instanceof SetTransaction s) {
            VariableStatements.setTransaction(session, s, more);
        } else if (statement instanceof SelectVariables s) {
            VariableStatements.select(session, s, more);
        } else if (statement instanceof ShowVariables s) {
            VariableStatements.show(session, s, more);
        } else if (statement instanceof ShowWarnings s) {
            SessionStatements.showWarnings(session, s, more);
        } else if (statement instanceof Use s) {
            SessionStatements.use(session, s, more);
        } else if (statement instanceof TransactionControl s) {
            SessionStatements.transaction(session, s, more);
        } else if (statement instanceof Kill s) {
            SessionStatements.kill(session, s, more);
        } else if (statement instanceof CreateDatabase s) {
            DataStatements.createDatabase(session, s, more);
        } else if (statement instanceof DropDatabase s) {
            DataStatements.dropDatabase(session, s, more);
        } else if (statement instanceof ShowDatabases s) {
            DataStatements.showDatabases(session, s, more);
        } else if (statement instanceof CreateUser s) {
            UserStatements.create(session, s, more);
        } else if (statement instanceof AlterUser s) {
            UserStatements.alter(session, s, more);
        } else if (statement instanceof DropUser s) {
            UserStatements.drop(session, s, more);
        } else if (statement instanceof Grant s) {
            UserStatements.grant(session, s, more);
        } else if (statement instanceof Revoke s) {
            UserStatements.revoke(session, s, more);
        } else if (statement instanceof ShowGrants s) {
            UserStatements.showGrants(session, s, more);
        } else if (statement instanceof SetPassword s) {
            UserStatements.setPassword(session, s, more);
        } else if (statement instanceof RestartProxy) {
            ProxyStatements.restart(session, more);
        } else if (statement instanceof ShowProxyStatus) {
            ProxyStatements.status(session, more);
        } else {
            executeCluster(session, statement, more);
        }
    }

    private static void executeCluster(Session session, Statement statement, boolean more) throws IOException {
        if (statement instanceof ShowAggregators s) {
            ClusterStatements.showAggregators(session, s, more);
        } else if (statement instanceof ShowLeaves s) {
            ClusterStatements.showLeaves(session, s, more);
        } else if (statement instanceof AddAggregator s) {
            ClusterStatements.addAggregator(session, s, more);
        } else if (statement instanceof AddLeaf s) {
            ClusterStatements.addLeaf(session, s, more);
        } else if (statement instanceof RemoveAggregator s) {
            ClusterStatements.removeAggregator(session, s, more);
        } else if (statement instanceof AggregatorSetAsMaster) {
            ClusterStatements.setAsMaster(session, more);
        } else if (statement instanceof ClusterSync s) {
            ClusterStatements.sync(session, s, more);
        } else {
            throw new IllegalStateException("no handler for " + statement.getClass().getSimpleName());
        }
    }
}
