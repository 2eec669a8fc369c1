package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmFieldDescriptions;
import dev.b24emu.emulator.internal.crm.TimelineComments;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.ActionParams;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

/**
 * crm.timeline.comment.fields, .add, .get, .list (CCrmTimelineCommentRestProxy) and .update, .delete (controller
 * actions: id, fields, then the optional ownerTypeId and ownerId, error 100 for the first missing).
 */
final class CommentMethods {
    private CommentMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.timeline.comment.fields", call -> CrmFieldDescriptions.of("comment"))
                .add("crm.timeline.comment.add", CommentMethods::add)
                .add("crm.timeline.comment.get", call -> TimelineComments.get(call.portal(), call.params()))
                .add("crm.timeline.comment.list", call -> TimelineComments.list(call.portal(), call.params()))
                .add("crm.timeline.comment.update", call -> {
                    ActionParams p = new ActionParams(call.params());
                    String id = p.requiredString("id");
                    JsonNode fields = p.requiredArray("fields");
                    Long ownerTypeId = p.optionalInt("ownerTypeId").orElse(null);
                    Long ownerId = p.optionalInt("ownerId").orElse(null);
                    Portal portal = call.portal();
                    return IntNode.valueOf((int) (long) portal.exclusive(() -> TimelineComments.update(portal,
                            Origin.of(call), id, fields, ownerTypeId, ownerId)));
                })
                .add("crm.timeline.comment.delete", call -> {
                    ActionParams p = new ActionParams(call.params());
                    String id = p.requiredString("id");
                    Long ownerTypeId = p.optionalInt("ownerTypeId").orElse(null);
                    Long ownerId = p.optionalInt("ownerId").orElse(null);
                    Portal portal = call.portal();
                    portal.exclusive(() -> {
                        TimelineComments.delete(portal, Origin.of(call), id, ownerTypeId, ownerId);
                        return null;
                    });
                    return JsonNodeFactory.instance.nullNode(); // a void action
                });
    }

    /**
     * A comment in an object's timeline (crm-timeline-comment-add.md). Only the lower-case "fields" is read ("Other
     * undocumented variants (Fields, FIELDS, arFields) are not accepted"; D59).
     */
    private static JsonNode add(RestCall call) {
        ObjectNode given = Params.phpArray(call.params().tree().get("fields")) // a list as PHP reads it (D149)
                .orElseThrow(() -> new RestError(400, "100", "Required fields are not provided"));
        Portal portal = call.portal();
        return IntNode.valueOf((int) (long) portal.exclusive(() ->
                TimelineComments.add(portal, Origin.of(call), new Params(given))));
    }
}
