package io.wsproxy.engine.sql;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.engine.session.Session;

/** Privilege checks shared by the statement handlers. */
final class Privileges {
    private Privileges() {
    }

    static boolean hasSuper(Session session) {
        return session.account().hasGlobal(Privilege.SUPER);
    }

    /** 1227 unless the account holds SUPER or one of the given global privileges. */
    static void requireGlobal(Session session, Privilege... alternatives) {
        if (hasSuper(session)) {
            return;
        }
        StringBuilder names = new StringBuilder("SUPER");
        for (Privilege p : alternatives) {
            if (session.account().hasGlobal(p)) {
                return;
            }
            names.append(", ").append(p.sqlName());
        }
        throw ErrorCode.SPECIFIC_ACCESS_DENIED.error(names);
    }

    /** 1044 unless the account holds the privilege on the database (or globally). */
    static void requireOnDatabase(Session session, Privilege privilege, String database) {
        if (!session.account().has(privilege, database)) {
            throw ErrorCode.DB_ACCESS_DENIED.error(session.account().ref().user(), session.clientHost(),
                    database);
        }
    }
}
