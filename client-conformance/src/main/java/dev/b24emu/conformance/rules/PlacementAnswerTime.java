package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * The portal waits for a widget's handler while the operator looks at an empty call card; a handler that takes
 * longer than 5 seconds (or fails) leaves the card blank for the whole call.
 */
final class PlacementAnswerTime extends Rule {
    static final long LIMIT_MILLIS = 5000;

    PlacementAnswerTime() {
        super("placement-answer-time",
                "Placement handlers (CALL_CARD openings, CallCard::* posts) answer 2xx within 5 seconds",
                "api-reference/widgets/placements.md; specs/DECISIONS.md D34, D41");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return traffic.deliveries().stream().anyMatch(PlacementAnswerTime::placement);
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Traffic.Delivery delivery : traffic.deliveries()) {
            if (placement(delivery) && (delivery.status() / 100 != 2 || delivery.latencyMillis() >= LIMIT_MILLIS)) {
                ObjectNode actual = JsonNodeFactory.instance.objectNode().put("placement", delivery.event())
                        .put("url", delivery.url()).put("status", delivery.status())
                        .put("latencyMillis", delivery.latencyMillis());
                if (delivery.error() != null) {
                    actual.put("error", delivery.error());
                }
                ObjectNode expected = JsonNodeFactory.instance.objectNode().put("placement", delivery.event())
                        .put("url", delivery.url()).put("status", 200).put("latencyMillis", "< " + LIMIT_MILLIS);
                violations.add(new Violation(id(), delivery.event() + " handler " + delivery.url() + " answered "
                        + (delivery.status() == 0 ? "nothing" : "HTTP " + delivery.status()) + " after "
                        + delivery.latencyMillis() + " ms", delivery.seq(), actual, expected));
            }
        }
        return violations;
    }

    private static boolean placement(Traffic.Delivery delivery) {
        return delivery.payload() != null && delivery.payload().has("PLACEMENT")
                || delivery.event().startsWith("CallCard::");
    }
}
