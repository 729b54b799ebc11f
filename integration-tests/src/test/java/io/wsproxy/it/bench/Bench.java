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

    /** Keeps a missed case's profile for the report, or drops the recordings of a case that passed. */
    CaseResult settle(CaseResult result, CaseProfile profile) throws Exception {
        if (result.verdict() != CaseResult.Verdict.MISS) {
            profile.discard();
            return result;
        }
        profiles.put(result.id(), profile.keep());
        return result.withNotes("Profile of the miss: see below.");
    }

    static String format(String pattern, Object... args) {
        return String.format(java.util.Locale.ROOT, pattern, args);
    }
}
