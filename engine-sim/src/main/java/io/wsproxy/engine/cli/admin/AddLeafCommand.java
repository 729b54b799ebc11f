package io.wsproxy.engine.cli.admin;

import picocli.CommandLine.Command;

@Command(name = "add-leaf", mixinStandardHelpOptions = true,
        description = "Add a running node to the cluster as a leaf (ADD LEAF on the master).")
final class AddLeafCommand extends AddNodeCommand {
    @Override
    String kind() {
        return "LEAF";
    }
}
