package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a case records besides its figures: JFR (settings=profile) on the JVM under test, started
 * through its JMX agent so it stays warm, and on the load generator; and the CPU time of the
 * processes involved over each side's measured phases. The {@code /ws} phases' wall-clock bounds
 * come from the load generator's markers, so the profile covers the proxied side only. The
 * recordings are kept under the results directory when the case misses, deleted when it passes.
 */
final class CaseProfile {
    private final Path out;
    private final String slug;
    private final long pid;
    private final String processName;
    private final Path target;
    private final Path generator;
    private final List<long[]> wsPhases = new ArrayList<>();
    private final CpuMeter cpu = new CpuMeter();
    private long phaseStart;

    private CaseProfile(Path out, String slug, long pid, String processName) {
        this.out = out;
        this.slug = slug;
        this.pid = pid;
        this.processName = processName;
        this.target = out.resolve("profile-" + slug + "-" + processName + ".jfr");
        this.generator = out.resolve("profile-" + slug + "-loadgen.jfr");
    }

    /** The load generator's result, the CPU figures per side, and the recordings taken meanwhile. */
    record Recorded(JsonNode result, ObjectNode cpu, CaseProfile profile) {
        String cpuText() {
            return CpuMeter.text(cpu);
        }
    }

    /**
     * Runs {@code load} with both recordings on; {@code others} are more processes whose CPU time
     * counts (an engine in its own process).
     */
    static Recorded record(Bench b, String id, long pid, String processName, Map<String, Long> others, LoadRun load)
            throws Exception {
        CaseProfile p = new CaseProfile(b.out(), SelectOneCases.slug(id), pid, processName);
        p.cpu.watch(processName, pid);
        others.forEach(p.cpu::watch);
        JsonNode result;
        try (Jmx jmx = Jmx.attach(pid)) {
            jmx.startJfr();
            try {
                result = load.jvmFlag("-XX:StartFlightRecording=filename=" + p.generator
                        + ",settings=profile,dumponexit=true").onMarker(p::onMarker).run(b.out(), p.slug);
            } finally {
                jmx.stopJfr(p.target);
            }
        }
        return new Recorded(result, p.cpu.summary(result), p);
    }

    private void onMarker(String marker, Process child) {
        cpu.watch("load generator", child.pid());
        String[] f = marker.split(" ");
        if (f.length != 4 || !f[0].equals("phase")) {
            return;
        }
        boolean start = f[2].equals("start");
        if (start) {
            cpu.phaseStart(f[1]);
        } else {
            cpu.phaseEnd(f[1]);
        }
        if (f[1].equals("ws")) {
            if (start) {
                phaseStart = Long.parseLong(f[3]);
            } else {
                wsPhases.add(new long[] {phaseStart, Long.parseLong(f[3])});
            }
        }
    }

    /** Summarizes both recordings and the CPU figures into profile-ID.txt, and returns the summary. */
    String keep(String cpuText, String more) throws Exception {
        String scope = wsPhases.isEmpty() ? "the whole run" : "the " + wsPhases.size() + " measured /ws phases";
        String summary = "CPU time over the measured phases (/proc):\n" + cpuText + more
                + processName + " (pid " + pid + "), JFR, " + scope + ": " + Profiles.summarize(target, 12, wsPhases)
                + "load generator, JFR, " + scope + ": " + Profiles.summarize(generator, 8, wsPhases);
        Files.writeString(out.resolve("profile-" + slug + ".txt"), summary);
        return summary;
    }

    void discard() throws Exception {
        Files.deleteIfExists(target);
        Files.deleteIfExists(generator);
    }
}
