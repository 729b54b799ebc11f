package io.wsproxy.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsproxy.control.proxy.NodeRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link ClusterState} as JSON: the node metadata file and the document of CLUSTER SYNC.
 * {@code {"role":"LEAF","self":{"host":"127.0.0.1","port":3308},"master":{"host":"127.0.0.1","port":3306},"members":[{"host":...,
 * "port":...,"role":...,"user":...,"password":...,"group":1}]}}
 */
public final class ClusterJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterJson() {
    }

    /** One line, for CLUSTER SYNC. */
    public static String compact(ClusterState state) {
        return write(state, false);
    }

    /** Indented, for the metadata file. */
    public static String write(ClusterState state) {
        return write(state, true);
    }

    private static String write(ClusterState state, boolean pretty) {
        ObjectNode root = JSON.createObjectNode().put("role", state.role().name());
        if (state.self() != null) {
            root.set("self", address(state.self()));
        }
        if (state.master() != null) {
            root.set("master", address(state.master()));
        }
        ArrayNode members = root.putArray("members");
        for (Member m : state.members()) {
            ObjectNode node = address(m.address());
            node.put("role", m.role().name()).put("user", m.user()).put("password", m.password())
                    .put("group", m.availabilityGroup());
            members.add(node);
        }
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) : JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong, never echoing a password */
    public static ClusterState read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        NodeRole role = role(root.get("role"));
        NodeAddress self = root.hasNonNull("self") ? address(root.get("self")) : null;
        NodeAddress master = root.hasNonNull("master") ? address(root.get("master")) : null;
        List<Member> members = new ArrayList<>();
        JsonNode list = root.path("members");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException("'members' is not a list");
        }
        for (JsonNode m : list) {
            members.add(new Member(address(m), role(m.get("role")), text(m, "user"), text(m, "password"),
                    m.path("group").asInt(0)));
        }
        return new ClusterState(role, self, master, members);
    }

    private static ObjectNode address(NodeAddress a) {
        return JSON.createObjectNode().put("host", a.host()).put("port", a.port());
    }

    private static NodeAddress address(JsonNode node) {
        if (node == null || !node.path("port").canConvertToInt()) {
            throw new IllegalArgumentException("an address needs a host and a port");
        }
        return new NodeAddress(text(node, "host"), node.path("port").asInt());
    }

    private static NodeRole role(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("a role is missing");
        }
        try {
            return NodeRole.valueOf(node.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + node.asText() + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asText();
    }
}
