package io.wsproxy.it.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every case shares: where results and logs go, a scratch directory, and the profiles of
 * the cases that missed.
 */
final class Bench {
    private final Path out;
    private final Path work;
    private final Map<String, String> profiles = new LinkedHashMap<>();

    Bench(Path out, Path work) {
        this.out = out;
        this.work = work;
    }

    Path out() {
        return out;
    }

    Path work() {
        return work;
    }

    Map<String, String> profiles() {
        return profiles;
    }

    /**
     * Adds the CPU figures to a case's notes; keeps a missed case's profile for the report (with
     * {@code more} evidence, e.g. a syscall census), or drops the recordings of a case that passed
     * and keeps only {@code more}.
     */
    CaseResult settle(CaseResult result, CaseProfile.Recorded rec, String more) throws Exception {
        CaseResult r = result.withNotes("CPU over the measured phases (/proc): "
                + rec.cpuText().strip().replace("\n  ", " | ") + ".");
        r.data().set("cpu", rec.cpu());
        if (r.verdict() != CaseResult.Verdict.MISS) {
            if (!more.isEmpty()) {
                profiles.put(r.id(), more);
            }
            return r;
        }
        profiles.put(r.id(), rec.profile().keep(rec.cpuText(), more));
        return r.withNotes("Profile of the miss: see below.");
    }

    static String format(String pattern, Object... args) {
        return String.format(java.util.Locale.ROOT, pattern, args);
    }
}
