package io.wsproxy.engine.cli.admin;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Stops nodes with SIGTERM (a clean shutdown: proxy sessions close with 1001), one progress line each. */
@Command(name = "stop-node", mixinStandardHelpOptions = true, description = "Stop running nodes.")
final class StopNodeCommand implements Callable<Integer> {
    @ParentCommand
    AdminCommand admin;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Targets targets;

    @Override
    public Integer call() {
        Registry registry = Registry.load(admin.registryFile());
        for (RegisteredNode node : targets.select(registry)) {
            Optional<ProcessHandle> process = NodeProcess.running(node.pid(), node.baseDir());
            if (process.isEmpty()) {
                System.out.println(node.describe() + ": not running");
                continue;
            }
            NodeProcess.stop(process.get());
            registry.replace(node.withPid(null));
            registry.save();
            System.out.println("Stopped " + node.describe());
            System.out.flush();
        }
        return 0;
    }
}
