package io.wsproxy.engine.cli.admin;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --all | --memsql-id ID}: exactly one. */
final class Targets {
    @Option(names = "--all", required = true, description = "Every node of the registry.")
    boolean all;

    @Option(names = "--memsql-id", required = true, paramLabel = "ID", description = "One node, by id or unique id prefix.")
    String memsqlId;

    List<RegisteredNode> select(Registry registry) {
        if (all) {
            if (registry.nodes().isEmpty()) {
                throw new AdminException("the registry " + registry.file() + " has no nodes");
            }
            return registry.nodes();
        }
        return List.of(registry.find(memsqlId));
    }
}
