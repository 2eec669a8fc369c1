package dev.b24emu.emulator.internal.placements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;

import java.time.Duration;
import java.time.Instant;

/**
 * PAGE_BACKGROUND_WORKER handlers that load slowly (specs/DECISIONS.md D193, intranet's placement component): the
 * portal's page reports each load of more than five seconds; the count is kept in the handler's OPTIONS
 * (maxTimeCount) and starts again once the portal's day of counting is over; past ten the binding is removed and its
 * errorHandlerUrl told, without auth.
 */
public final class BackgroundWorkers {
    public static final String CODE = "PAGE_BACKGROUND_WORKER";
    /** the loads a day may take longer than five seconds (the component's MAX_OVERTIME_COUNT) */
    static final int MAX_OVERTIME = 10;
    /** the component's ERROR_PLACEMENT_LOADING_OVERTIME text (its Russian lang file, the only one established) */
    static final String OVERTIME = "Встройка была отключена, загрузка длилась дольше 5 секунд более 10 раз";

    private BackgroundWorkers() {
    }

    /**
     * The OPTIONS a bind keeps for a background worker: the declared errorHandlerUrl alone, as text (rest's
     * prepareOptions keeps only declared options, cast to their type).
     */
    public static ObjectNode bindOptions(JsonNode given) {
        JsonNode url = given.path("errorHandlerUrl");
        return JsonNodeFactory.instance.objectNode().put("errorHandlerUrl", url.isValueNode() ? url.asText() : "");
    }

    /** Whether a state file's OPTIONS of a background worker are what a bind and the count write. */
    static boolean validOptions(JsonNode options) {
        if (options == null || !options.isObject() || !options.path("errorHandlerUrl").isTextual()) {
            return false;
        }
        JsonNode count = options.get("maxTimeCount");
        return count == null || (count.isIntegralNumber() && count.asLong() >= 0 && count.asLong() <= MAX_OVERTIME);
    }

    /** What a reported slow load did: the handler's count now, and whether the binding went. */
    public record SlowLoad(long placementId, int count, boolean removed) {
    }

    /**
     * Counts a slow load of the handler (setLongLoadAction): afresh when it has no count or the portal's day of
     * counting is over (one time for the portal, then a day on); the eleventh removes the binding and tells its
     * errorHandlerUrl. An ID that is no background worker of the portal is a 404, as a card that is not there.
     */
    public static SlowLoad slowLoad(Portal portal, long placementId, WidgetPublisher publisher) {
        PlacementStore store = portal.store(PlacementStore.class);
        Placement worker = store.placements(p -> p.id() == placementId && p.placement().equals(CODE)).stream()
                .findFirst().orElseThrow(() -> new dev.b24emu.emulator.internal.transport.RestError(404,
                        "PLACEMENT_NOT_FOUND", "No background worker " + placementId));
        Instant now = portal.now();
        int count = worker.options().path("maxTimeCount").asInt(0);
        if (count == 0 || store.overtimeResetAt().map(now::isAfter).orElse(true)) {
            count = 0;
            store.overtimeResetAt(now.plus(Duration.ofDays(1)));
        }
        count++;
        if (count > MAX_OVERTIME) {
            boolean removed = store.unbind(p -> p.id() == placementId) > 0;
            String errorHandler = worker.options().path("errorHandlerUrl").asText("");
            if (removed && !errorHandler.isEmpty()) {
                publisher.overtime(portal, worker, errorHandler, OVERTIME);
            }
            return new SlowLoad(placementId, count, true);
        }
        ObjectNode options = worker.options().isObject() ? ((ObjectNode) worker.options()).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        options.put("maxTimeCount", count);
        store.replace(worker.withOptions(options));
        return new SlowLoad(placementId, count, false);
    }
}
