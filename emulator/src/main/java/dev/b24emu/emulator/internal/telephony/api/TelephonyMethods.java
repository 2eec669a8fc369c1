package dev.b24emu.emulator.internal.telephony.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.telephony.CallService;
import dev.b24emu.emulator.internal.telephony.CallViews;
import dev.b24emu.emulator.internal.telephony.ClientSearch;
import dev.b24emu.emulator.internal.telephony.FinishRequest;
import dev.b24emu.emulator.internal.telephony.RegisterRequest;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.Optional;

/**
 * The REST face of external calls: register, finish and searchCrmEntities read their parameters with PHP's casts,
 * hand them to the {@link CallService} and write the documented results.
 */
final class TelephonyMethods {
    private final CallService calls;

    TelephonyMethods(CallService calls) {
        this.calls = calls;
    }

    void register(MethodTable methods) {
        methods.add("telephony.externalcall.register", this::register)
                .add("telephony.externalcall.finish", this::finish)
                .add("telephony.externalCall.searchCrmEntities",
                        call -> new ClientSearch(call.portal()).search(call.params().text("PHONE_NUMBER").orElse("")));
    }

    private JsonNode register(RestCall call) {
        Params p = call.params();
        RegisterRequest request = new RegisterRequest(
                call.caller().appKey(),
                p.phpInt("USER_ID"),
                p.textOrEmpty("USER_PHONE_INNER"),
                p.node("TYPE").flatMap(Params::looseInteger),
                p.text("CALL_START_DATE").filter(s -> !s.isEmpty()).orElse(null),
                p.text("PHONE_NUMBER").orElse(""),
                p.phpTruthy("CRM_CREATE") || p.phpTruthy("CRM"),
                p.text("CRM_SOURCE").orElse(null),
                p.text("CRM_ENTITY_TYPE").orElse(null),
                p.phpInt("CRM_ENTITY_ID"),
                p.flag("SHOW", true),
                p.has("CALL_LIST_ID") ? p.phpInt("CALL_LIST_ID") : null,
                nonEmpty(p.textOrEmpty("LINE_NUMBER")),
                p.text("EXTERNAL_CALL_ID").orElse(null)); // "" is a key too: the server tests isset()
        String source = request.crmSource();
        if (source != null && !source.isEmpty() && request.crmCreate()
                && !RegisterRequest.leadSource(call.portal(), source).equals(source)) {
            call.deviation("CRM_SOURCE " + source + " is no value of the portal's SOURCE guide (crm.status.list):"
                    + " the real server creates the lead with the source CALL");
        }
        return CallViews.registerResult(calls.register(call.portal(), request, Origin.of(call)));
    }

    private JsonNode finish(RestCall call) {
        Params p = call.params();
        Optional<String> callId = p.node("CALL_ID").filter(JsonNode::isTextual).map(JsonNode::asText);
        p.text("RECORD_URL").filter(url -> !url.isEmpty()).ifPresent(url -> RecordMethods.recordUrlTold(call, url));
        FinishRequest request = new FinishRequest(
                p.phpInt("USER_ID"),
                p.textOrEmpty("USER_PHONE_INNER"),
                callId,
                p.phpInt("DURATION"),
                p.phpDouble("COST"),
                p.text("COST_CURRENCY").orElse(""),
                p.text("STATUS_CODE").orElse(null),
                p.text("FAILED_REASON").orElse(""),
                p.text("RECORD_URL").orElse(null),
                p.phpInt("VOTE"),
                p.has("ADD_TO_CHAT") ? p.phpTruthy("ADD_TO_CHAT") : null);
        return CallViews.statisticsRow(call.portal(), calls.finish(call.portal(), request, Origin.of(call)));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
