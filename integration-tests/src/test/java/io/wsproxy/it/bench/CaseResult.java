package io.wsproxy.it.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One row of the results table: both absolute figures, their ratio, the target and the verdict,
 * with notes (how it was measured, why it missed, the profile) and the raw data for the JSON file.
 */
record CaseResult(String id, String title, String proxied, String baseline, String ratio, String target,
        Verdict verdict, String notes, ObjectNode data) {

    enum Verdict {
        PASS, MISS, NOT_BUILT, BROKEN
    }

    static CaseResult notBuilt(String id, String title, String target, String why) {
        return new CaseResult(id, title, "—", "—", "—", target, Verdict.NOT_BUILT, why,
                JsonNodeFactory.instance.objectNode());
    }

    static CaseResult broken(String id, String title, Throwable e) {
        return new CaseResult(id, title, "—", "—", "—", "—", Verdict.BROKEN, e.toString(),
                JsonNodeFactory.instance.objectNode());
    }

    static Verdict verdict(boolean pass) {
        return pass ? Verdict.PASS : Verdict.MISS;
    }

    CaseResult withNotes(String more) {
        return new CaseResult(id, title, proxied, baseline, ratio, target, verdict,
                notes.isEmpty() ? more : notes + " " + more, data);
    }
}
