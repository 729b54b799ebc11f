package io.wsproxy.engine.cli.admin;

import io.wsproxy.engine.config.MemsqlCnf;
import io.wsproxy.engine.users.UserStore;
import io.wsproxy.wire.auth.NativePassword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Creates a node that is not running yet: its base directory, a memsql.cnf with its port, and
 * its root account (stored as a native hash, as the node stores it). A new node is the Master
 * Aggregator of a cluster of its own until add-aggregator or add-leaf makes it a member.
 */
@Command(name = "create-node", mixinStandardHelpOptions = true,
        description = "Create a node (base directory, memsql.cnf, root account) and register it.")
public final class CreateNodeCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--base-dir", required = true, paramLabel = "DIR", description = "The node's directory (created).")
    Path baseDir;

    @Option(names = "--port", defaultValue = "3306", description = "The node's MySQL port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-p", "--password"}, defaultValue = "${env:MEMSQL_PASSWORD:-}", paramLabel = "PASSWORD",
            description = "root's password (default: $MEMSQL_PASSWORD, else empty).")
    String password;

    /** A node's files before its first start: memsql.cnf with its port, and root's account. */
    public static void initialize(Path dir, int port, String rootPassword) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        MemsqlCnf.createDefault(dir.resolve("memsql.cnf"), port);
        UserStore.open(dir.resolve("data"), NativePassword.storedHash(rootPassword));
    }

    @Override
    public Integer call() throws IOException {
        if (port < 1 || port > 65535) {
            throw new AdminException("--port " + port + " is not in 1..65535");
        }
        Registry registry = Registry.loadOrEmpty(admin.registryFile());
        Path dir = baseDir.toAbsolutePath().normalize();
        if (Files.exists(dir.resolve("memsql.cnf"))) {
            throw new AdminException(dir + " already holds a node (memsql.cnf exists)");
        }
        for (RegisteredNode other : registry.nodes()) {
            if (other.port() == port) {
                throw new AdminException("port " + port + " is already " + other.describe() + "'s");
            }
        }
        initialize(dir, port, password);
        byte[] id = new byte[20];
        RANDOM.nextBytes(id);
        RegisteredNode node = new RegisteredNode(HexFormat.of().formatHex(id).toUpperCase(Locale.ROOT), dir,
                "127.0.0.1", port, null);
        registry.add(node);
        registry.save();
        System.out.println("Created node " + node.memsqlId() + " in " + dir + " (127.0.0.1:" + port + ")");
        return 0;
    }
}
