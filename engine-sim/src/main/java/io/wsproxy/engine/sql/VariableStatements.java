package io.wsproxy.engine.sql;

import io.wsproxy.control.parse.Expr;
import io.wsproxy.control.parse.Statement.SelectVariables;
import io.wsproxy.control.parse.Statement.SetCharacterSet;
import io.wsproxy.control.parse.Statement.SetNames;
import io.wsproxy.control.parse.Statement.SetTransaction;
import io.wsproxy.control.parse.Statement.SetVariables;
import io.wsproxy.control.parse.Statement.ShowVariables;
import io.wsproxy.control.parse.Statement.Assignment;
import io.wsproxy.control.parse.Statement.SelectItem;
import io.wsproxy.control.vars.ExprEvaluator;
import io.wsproxy.control.vars.ProxyVariables;
import io.wsproxy.control.vars.Scope;
import io.wsproxy.control.vars.VariableRegistry;
import io.wsproxy.control.vars.VariableSpec;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.message.ColumnDefinition41;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** SET, SET NAMES, SET TRANSACTION, SELECT @@..., SHOW VARIABLES. */
final class VariableStatements {
    private VariableStatements() {
    }

    /**
     * Nothing restarts on SET (I6): after a SET GLOBAL of a proxy variable the manager only logs a
     * conflict (I3). The fault-injection switch acts when this statement sets it, and only then:
     * the running proxy fails (or loses the part it names), and the switch reads '' again.
     */
    static void set(Session session, SetVariables statement, boolean more) throws IOException {
        apply(session, statement.assignments());
        VariableRegistry variables = session.node().variables();
        boolean proxyVariable = false;
        boolean fault = false;
        for (Assignment a : statement.assignments()) {
            Optional<VariableSpec> spec = a.scope() == Scope.GLOBAL ? variables.find(a.name()) : Optional.empty();
            proxyVariable |= spec.map(VariableSpec::proxy).orElse(false);
            fault |= spec.filter(s -> s == ProxyVariables.INJECT_FAILURE).isPresent();
        }
        if (fault) {
            String value = variables.globalString(ProxyVariables.INJECT_FAILURE);
            variables.setInternal(ProxyVariables.INJECT_FAILURE.name(), "");
            if (!value.isEmpty()) {
                session.node().proxy().injectFailure(value);
            }
        }
        if (proxyVariable) {
            session.node().proxy().settingsChanged();
        }
        Results.ok(session, 0, 0, more);
    }

    static void setNames(Session session, SetNames statement, boolean more) throws IOException {
        String charset = statement.charset();
        List<Assignment> assignments = new ArrayList<>(List.of(
                assign("character_set_client", charset),
                assign("character_set_connection", charset),
                assign("character_set_results", charset)));
        if (statement.collation() != null) {
            assignments.add(assign("collation_connection", statement.collation()));
        }
        apply(session, assignments);
        Results.ok(session, 0, 0, more);
    }

    static void setCharacterSet(Session session, SetCharacterSet statement, boolean more) throws IOException {
        apply(session, List.of(
                assign("character_set_client", statement.charset()),
                assign("character_set_results", statement.charset())));
        Results.ok(session, 0, 0, more);
    }

    static void setTransaction(Session session, SetTransaction statement, boolean more) throws IOException {
        Scope scope = statement.scope() == Scope.GLOBAL ? Scope.GLOBAL : Scope.SESSION;
        List<Assignment> assignments = new ArrayList<>();
        if (statement.isolationLevel() != null) {
            assignments.add(new Assignment(scope, "transaction_isolation",
                    new Expr.Literal(statement.isolationLevel())));
        }
        if (statement.readOnly() != null) {
            assignments.add(new Assignment(scope, "transaction_read_only",
                    new Expr.Literal(statement.readOnly() ? 1L : 0L)));
        }
        apply(session, assignments);
        Results.ok(session, 0, 0, more);
    }

    static void select(Session session, SelectVariables statement, boolean more) throws IOException {
        SessionContext context = new SessionContext(session);
        List<ColumnDefinition41> columns = new ArrayList<>();
        byte[][] row = new byte[statement.items().size()][];
        for (int i = 0; i < row.length; i++) {
            SelectItem item = statement.items().get(i);
            Object value = ExprEvaluator.eval(item.expr(), context);
            columns.add(Results.forValue(item.columnName(), value));
            row[i] = Results.textValue(value);
        }
        boolean noRows = statement.limit() != null && statement.limit() == 0;
        Results.table(session, columns, noRows ? List.of() : List.<byte[][]>of(row), more);
    }

    static void show(Session session, ShowVariables statement, boolean more) throws IOException {
        List<byte[][]> rows = new ArrayList<>();
        for (Map.Entry<String, String> variable : session.node().variables().show(statement.scope(),
                session.variables())) {
            if (matches(session, statement, variable)) {
                rows.add(Results.row(variable.getKey(), variable.getValue()));
            }
        }
        Results.table(session, List.of(Results.text("Variable_name"), Results.text("Value")), rows, more);
    }

    private static boolean matches(Session session, ShowVariables statement, Map.Entry<String, String> variable) {
        if (statement.likePattern() != null) {
            return ExprEvaluator.like(variable.getKey(), statement.likePattern());
        }
        if (statement.where() == null) {
            return true;
        }
        Object verdict = ExprEvaluator.evalPredicate(statement.where(), new SessionContext(session) {
            @Override
            public Object column(String name) {
                return switch (name.toLowerCase(Locale.ROOT)) {
                    case "variable_name" -> variable.getKey();
                    case "value" -> variable.getValue();
                    default -> super.column(name);
                };
            }
        });
        return ExprEvaluator.isTrue(verdict);
    }

    private static Assignment assign(String name, String value) {
        return new Assignment(Scope.SESSION, name, new Expr.Literal(value));
    }

    /** Applies all or nothing, keeps the warnings, and follows autocommit into the H2 session. */
    private static void apply(Session session, List<Assignment> assignments) {
        session.warnings().addAll(session.node().variables().apply(assignments, session.variables(),
                Privileges.hasSuper(session), new SessionContext(session)));
        boolean autocommit = session.variables().autocommit();
        if (session.data().autoCommit() != autocommit) {
            session.data().setAutoCommit(autocommit);
        }
    }
}
