package io.wsproxy.control.privs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Static privileges as GRANT names them (MySQL "Privileges Provided by MySQL"). */
public enum Privilege {
    SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES,
    CREATE_TEMPORARY_TABLES, LOCK_TABLES, EXECUTE, CREATE_VIEW, SHOW_VIEW,
    CREATE_ROUTINE, ALTER_ROUTINE, EVENT, TRIGGER,
    PROCESS, RELOAD, SHUTDOWN, SHOW_DATABASES, CREATE_USER, SUPER,
    GRANT_OPTION;

    /** What {@code ALL [PRIVILEGES]} grants: everything but GRANT OPTION. */
    public static Set<Privilege> all() {
        EnumSet<Privilege> all = EnumSet.allOf(Privilege.class);
        all.remove(GRANT_OPTION);
        return all;
    }

    /** The privileges that only make sense ON *.* (MySQL error 1221 otherwise). */
    public boolean isGlobalOnly() {
        return switch (this) {
            case PROCESS, RELOAD, SHUTDOWN, SHOW_DATABASES, CREATE_USER, SUPER -> true;
            default -> false;
        };
    }

    /** As written in SQL: {@code CREATE TEMPORARY TABLES}, {@code GRANT OPTION}. */
    public String sqlName() {
        return name().replace('_', ' ');
    }

    /** Parses a privilege name as written in SQL, any case, words separated by spaces. */
    public static Optional<Privilege> fromSql(String words) {
        String key = words.trim().replaceAll("\\s+", "_").toUpperCase(Locale.ROOT);
        try {
            return Optional.of(valueOf(key));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
