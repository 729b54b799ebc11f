package io.wsproxy.engine.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** sdb-admin's list-nodes: id, role (from node metadata), address, process state, connectable. */
@Command(name = "list-nodes", mixinStandardHelpOptions = true, description = "List the nodes of the registry.")
final class ListNodesCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("MemSQL ID", "Role", "Host", "Port", "Process State",
            "Connectable?", "Base Dir");

    @ParentCommand
    AdminCommand admin;

    @Option(names = {"-j", "--json"}, description = "One JSON document instead of a table.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        Registry registry = Registry.load(admin.registryFile());
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        List<List<String>> rows = new ArrayList<>();
        for (RegisteredNode node : registry.nodes()) {
            boolean running = NodeProcess.running(node.pid(), node.baseDir()).isPresent();
            boolean connectable = running && connectable(node);
            array.addObject().put("memsqlId", node.memsqlId()).put("role", node.roleName()).put("host", node.host())
                    .put("port", node.port()).put("processState", running ? "Running" : "Stopped")
                    .put("connectable", connectable).put("baseDir", node.baseDir().toString());
            rows.add(List.of(node.shortId(), node.roleName(), node.host(), Integer.toString(node.port()),
                    running ? "Running" : "Stopped", connectable ? "True" : "False", node.baseDir().toString()));
        }
        if (json) {
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
                    mapper.createObjectNode().set("nodes", array)));
        } else {
            System.out.print(table(rows));
        }
        return 0;
    }

    private static boolean connectable(RegisteredNode node) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(node.host(), node.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String table(List<List<String>> rows) {
        int[] widths = HEADER.stream().mapToInt(String::length).toArray();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        String rule = rule(widths);
        out.append(rule).append(line(HEADER, widths)).append(rule);
        rows.forEach(row -> out.append(line(row, widths)));
        return out.append(rule).toString();
    }

    private static String rule(int[] widths) {
        StringBuilder s = new StringBuilder("+");
        for (int w : widths) {
            s.append("-".repeat(w + 2)).append('+');
        }
        return s.append('\n').toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder s = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            s.append(' ').append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
        }
        return s.append('\n').toString();
    }
}
