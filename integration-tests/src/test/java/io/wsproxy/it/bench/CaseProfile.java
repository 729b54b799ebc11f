package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a case records besides its figures: the CPU time of the processes involved over each
 * side's measured phases, and, when the case misses, a profile of the miss: JFR
 * (settings=profile) on the JVM under test, started through its JMX agent so it stays warm, and
 * on the load generator. The profile is taken in a run of its own after the measured one, so no
 * measured figure carries a profiler (in B8 it would sit on the proxied side only). Its
 * {@code /ws} phases' wall-clock bounds come from the load generator's markers, so the profile
 * covers the proxied side only.
 */
final class CaseProfile {
    private final Path out;
    private final String slug;
    private final long pid;
    private final String processName;
    private final Path target;
    private final Path generator;
    private final LoadRun load;
    private final List<long[]> wsPhases = new ArrayList<>();
    private final CpuMeter cpu = new CpuMeter();
    private long phaseStart;

    private CaseProfile(Path out, String slug, long pid, String processName, LoadRun load) {
        this.out = out;
        this.slug = slug;
        this.pid = pid;
        this.processName = processName;
        this.target = out.resolve("profile-" + slug + "-" + processName + ".jfr");
        this.generator = out.resolve("profile-" + slug + "-loadgen.jfr");
        this.load = load;
    }

    /** The load generator's result, the CPU figures per side, and what it takes to profile the case. */
    record Recorded(JsonNode result, ObjectNode cpu, CaseProfile profile) {
        String cpuText() {
            return CpuMeter.text(cpu);
        }
    }

    /**
     * Runs {@code load} (measured, no profiler) with the CPU meter on; {@code others} are more
     * processes whose CPU time counts (an engine in its own process).
     */
    static Recorded record(Bench b, String id, long pid, String processName, Map<String, Long> others, LoadRun load)
            throws Exception {
        CaseProfile p = new CaseProfile(b.out(), SelectOneCases.slug(id), pid, processName, load.copy());
        p.cpu.watch(processName, pid);
        others.forEach(p.cpu::watch);
        JsonNode result = load.onMarker(p::onMarker).run(b.out(), p.slug);
        return new Recorded(result, p.cpu.summary(result), p);
    }

    /** The case once more, unmeasured, with both recordings on: the proxied side only where the workload has sides. */
    private void profile() throws Exception {
        LoadRun again = load.forProfile().onMarker(this::onProfileMarker).jvmFlag("-XX:StartFlightRecording=filename="
                + generator + ",settings=profile,dumponexit=true");
        try (Jmx jmx = Jmx.attach(pid)) {
            jmx.startJfr();
            try {
                again.run(out, slug + "-profile");
            } finally {
                jmx.stopJfr(target);
            }
        }
    }

    private void onProfileMarker(String marker, Process child) {
        String[] f = marker.split(" ");
        if (f.length != 4 || !f[0].equals("phase") || !f[1].equals("ws")) {
            return;
        }
        if (f[2].equals("start")) {
            phaseStart = Long.parseLong(f[3]);
        } else {
            wsPhases.add(new long[] {phaseStart, Long.parseLong(f[3])});
        }
    }

    private void onMarker(String marker, Process child) {
        cpu.watch("load generator", child.pid());
        String[] f = marker.split(" ");
        if (f.length != 4 || !f[0].equals("phase")) {
            return;
        }
        if (f[2].equals("start")) {
            cpu.phaseStart(f[1]);
        } else {
            cpu.phaseEnd(f[1]);
        }
    }

    /** Profiles the case, summarizes both recordings and the CPU figures into profile-ID.txt, and returns the summary. */
    String keep(String cpuText, String more) throws Exception {
        profile();
        String scope = wsPhases.isEmpty() ? "the whole run" : "the " + wsPhases.size() + " /ws phase(s) of a run of its own, after the measured ones";
        String summary = "CPU time over the measured phases (/proc):\n" + cpuText + more
                + processName + " (pid " + pid + "), JFR, " + scope + ": " + Profiles.summarize(target, 12, wsPhases)
                + "load generator, JFR, " + scope + ": " + Profiles.summarize(generator, 8, wsPhases);
        Files.writeString(out.resolve("profile-" + slug + ".txt"), summary);
        return summary;
    }
}
