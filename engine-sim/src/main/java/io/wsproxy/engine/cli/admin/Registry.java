package io.wsproxy.engine.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsproxy.control.proxy.NodeRole;
import io.wsproxy.engine.cluster.ClusterState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The toolbox's cluster registry file (sdb-admin keeps the same in its state file): the nodes
 * it created, in creation order. A file that is missing or not what this class writes is an
 * {@link AdminException}, and nothing is written until a command has checked all its input.
 */
public final class Registry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<RegisteredNode> nodes;

    private Registry(Path file, List<RegisteredNode> nodes) {
        this.file = file;
        this.nodes = new ArrayList<>(nodes);
    }

    /** The registry every command but create-node needs. */
    public static Registry load(Path file) {
        return read(file).orElseThrow(() -> new AdminException("cluster registry " + file
                + " does not exist: create a node first (admin create-node), or pass --registry"));
    }

    /** create-node: an empty registry when the file does not exist yet. */
    public static Registry loadOrEmpty(Path file) {
        return read(file).orElseGet(() -> new Registry(file, List.of()));
    }

    private static Optional<Registry> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AdminException("cannot read cluster registry " + file + ": " + e.getMessage());
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.path("nodes").isArray()) {
                throw new IllegalArgumentException("no 'nodes' list");
            }
            List<RegisteredNode> nodes = new ArrayList<>();
            for (JsonNode n : root.get("nodes")) {
                nodes.add(new RegisteredNode(field(n, "memsqlId"), Path.of(field(n, "baseDir")), field(n, "host"),
                        port(n), n.hasNonNull("pid") ? n.get("pid").asLong() : null));
            }
            return Optional.of(new Registry(file, nodes));
        } catch (JsonProcessingException e) {
            throw corrupt(file, "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static AdminException corrupt(Path file, String why) {
        return new AdminException("cluster registry " + file + " is corrupt (" + why + "); fix or remove it");
    }

    private static String field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("a node without '" + name + "'");
        }
        return v.asText();
    }

    private static int port(JsonNode node) {
        JsonNode v = node.get("port");
        if (v == null || !v.canConvertToInt() || v.asInt() < 1 || v.asInt() > 65535) {
            throw new IllegalArgumentException("a node without a valid 'port'");
        }
        return v.asInt();
    }

    public void save() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("nodes");
        for (RegisteredNode n : nodes) {
            ObjectNode o = list.addObject().put("memsqlId", n.memsqlId()).put("baseDir", n.baseDir().toString())
                    .put("host", n.host()).put("port", n.port());
            if (n.pid() != null) {
                o.put("pid", n.pid());
            }
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".registry", ".tmp");
            try {
                Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new AdminException("cannot write cluster registry " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    public List<RegisteredNode> nodes() {
        return List.copyOf(nodes);
    }

    public void add(RegisteredNode node) {
        nodes.add(node);
    }

    public void replace(RegisteredNode node) {
        nodes.replaceAll(n -> n.memsqlId().equals(node.memsqlId()) ? node : n);
    }

    /** By id or unique id prefix, any case, as sdb-admin's --memsql-id. */
    public RegisteredNode find(String id) {
        String wanted = id.strip().toUpperCase(Locale.ROOT);
        List<RegisteredNode> matches = nodes.stream().filter(n -> n.memsqlId().startsWith(wanted)).toList();
        if (wanted.isEmpty() || matches.isEmpty()) {
            throw new AdminException("unknown node id '" + id + "' (admin list-nodes shows the ids)");
        }
        if (matches.size() > 1) {
            throw new AdminException("node id '" + id + "' is ambiguous: it starts " + matches.size() + " ids");
        }
        return matches.get(0);
    }

    /**
     * The Master Aggregator: the node whose metadata says MASTER of a cluster with members; before
     * the first ADD, the first node created that is MASTER.
     */
    public RegisteredNode master() {
        List<RegisteredNode> masters = nodes.stream()
                .filter(n -> n.cluster().filter(c -> c.role() == NodeRole.MASTER && c.clustered()).isPresent())
                .toList();
        if (masters.size() > 1) {
            throw new AdminException(masters.get(0).describe() + " and " + masters.get(1).describe()
                    + " both say they are the Master Aggregator: on the one to keep, REMOVE AGGREGATOR the other,"
                    + " then ADD AGGREGATOR it again");
        }
        if (masters.size() == 1) {
            return masters.get(0);
        }
        return nodes.stream().filter(n -> n.cluster().map(ClusterState::role).orElse(null) == NodeRole.MASTER)
                .findFirst().orElseThrow(() -> new AdminException("no node of " + file + " is a Master Aggregator"));
    }
}
