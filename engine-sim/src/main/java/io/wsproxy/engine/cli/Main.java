package io.wsproxy.engine.cli;

import io.wsproxy.engine.cli.admin.AdminCommand;
import io.wsproxy.engine.cli.admin.AdminException;
import io.wsproxy.proxy.NettyBuffers;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar engine-sim.jar <node | admin | demo> ...} */
@Command(name = "engine-sim", mixinStandardHelpOptions = true,
        description = "A simulated SingleStore node with a SQL-controlled WebSocket proxy.",
        subcommands = {NodeCommand.class, AdminCommand.class, DemoCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        NettyBuffers.choosePooled(); // the node hosts the proxy
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: one line per error, no stack trace for expected ones. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("error: " + AdminException.oneLine(e.getMessage()).replaceFirst("^Error: ", "")
                    + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> AdminCommand.report(e, commandLine));
        return cl;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
