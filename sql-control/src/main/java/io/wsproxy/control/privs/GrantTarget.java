package io.wsproxy.control.privs;

import java.util.Locale;

/**
 * The {@code ON} part of GRANT and REVOKE: {@code *.*}, {@code db.*} or {@code db.table}.
 * A {@code null} database means "the session's current database" ({@code ON *} or
 * {@code ON table}); the engine resolves it before storing a grant.
 */
public record GrantTarget(String database, String table) {
    public static final String ANY = "*";
    public static final GrantTarget GLOBAL = new GrantTarget(ANY, ANY);

    public GrantTarget {
        if (table == null || table.isEmpty()) {
            throw new IllegalArgumentException("grant target needs a table or *");
        }
    }

    public static GrantTarget database(String db) {
        return new GrantTarget(db, ANY);
    }

    public boolean isGlobal() {
        return ANY.equals(database) && ANY.equals(table);
    }

    /** Whether a grant on this target applies to the given database (case-insensitive). */
    public boolean coversDatabase(String db) {
        return ANY.equals(database) || (database != null && db != null
                && database.toLowerCase(Locale.ROOT).equals(db.toLowerCase(Locale.ROOT)));
    }

    /** As SHOW GRANTS prints it: {@code *.*}, {@code `db`.*}, {@code `db`.`t`}. */
    public String toSql() {
        return quote(database) + "." + quote(table);
    }

    private static String quote(String name) {
        return name == null || ANY.equals(name) ? ANY : "`" + name.replace("`", "``") + "`";
    }
}
