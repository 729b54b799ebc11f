package io.wsproxy.engine.cli.admin;

import picocli.CommandLine.Command;

@Command(name = "add-aggregator", mixinStandardHelpOptions = true,
        description = "Add a running node to the cluster as a child aggregator (ADD AGGREGATOR on the master).")
final class AddAggregatorCommand extends AddNodeCommand {
    @Override
    String kind() {
        return "AGGREGATOR";
    }
}
