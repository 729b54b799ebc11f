package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Medians over the measured runs a load generator reported. */
final class Runs {
    private Runs() {
    }

    /** The median of {@code field} over the runs of {@code side} (null: every run). */
    static double median(JsonNode result, String side, String field) {
        List<Double> values = new ArrayList<>();
        for (JsonNode run : result.get("runs")) {
            if (side == null || side.equals(run.path("side").asText())) {
                values.add(at(run, field).asDouble());
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("no runs of " + side + " with " + field);
        }
        values.sort(Double::compare);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    static long sum(JsonNode result, String field) {
        long total = 0;
        for (JsonNode run : result.get("runs")) {
            total += at(run, field).asLong();
        }
        return total;
    }

    /** {@code a.b} walks into nested objects. */
    private static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        if (n.isMissingNode()) {
            throw new IllegalStateException("no " + path + " in " + node);
        }
        return n;
    }
}
