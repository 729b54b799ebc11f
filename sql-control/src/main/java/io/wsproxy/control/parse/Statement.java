package io.wsproxy.control.parse;

import io.wsproxy.control.privs.GrantTarget;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.control.privs.UserRef;
import io.wsproxy.control.vars.Scope;
import java.util.List;
import java.util.Set;

/**
 * What one SQL statement asks of the engine. Control statements are parsed here; everything
 * else is {@link Passthrough} for the data plane.
 */
public sealed interface Statement {
    /** {@code SET a = 1, GLOBAL b = 2, @u = 3}: all or nothing. */
    record SetVariables(List<Assignment> assignments) implements Statement {
        public SetVariables {
            assignments = List.copyOf(assignments);
        }
    }

    /** One assignment; {@code scope} USER assigns the user variable {@code @name}. */
    record Assignment(Scope scope, String name, Expr value) {
    }

    record SetNames(String charset, String collation) implements Statement {
    }

    record SetCharacterSet(String charset) implements Statement {
    }

    /** {@code SET [GLOBAL|SESSION] TRANSACTION ...}; isolation in dash form (READ-COMMITTED). */
    record SetTransaction(Scope scope, String isolationLevel, Boolean readOnly) implements Statement {
    }

    /** {@code SET PASSWORD [FOR user] = 'p'}; a null user is the current one. */
    record SetPassword(UserRef user, String password) implements Statement {
        @Override
        public String toString() {
            return "SetPassword[user=" + user + "]";
        }
    }

    /** {@code SELECT @@x [AS a], DATABASE() ... [LIMIT n]}, evaluated by the engine itself. */
    record SelectVariables(List<SelectItem> items, Long limit) implements Statement {
        public SelectVariables {
            items = List.copyOf(items);
        }
    }

    /** A select item and its column name: the alias, else the item as written. */
    record SelectItem(Expr expr, String columnName) {
    }

    record ShowVariables(Scope scope, String likePattern, Expr where) implements Statement {
    }

    record ShowWarnings(boolean errorsOnly, boolean countOnly, Long limit) implements Statement {
    }

    record ShowProxyStatus() implements Statement {
    }

    record RestartProxy() implements Statement {
    }

    /** {@code SHOW AGGREGATORS [EXTENDED]} (DESIGN.md section 7). */
    record ShowAggregators(boolean extended) implements Statement {
    }

    record ShowLeaves() implements Statement {
    }

    /** {@code ADD AGGREGATOR user[:'password']@'host':port}. */
    record AddAggregator(NodeLogin login) implements Statement {
    }

    /** {@code ADD LEAF user[:'password']@'host':port [INTO GROUP {1|2}]}; group 0 when not given. */
    record AddLeaf(NodeLogin login, int availabilityGroup) implements Statement {
    }

    /** {@code REMOVE AGGREGATOR 'host':port}. */
    record RemoveAggregator(String host, int port) implements Statement {
    }

    /** {@code AGGREGATOR SET AS MASTER}, run on the child aggregator to promote. */
    record AggregatorSetAsMaster() implements Statement {
    }

    /**
     * {@code CLUSTER SYNC 'document'}: how nodes tell each other about roles and membership (not
     * a SingleStore statement; SUPER only). The document is the engine's; it holds credentials,
     * so it never shows in {@code toString()}.
     */
    record ClusterSync(String document) implements Statement {
        @Override
        public String toString() {
            return "ClusterSync[" + document.length() + " chars]";
        }
    }

    /** The account and address of a node to add; the password never shows in {@code toString()}. */
    record NodeLogin(String user, String password, String host, int port) {
        @Override
        public String toString() {
            return user + "@'" + host + "':" + port;
        }
    }

    /** {@code SHOW GRANTS [FOR user]}; a null user is the current one. */
    record ShowGrants(UserRef user) implements Statement {
    }

    record ShowDatabases(String likePattern) implements Statement {
    }

    record CreateUser(boolean ifNotExists, UserRef user, String password, boolean requireSsl) implements Statement {
        @Override
        public String toString() {
            return "CreateUser[" + user + ", requireSsl=" + requireSsl + "]";
        }
    }

    /** Null password or requireSsl: unchanged. */
    record AlterUser(boolean ifExists, UserRef user, String password, Boolean requireSsl) implements Statement {
        @Override
        public String toString() {
            return "AlterUser[" + user + "]";
        }
    }

    record DropUser(boolean ifExists, List<UserRef> users) implements Statement {
        public DropUser {
            users = List.copyOf(users);
        }
    }

    record Grant(Set<Privilege> privileges, GrantTarget target, List<UserRef> users, boolean withGrantOption)
            implements Statement {
        public Grant {
            privileges = Set.copyOf(privileges);
            users = List.copyOf(users);
        }
    }

    record Revoke(Set<Privilege> privileges, GrantTarget target, List<UserRef> users) implements Statement {
        public Revoke {
            privileges = Set.copyOf(privileges);
            users = List.copyOf(users);
        }
    }

    record Kill(boolean queryOnly, long connectionId) implements Statement {
    }

    record Use(String database) implements Statement {
    }

    record CreateDatabase(String name, boolean ifNotExists) implements Statement {
    }

    record DropDatabase(String name, boolean ifExists) implements Statement {
    }

    record TransactionControl(Kind kind) implements Statement {
        public enum Kind {
            BEGIN, COMMIT, ROLLBACK
        }
    }

    /** Anything else, unchanged, for the data plane. */
    record Passthrough(String sql) implements Statement {
    }
}
