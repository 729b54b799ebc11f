package io.wsproxy.engine.sql;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.parse.Statement.AlterUser;
import io.wsproxy.control.parse.Statement.CreateUser;
import io.wsproxy.control.parse.Statement.DropUser;
import io.wsproxy.control.parse.Statement.Grant;
import io.wsproxy.control.parse.Statement.Revoke;
import io.wsproxy.control.parse.Statement.SetPassword;
import io.wsproxy.control.parse.Statement.ShowGrants;
import io.wsproxy.control.privs.GrantTarget;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.control.privs.UserRef;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.auth.NativePassword;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Accounts and grants. Passwords are hashed here, at once, into MySQL native hashes: nothing
 * past this class sees a clear password, and nothing logs one.
 */
final class UserStatements {
    private UserStatements() {
    }

    static void create(Session session, CreateUser statement, boolean more) throws IOException {
        Privileges.requireGlobal(session, Privilege.CREATE_USER);
        session.node().users().create(statement.user(), hash(statement.password()), statement.requireSsl(),
                statement.ifNotExists());
        session.node().log().info("connection {} created user {}", session.id(), statement.user());
        Results.ok(session, 0, 0, more);
    }

    static void alter(Session session, AlterUser statement, boolean more) throws IOException {
        Privileges.requireGlobal(session, Privilege.CREATE_USER);
        session.node().users().alter(statement.user(),
                statement.password() == null ? null : hash(statement.password()),
                statement.requireSsl(), statement.ifExists());
        Results.ok(session, 0, 0, more);
    }

    static void drop(Session session, DropUser statement, boolean more) throws IOException {
        Privileges.requireGlobal(session, Privilege.CREATE_USER);
        session.node().users().drop(statement.users(), statement.ifExists());
        session.node().log().info("connection {} dropped users {}", session.id(), statement.users());
        Results.ok(session, 0, 0, more);
    }

    static void grant(Session session, Grant statement, boolean more) throws IOException {
        Privileges.requireGlobal(session, Privilege.GRANT_OPTION);
        session.node().users().grant(statement.privileges(), resolve(session, statement.target()),
                statement.users(), statement.withGrantOption());
        Results.ok(session, 0, 0, more);
    }

    static void revoke(Session session, Revoke statement, boolean more) throws IOException {
        Privileges.requireGlobal(session, Privilege.GRANT_OPTION);
        session.node().users().revoke(statement.privileges(), resolve(session, statement.target()),
                statement.users());
        Results.ok(session, 0, 0, more);
    }

    static void showGrants(Session session, ShowGrants statement, boolean more) throws IOException {
        UserRef self = session.account().ref();
        UserRef user = statement.user() == null ? self : statement.user();
        if (!user.equals(self)) {
            Privileges.requireGlobal(session, Privilege.CREATE_USER);
        }
        List<byte[][]> rows = new ArrayList<>();
        for (String line : session.node().users().showGrants(user)) {
            rows.add(Results.row(line));
        }
        Results.table(session, List.of(Results.text("Grants for " + user.user() + "@" + user.host())), rows, more);
    }

    static void setPassword(Session session, SetPassword statement, boolean more) throws IOException {
        UserRef self = session.account().ref();
        UserRef user = statement.user() == null ? self : statement.user();
        if (!user.equals(self)) {
            Privileges.requireGlobal(session, Privilege.CREATE_USER);
        }
        session.node().users().alter(user, hash(statement.password()), null, false);
        Results.ok(session, 0, 0, more);
    }

    /** {@code ON *} and {@code ON tbl} mean the current database (1046 without one). */
    private static GrantTarget resolve(Session session, GrantTarget target) {
        if (target.database() != null) {
            return target;
        }
        String current = session.data().database();
        if (current == null) {
            throw ErrorCode.NO_DB.error();
        }
        return new GrantTarget(current, target.table());
    }

    private static String hash(String password) {
        return NativePassword.storedHash(password == null ? "" : password);
    }
}
