package io.wsproxy.control.parse;

import io.wsproxy.control.parse.Statement.*;
import io.wsproxy.control.privs.GrantTarget;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.control.privs.UserRef;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE/ALTER/DROP USER, GRANT, REVOKE, and CREATE/DROP DATABASE. Returns null for the other
 * CREATE, ALTER and DROP statements (tables, indexes...), which are the data plane's.
 */
final class AccountParser {
    private AccountParser() {
    }

    static Statement parse(Parser p) {
        Token verb = p.next();
        return switch (verb.upper()) {
            case "CREATE" -> create(p);
            case "ALTER" -> p.accept("USER") ? alterUser(p) : null;
            case "DROP" -> drop(p);
            case "GRANT" -> grant(p);
            default -> revoke(p);
        };
    }

    private static Statement create(Parser p) {
        if (p.accept("USER")) {
            boolean ifNotExists = ifExists(p, true);
            UserRef user = requireAccount(p);
            String password = identifiedBy(p);
            Boolean ssl = requireClause(p);
            p.expectEnd();
            return new CreateUser(ifNotExists, user, password, Boolean.TRUE.equals(ssl));
        }
        if (p.accept("DATABASE") || p.accept("SCHEMA")) {
            boolean ifNotExists = ifExists(p, true);
            String name = p.name(false);
            databaseOptions(p);
            p.expectEnd();
            return new CreateDatabase(name, ifNotExists);
        }
        return null;
    }

    private static Statement alterUser(Parser p) {
        boolean ifExists = ifExists(p, false);
        UserRef user = requireAccount(p);
        String password = identifiedBy(p);
        Boolean ssl = requireClause(p);
        p.expectEnd();
        return new AlterUser(ifExists, user, password, ssl);
    }

    private static Statement drop(Parser p) {
        if (p.accept("USER")) {
            boolean ifExists = ifExists(p, false);
            List<UserRef> users = p.accounts();
            p.expectEnd();
            return new DropUser(ifExists, users);
        }
        if (p.accept("DATABASE") || p.accept("SCHEMA")) {
            boolean ifExists = ifExists(p, false);
            String name = p.name(false);
            p.expectEnd();
            return new DropDatabase(name, ifExists);
        }
        return null;
    }

    private static Statement grant(Parser p) {
        Set<Privilege> privileges = privileges(p);
        p.expect("ON");
        GrantTarget target = target(p);
        p.expect("TO");
        List<UserRef> users = p.accounts();
        boolean withGrant = false;
        if (p.accept("WITH")) {
            p.expect("GRANT");
            p.expect("OPTION");
            withGrant = true;
        }
        p.expectEnd();
        return new Grant(privileges, target, users, withGrant);
    }

    private static Statement revoke(Parser p) {
        Set<Privilege> privileges = privileges(p);
        GrantTarget target = GrantTarget.GLOBAL;
        if (p.accept("ON")) {
            target = target(p);
        } else if (!privileges.containsAll(Privilege.all())) {
            throw p.error(); // only REVOKE ALL PRIVILEGES, GRANT OPTION may omit ON
        }
        p.expect("FROM");
        List<UserRef> users = p.accounts();
        p.expectEnd();
        return new Revoke(privileges, target, users);
    }

    /** {@code ALL [PRIVILEGES]}, {@code USAGE}, or names of one or more words, comma-separated. */
    private static Set<Privilege> privileges(Parser p) {
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        do {
            if (p.accept("ALL")) {
                p.accept("PRIVILEGES");
                privileges.addAll(Privilege.all());
                continue;
            }
            if (p.accept("USAGE")) {
                continue;
            }
            StringBuilder words = new StringBuilder();
            Token start = p.peek();
            while (p.peek().kind() == Token.Kind.WORD && !p.peek().is("ON") && !p.peek().is("FROM")
                    && !p.peek().is("TO")) {
                words.append(p.next().text()).append(' ');
            }
            Privilege privilege = Privilege.fromSql(words.toString()).orElse(null);
            if (privilege == null) {
                throw Parser.syntaxError(p.sql(), start.start(), start.line());
            }
            privileges.add(privilege);
        } while (p.acceptSymbol(","));
        return privileges;
    }

    /** {@code *.*}, {@code *}, {@code db.*}, {@code db.tbl}, {@code tbl} (optionally after TABLE). */
    private static GrantTarget target(Parser p) {
        p.accept("TABLE");
        String first = p.acceptSymbol("*") ? GrantTarget.ANY : p.name(false);
        if (!p.acceptSymbol(".")) {
            return new GrantTarget(null, first);
        }
        String second = p.acceptSymbol("*") ? GrantTarget.ANY : p.name(false);
        if (GrantTarget.ANY.equals(first) && !GrantTarget.ANY.equals(second)) {
            throw p.error(); // *.tbl is not valid
        }
        return new GrantTarget(first, second);
    }

    private static boolean ifExists(Parser p, boolean not) {
        if (!p.accept("IF")) {
            return false;
        }
        if (not) {
            p.expect("NOT");
        }
        p.expect("EXISTS");
        return true;
    }

    private static UserRef requireAccount(Parser p) {
        UserRef user = p.account();
        if (user == null) {
            throw p.error();
        }
        return user;
    }

    /** {@code IDENTIFIED BY 'p'} or {@code IDENTIFIED WITH plugin BY 'p'}; null when absent. */
    private static String identifiedBy(Parser p) {
        if (!p.accept("IDENTIFIED")) {
            return null;
        }
        if (p.accept("WITH")) {
            String plugin = p.nameOrString();
            if (!plugin.equalsIgnoreCase("mysql_native_password")) {
                throw Parser.syntaxError(p.sql(), p.previous().start(), p.previous().line());
            }
            if (!p.accept("BY")) {
                return "";
            }
        } else {
            p.expect("BY");
        }
        return p.string();
    }

    /** {@code REQUIRE SSL} true, {@code REQUIRE NONE} false, absent null. */
    private static Boolean requireClause(Parser p) {
        if (!p.accept("REQUIRE")) {
            return null;
        }
        if (p.accept("NONE")) {
            return false;
        }
        if (p.accept("SSL") || p.accept("X509")) {
            return true;
        }
        throw p.error();
    }

    /** {@code [DEFAULT] CHARACTER SET [=] x}, {@code [DEFAULT] COLLATE [=] x}: accepted, not kept. */
    private static void databaseOptions(Parser p) {
        while (!p.atEnd()) {
            p.accept("DEFAULT");
            if (p.accept("CHARACTER")) {
                p.expect("SET");
            } else if (!p.accept("CHARSET") && !p.accept("COLLATE")) {
                throw p.error();
            }
            p.acceptSymbol("=");
            p.nameOrString();
        }
    }
}
