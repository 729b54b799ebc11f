package io.wsproxy.engine.cli.admin;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The toolbox, in the shape of SingleStore's {@code sdb-admin}, over a cluster registry file
 * (DESIGN.md section 7). Every error is one line on stderr and a non-zero exit, and a command
 * writes nothing until it has checked all of its input.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Create, start, stop and configure the nodes of a local cluster (sdb-admin's commands).",
        subcommands = {CreateNodeCommand.class, AddAggregatorCommand.class, AddLeafCommand.class,
            StartNodeCommand.class, StopNodeCommand.class, ListNodesCommand.class, UpdateConfigCommand.class})
public final class AdminCommand implements Runnable {
    @Option(names = "--registry", scope = ScopeType.INHERIT, paramLabel = "FILE",
            defaultValue = "${env:WSPROXY_REGISTRY:-wsproxy-cluster.json}",
            description = "The cluster registry file (default: $WSPROXY_REGISTRY or ${DEFAULT-VALUE}).")
    Path registry;

    @Spec
    CommandSpec spec;

    Path registryFile() {
        return registry.toAbsolutePath().normalize();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The one line an error prints; the exit code says which kind it was. */
    public static int report(Exception e, CommandLine commandLine) {
        String message = e instanceof AdminException ? e.getMessage() : e.toString();
        commandLine.getErr().println("error: " + AdminException.oneLine(message));
        return e instanceof AdminException ? 1 : 70;
    }
}
