package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JFR (settings=profile) on the process under test, started through jcmd so it stays warm, and
 * on the load generator, for the whole of a case's load run. The {@code /ws} phases' wall-clock
 * bounds come from the load generator's markers, so the summary covers the proxied side only.
 * Kept under the results directory when the case misses, deleted when it passes.
 */
final class CaseProfile {
    private final Path out;
    private final String slug;
    private final long pid;
    private final String processName;
    private final Path target;
    private final Path generator;
    private final List<long[]> wsPhases = new ArrayList<>();
    private long phaseStart;

    private CaseProfile(Path out, String slug, long pid, String processName) {
        this.out = out;
        this.slug = slug;
        this.pid = pid;
        this.processName = processName;
        this.target = out.resolve("profile-" + slug + "-" + processName + ".jfr");
        this.generator = out.resolve("profile-" + slug + "-loadgen.jfr");
    }

    /** Runs {@code load} with both recordings on. */
    static Recorded record(Bench b, String id, long pid, String processName, LoadRun load) throws Exception {
        CaseProfile p = new CaseProfile(b.out(), SelectOneCases.slug(id), pid, processName);
        Jvm.startJfr(pid);
        JsonNode result;
        try {
            result = load.jvmFlag("-XX:StartFlightRecording=filename=" + p.generator + ",settings=profile,dumponexit=true")
                    .onMarker((marker, child) -> p.onMarker(marker)).run(b.out(), p.slug);
        } finally {
            Jvm.stopJfr(pid, p.target);
        }
        return new Recorded(result, p);
    }

    /** The load generator's result and the recordings taken meanwhile. */
    record Recorded(JsonNode result, CaseProfile profile) {
    }

    private void onMarker(String marker) {
        String[] f = marker.split(" ");
        if (f.length == 4 && f[0].equals("phase") && f[1].equals("ws")) {
            if (f[2].equals("start")) {
                phaseStart = Long.parseLong(f[3]);
            } else {
                wsPhases.add(new long[] {phaseStart, Long.parseLong(f[3])});
            }
        }
    }

    /** Summarizes both recordings into profile-ID.txt, and returns the summary. */
    String keep() throws Exception {
        String scope = wsPhases.isEmpty() ? "the whole run" : "the " + wsPhases.size() + " measured /ws phases";
        String summary = processName + " (pid " + pid + "), " + scope + ": " + Profiles.summarize(target, 12, wsPhases)
                + "load generator, " + scope + ": " + Profiles.summarize(generator, 8, wsPhases);
        Files.writeString(out.resolve("profile-" + slug + ".txt"), summary);
        return summary;
    }

    void discard() throws Exception {
        Files.deleteIfExists(target);
        Files.deleteIfExists(generator);
    }
}
