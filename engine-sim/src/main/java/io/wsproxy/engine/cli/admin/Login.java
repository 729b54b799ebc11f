package io.wsproxy.engine.cli.admin;

import io.wsproxy.control.SqlException;
import io.wsproxy.engine.cluster.MySqlClient;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The database account the toolbox connects with, as sdb-admin's --user and --password. */
final class Login {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--user", defaultValue = "root", description = "Database user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = {"-p", "--password"}, defaultValue = "${env:MEMSQL_PASSWORD:-}", paramLabel = "PASSWORD",
            description = "The user's password (default: $MEMSQL_PASSWORD, else empty).")
    String password;

    /** Connects to a running node; a refused login or an unreachable node is one line. */
    MySqlClient connect(RegisteredNode node) {
        try {
            return MySqlClient.connect(node.address(), user, password, TIMEOUT);
        } catch (SqlException e) {
            throw new AdminException("cannot log in to " + node.describe() + " as " + user + ": " + e);
        } catch (IOException e) {
            throw new AdminException("cannot reach " + node.describe() + ": " + e.getMessage());
        }
    }
}
