package io.wsproxy.control.vars;

import io.wsproxy.control.SqlException;

/** What an expression can see of its session. */
public interface EvalContext {
    /** {@code @@x} in its SELECT form; 1193/1238 as {@link SessionVariables#read}. */
    Object systemVariable(Scope scope, String name);

    Object userVariable(String name);

    /** The current database, or null. */
    String database();

    /** {@code user@client-host}, as USER() prints it. */
    String user();

    /** {@code user@grant-host}, as CURRENT_USER() prints it. */
    String currentUser();

    long connectionId();

    String version();

    /** A column of the row being filtered (SHOW VARIABLES WHERE); none by default. */
    default Object column(String name) {
        throw new SqlException(1054, "42S22", "Unknown column '" + name + "' in 'where clause'");
    }
}
