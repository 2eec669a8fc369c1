package dev.b24emu.emulator.internal.followup.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.followup.FollowUps;
import dev.b24emu.emulator.internal.rest.ActionParams;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.RestError;

/**
 * crm.activity.call.getTranscript (api-reference/crm/timeline/activities/activity-base/
 * crm-activity-call-get-transcript.md): the text AI call processing transcribed of a call activity's call, which it
 * reads and never starts; null while there is none. A controller action: activityId is bound by its exact name as an
 * int, as every such action's parameters are (error 100).
 */
final class CallTranscriptMethod {
    private static final String PARAMETER = "activityId";

    private CallTranscriptMethod() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.activity.call.getTranscript", CallTranscriptMethod::transcript);
    }

    private static JsonNode transcript(RestCall call) {
        long activityId = new ActionParams(call.params()).requiredInt(PARAMETER);
        if (!call.portal().settings().aiCallProcessing()) {
            throw new RestError(403, "ACCESS_DENIED", "Access denied.");
        }
        JsonNode activity = call.portal().store(CrmStore.class).activity(activityId)
                .orElseThrow(() -> RestError.of("NOT_FOUND", "Element not found"));
        return FollowUps.transcriptOf(call.portal(), activity)
                .<JsonNode>map(text -> JsonNodeFactory.instance.objectNode().put("transcription", text))
                .orElse(JsonNodeFactory.instance.nullNode());
    }
}
