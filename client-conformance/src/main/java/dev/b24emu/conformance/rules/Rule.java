package dev.b24emu.conformance.rules;

import dev.b24emu.conformance.Traffic;

import java.util.List;

/**
 * One contract rule an integration's traffic must keep, with the documentation page it comes from. A rule reads a
 * scenario's {@link Traffic} and returns what breaks it; "exercised" says whether the traffic gave it anything to
 * judge, so a report never calls a rule kept when nothing tested it.
 */
public abstract class Rule {
    private final String id;
    private final String title;
    private final String source;

    /**
     * @param id     a short stable ID, used in conformance.yaml and the report (e.g. "calls-finished")
     * @param title  the rule in one sentence
     * @param source the documentation page (under shared/bitrix24-docs or specs/) the rule comes from
     */
    Rule(String id, String title, String source) {
        this.id = id;
        this.title = title;
        this.source = source;
    }

    public final String id() {
        return id;
    }

    public final String title() {
        return title;
    }

    public final String source() {
        return source;
    }

    public abstract boolean exercised(Traffic traffic);

    public abstract List<Violation> check(Traffic traffic);
}
