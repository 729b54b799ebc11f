package io.wsproxy.engine.cli.admin;

import io.wsproxy.control.SqlException;
import io.wsproxy.control.vars.VariableRegistry;
import io.wsproxy.control.vars.VariableSpec;
import io.wsproxy.engine.cluster.MySqlClient;
import io.wsproxy.engine.cluster.Sql;
import io.wsproxy.engine.config.MemsqlCnf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * sdb-admin's update-config: sets a key in memsql.cnf (read at the node's next start) and, with
 * {@code --set-global}, runs SET GLOBAL on the running nodes too. The key, the value and, for
 * --set-global, every node's login are checked before any file is written.
 */
@Command(name = "update-config", mixinStandardHelpOptions = true,
        description = "Set an engine variable in memsql.cnf; with --set-global also SET GLOBAL on running nodes.")
final class UpdateConfigCommand implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @Option(names = "--key", required = true, description = "The engine variable, e.g. http_proxy_port.")
    String key;

    @Option(names = "--value", required = true, description = "Its value.")
    String value;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Targets targets;

    @Option(names = "--set-global", description = "Also run SET GLOBAL on each node (they must be running).")
    boolean setGlobal;

    @Mixin
    Login login;

    @Override
    public Integer call() throws IOException {
        Registry registry = Registry.load(admin.registryFile());
        List<RegisteredNode> nodes = targets.select(registry);
        VariableSpec spec = check();
        Map<RegisteredNode, MySqlClient> clients = new LinkedHashMap<>();
        try {
            if (setGlobal) {
                for (RegisteredNode node : nodes) {
                    if (NodeProcess.running(node.pid(), node.baseDir()).isEmpty()) {
                        throw new AdminException(node.describe() + " is not running: --set-global needs a running node"
                                + " (start it, or leave out --set-global)");
                    }
                }
                for (RegisteredNode node : nodes) {
                    clients.put(node, login.connect(node));
                }
            }
            for (RegisteredNode node : nodes) {
                MemsqlCnf.set(node.cnf(), spec.name(), value.strip());
                System.out.println("Updated memsql.cnf of " + node.describe() + ": " + spec.name() + " = " + value.strip());
            }
            for (Map.Entry<RegisteredNode, MySqlClient> e : clients.entrySet()) {
                setGlobal(e.getKey(), e.getValue(), spec);
            }
        } finally {
            clients.values().forEach(MySqlClient::close);
        }
        return 0;
    }

    /** The key must be an engine variable memsql.cnf may hold, the value one its type accepts. */
    private VariableSpec check() {
        VariableSpec spec = VariableRegistry.standard().find(key.strip())
                .orElseThrow(() -> new AdminException("unknown key '" + key + "': not an engine variable"));
        if (spec.name().equals("proxy_inject_failure")) {
            throw new AdminException("proxy_inject_failure cannot be set in memsql.cnf: it is a SET GLOBAL switch");
        }
        if (spec.name().equals("port")) {
            throw new AdminException("a node's port is its address in the cluster and the registry; it cannot change");
        }
        if (value.contains("\n") || value.contains("\r")) {
            throw new AdminException("--value must be one line");
        }
        try {
            spec.type().fromConfig(spec.name(), value.strip());
        } catch (SqlException e) {
            throw new AdminException("invalid --value for " + spec.name() + ": " + e);
        }
        if (setGlobal && spec.readOnly()) {
            throw new AdminException(spec.name() + " is read-only: --set-global cannot change it; it applies at the"
                    + " node's next start");
        }
        return spec;
    }

    private void setGlobal(RegisteredNode node, MySqlClient client, VariableSpec spec) throws IOException {
        String sql = "SET GLOBAL " + spec.name() + " = " + Sql.quote(value.strip());
        MySqlClient.Reply reply;
        try {
            reply = client.query(sql);
        } catch (SqlException e) {
            throw new AdminException(sql + " failed on " + node.describe() + ": " + e);
        }
        System.out.println("Ran SET GLOBAL " + spec.name() + " = " + value.strip() + " on " + node.describe());
        if (reply.warnings() > 0) {
            List<String> warnings = new ArrayList<>();
            for (List<String> row : client.query("SHOW WARNINGS").rows()) {
                warnings.add("warning " + row.get(1) + ": " + row.get(2));
            }
            warnings.forEach(w -> System.out.println("  " + node.describe() + ": " + w));
        }
    }
}
