package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.support.DomainPortals;
import dev.b24emu.emulator.support.FuzzSeed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cursor paging of call.followup.list without HTTP: whatever the follow-ups (many starting at the same second), page
 * size, order and caller, walking the pages by their afterCursor yields each visible follow-up of the period once,
 * in order, and ends with hasMore false.
 */
class FollowUpPagingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FollowUps followUps = new FollowUps();

    @Test
    void walkingThePagesByTheirCursorsYieldsEveryVisibleFollowUpOnceInOrder() {
        long seed = FuzzSeed.get();
        Random random = new Random(seed);
        for (int run = 0; run < 150; run++) {
            Portal portal = DomainPortals.demo();
            List<FollowUp> all = new ArrayList<>();
            int count = random.nextInt(60);
            for (int i = 0; i < count; i++) {
                // few distinct start times, so the callId breaks many ties
                Instant start = DomainPortals.T0.plusSeconds(3600L * random.nextInt(6));
                List<Participant> who = List.of(new Participant(1 + random.nextInt(3), null, null, null, null));
                FollowUp f = new FollowUp(1 + random.nextInt(10_000), 1, null, start, null, "u", null, 1, who, List.of(),
                        start, null, Map.of(), null);
                portal.store(FollowUpStore.class).put(f);
            }
            all.addAll(portal.store(FollowUpStore.class).all());
            long user = 1 + random.nextInt(3); // user 1 is the demo's administrator
            boolean ascending = random.nextBoolean();
            int limit = 1 + random.nextInt(12);
            Instant from = DomainPortals.T0.plusSeconds(3600L * random.nextInt(2));
            Instant to = from.plusSeconds(3600L * random.nextInt(6));
            Comparator<FollowUp> order = Comparator.comparing(FollowUp::startDate).thenComparingLong(FollowUp::callId);
            List<Long> expected = all.stream()
                    .filter(f -> !f.startDate().isBefore(from) && !f.startDate().isAfter(to))
                    .filter(f -> user == 1 || f.concerns(user))
                    .sorted(ascending ? order : order.reversed()).map(FollowUp::callId).toList();

            List<Long> walked = new ArrayList<>();
            ObjectNode cursor = null;
            for (int page = 0; page <= expected.size() + 1; page++) {
                FollowUpQuery query = FollowUpQuery.parse(params(from, to, ascending, limit, cursor));
                FollowUps.Page result = followUps.list(portal, user, query);
                result.items().forEach(f -> walked.add(f.callId()));
                assertTrue(result.items().size() <= limit, "seed " + seed + ": a page is at most the limit");
                if (!result.hasMore()) {
                    break;
                }
                FollowUp last = result.items().get(result.items().size() - 1);
                cursor = JSON.createObjectNode().put("startDate", FollowUpView.cursorDate(last.startDate()))
                        .put("id", last.callId());
            }
            assertEquals(expected, walked, "seed " + seed + ", run " + run + ": user " + user + ", limit " + limit
                    + (ascending ? " asc" : " desc"));
        }
    }

    private static ObjectNode params(Instant from, Instant to, boolean ascending, int limit, ObjectNode cursor) {
        ObjectNode params = JSON.createObjectNode();
        params.putObject("filter").putObject("startDate").put("from", from.toString()).put("to", to.toString());
        params.putObject("order").put("startDate", ascending ? "asc" : "desc");
        ObjectNode pagination = params.putObject("pagination").put("limit", limit);
        if (cursor != null) {
            pagination.set("afterCursor", cursor);
        }
        return params;
    }
}
