package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** HdrHistogram in nanoseconds (up to a minute, 3 significant digits), summarized in microseconds. */
final class Latencies {
    private Latencies() {
    }

    static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    }

    static void record(Histogram h, long startNanos) {
        h.recordValue(Math.min(h.getHighestTrackableValue(), System.nanoTime() - startNanos));
    }

    /** {@code count}, {@code p50Us}, {@code p99Us}, {@code p999Us}, {@code maxUs}, {@code meanUs}. */
    static ObjectNode summary(Histogram h) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("count", h.getTotalCount());
        n.put("p50Us", micros(h.getValueAtPercentile(50)));
        n.put("p99Us", micros(h.getValueAtPercentile(99)));
        n.put("p999Us", micros(h.getValueAtPercentile(99.9)));
        n.put("maxUs", micros(h.getMaxValue()));
        n.put("meanUs", Math.round(h.getMean() / 100.0) / 10.0);
        return n;
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
