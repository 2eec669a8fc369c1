package dev.b24emu.conformance.rules;

import java.util.List;
import java.util.Optional;

/** The catalogue of rules, in the order a report lists them. */
public final class Rules {
    private static final List<Rule> ALL = List.of(
            new SpecConformance(),
            new CallsFinished(),
            new RecordsAttached(),
            new NoDoubleRegistration(),
            new ForgedEventsIgnored(),
            new StartDateTimeZone(),
            new LineNumberForIncoming(),
            new PhoneLookup(),
            new ResponsibleRouting(),
            new CardFollowsTransfer(),
            new QueueCards(),
            new ListPaging(),
            new RateLimitBackoff(),
            new TokenRefresh(),
            new Lifecycle(),
            new PlacementAnswerTime());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> find(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(Rule::id).toList();
    }

    /** The rules a config selects: the named ones, or all when it names none. */
    public static List<Rule> selected(List<String> ids) {
        return ids.isEmpty() ? ALL : ids.stream().map(id -> find(id).orElseThrow(
                () -> new IllegalArgumentException("Unknown rule " + id + "; known: " + ids()))).toList();
    }
}
