package io.wsproxy.engine.cli.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Starts nodes in the background, one progress line each; a node's role comes from its metadata. */
@Command(name = "start-node", mixinStandardHelpOptions = true,
        description = "Start nodes (each its own process) and wait until they accept connections.")
final class StartNodeCommand implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Targets targets;

    @Override
    public Integer call() {
        Registry registry = Registry.load(admin.registryFile());
        // All start at once (each node is its own JVM), then each is awaited in order.
        Map<RegisteredNode, NodeProcess.Pending> pending = new LinkedHashMap<>();
        Map<RegisteredNode, ProxyPorts> ports = new LinkedHashMap<>();
        for (RegisteredNode node : targets.select(registry)) {
            ports.put(node, ProxyPorts.of(node));
            ports.get(node).conflict(node).ifPresent(System.out::println);
            if (NodeProcess.running(node.pid(), node.baseDir()).isPresent()) {
                System.out.println(node.describe() + ": already running");
            } else {
                pending.put(node, NodeProcess.spawn(node.baseDir(), List.of()));
            }
        }
        int failed = 0;
        for (Map.Entry<RegisteredNode, NodeProcess.Pending> e : pending.entrySet()) {
            RegisteredNode node = e.getKey();
            try {
                NodeProcess.Started started = e.getValue().awaitReady();
                registry.replace(node.withPid(started.process().pid()));
                registry.save();
                System.out.println("Started " + node.describe() + ": " + node.roleName() + ", "
                        + ports.get(node).describeFor(node, started.proxyUrl()));
            } catch (AdminException failure) {
                System.err.println("error: " + failure.getMessage());
                failed++;
            }
            System.out.flush();
        }
        return failed == 0 ? 0 : 1;
    }
}
