package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The load generator, run by {@link BenchmarkSuite} in a JVM of its own:
 * {@code LoadGenerator <workload> key=value...}. Prints progress markers ({@code # ...}) and,
 * last, one line of JSON with the figures of every run; exits non-zero on failure.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] argv) {
        try {
            Args args = Args.parse(argv);
            ObjectNode result = switch (argv[0]) {
                case "latency" -> RoundTrips.latency(args);
                case "throughput" -> RoundTrips.throughput(args);
                case "stream" -> Streaming.run(args);
                case "idle" -> IdleSessions.run(args);
                case "restart" -> RestartUnderLoad.run(args);
                default -> throw new IllegalArgumentException("unknown workload " + argv[0]);
            };
            result.put("workload", argv[0]);
            System.out.println(result);
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** A progress marker the suite may act on (a heap probe, a held count). */
    static void mark(String event) {
        System.out.println("# " + event);
        System.out.flush();
    }

    /**
     * Brackets a measured phase of one side with wall-clock times, so the suite can keep the
     * profile samples of the {@code /ws} phases only.
     */
    static void phaseStart(String side) {
        mark("phase " + side + " start " + System.currentTimeMillis());
    }

    static void phaseEnd(String side) {
        mark("phase " + side + " end " + System.currentTimeMillis());
    }

    /** {@code key=value} arguments after the workload name. */
    record Args(Map<String, String> values) {
        static Args parse(String[] argv) {
            Map<String, String> m = new HashMap<>();
            for (int i = 1; i < argv.length; i++) {
                int eq = argv[i].indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("not key=value: " + argv[i]);
                }
                m.put(argv[i].substring(0, eq), argv[i].substring(eq + 1));
            }
            return new Args(m);
        }

        String get(String key) {
            String v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("missing " + key + "=");
            }
            return v;
        }

        String get(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        int integer(String key, int fallback) {
            return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
        }

        String[] sides() {
            return get("sides", "direct,ws").split(",");
        }
    }
}
