package io.wsproxy.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar engine-sim.jar <node | admin | demo> ...} */
@Command(name = "engine-sim", mixinStandardHelpOptions = true,
        description = "A simulated SingleStore node with a SQL-controlled WebSocket proxy.",
        subcommands = {NodeCommand.class, DemoCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
