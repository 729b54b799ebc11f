package io.wsproxy.engine.cli.admin;

import io.wsproxy.control.SqlException;
import io.wsproxy.engine.cluster.MySqlClient;
import io.wsproxy.engine.cluster.Sql;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * add-aggregator and add-leaf: runs ADD AGGREGATOR / ADD LEAF on the Master Aggregator with the
 * node's address and the given account, as sdb-admin does. Both nodes must be running.
 */
abstract class AddNodeCommand implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Option(names = "--memsql-id", required = true, paramLabel = "ID", description = "The node to add.")
    String memsqlId;

    @Mixin
    Login login;

    /** "AGGREGATOR" or "LEAF". */
    abstract String kind();

    @Override
    public Integer call() {
        Registry registry = Registry.load(admin.registryFile());
        RegisteredNode node = registry.find(memsqlId);
        RegisteredNode master = registry.master();
        if (node.memsqlId().equals(master.memsqlId())) {
            throw new AdminException(node.describe() + " is the Master Aggregator");
        }
        for (RegisteredNode n : new RegisteredNode[] {master, node}) {
            if (NodeProcess.running(n.pid(), n.baseDir()).isEmpty()) {
                throw new AdminException(n.describe() + " is not running: admin start-node --memsql-id " + n.shortId());
            }
        }
        String sql = "ADD " + kind() + " " + Sql.quote(login.user) + ":" + Sql.quote(login.password) + "@"
                + Sql.quote(node.host()) + ":" + node.port();
        try (MySqlClient client = login.connect(master)) {
            client.query(sql);
        } catch (SqlException e) {
            throw new AdminException("ADD " + kind() + " on the Master Aggregator " + master.describe() + " failed: " + e);
        } catch (IOException e) {
            throw new AdminException("lost " + master.describe() + ": " + e.getMessage());
        }
        System.out.println("Added " + node.describe() + " as " + (kind().equals("LEAF") ? "a leaf" : "a child aggregator")
                + " of the Master Aggregator " + master.describe());
        return 0;
    }
}
