package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Caller;
import dev.b24emu.emulator.internal.transport.MethodRegistry;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.Optional;
import java.util.Set;

/** The REST face of telephony: reads parameters with PHP's casts, runs the domain, writes the documented results. */
public final class TelephonyMethods {
    public static final String SCOPE = "telephony";

    private TelephonyMethods() {
    }

    public static void registerAll(MethodRegistry registry, CallEvents events, CardListener cards) {
        registry.addAppContext("telephony.externalcall.register", SCOPE, (caller, p) -> {
                    RegisterResult registered = register(caller, p);
                    events.registered(caller.portal(), registered, caller.userId(), authConnector(p));
                    if (p.flag("SHOW", true)) {
                        cards.shown(caller.portal(), registered.call(), Set.of(registered.call().userId()));
                    }
                    return registerResult(registered);
                })
                .addAppContext("telephony.externalcall.finish", SCOPE, (caller, p) -> {
                    FinishedCall row = finish(caller, p);
                    events.finished(caller.portal(), row, caller.userId(), authConnector(p));
                    cards.ended(caller.portal(), row);
                    return finishResult(caller.portal(), row);
                })
                .add("telephony.externalCall.searchCrmEntities", SCOPE,
                        (caller, params) -> new ClientSearch(caller.portal()).search(params.textOrEmpty("PHONE_NUMBER")));
    }

    /** The source key the caller sent: offline handlers bound with the same key do not get the echo of their own change. */
    static String authConnector(Params p) {
        return p.text("auth_connector").orElse(null);
    }

    static RegisterResult register(Caller caller, Params p) {
        RegisterRequest request = new RegisterRequest(
                caller.appKey(),
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
                nonEmpty(p.textOrEmpty("EXTERNAL_CALL_ID")));
        return new CallRegistration(caller.portal()).register(request);
    }

    static ObjectNode registerResult(RegisterResult registered) {
        Call call = registered.call();
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("CALL_ID", call.callId());
        if (call.createdLeadId() == null) {
            result.putNull("CRM_CREATED_LEAD");
        } else {
            result.put("CRM_CREATED_LEAD", call.createdLeadId());
        }
        var created = result.putArray("CRM_CREATED_ENTITIES");
        for (CrmRef ref : call.createdEntities()) {
            created.addObject().put("ENTITY_TYPE", ref.type().name()).put("ENTITY_ID", ref.id());
        }
        if (call.primary() == null) {
            // a new call casts the missing type to "", a reused one returns it uncast (REAL-BEHAVIOUR.md)
            if (registered.reused()) {
                result.putNull("CRM_ENTITY_TYPE");
            } else {
                result.put("CRM_ENTITY_TYPE", "");
            }
            result.putNull("CRM_ENTITY_ID");
        } else {
            result.put("CRM_ENTITY_TYPE", call.primary().type().name());
            result.put("CRM_ENTITY_ID", call.primary().id());
        }
        if (registered.leadCreationError() != null) {
            result.put("LEAD_CREATION_ERROR", registered.leadCreationError());
        }
        return result;
    }

    static FinishedCall finish(Caller caller, Params p) {
        Optional<String> callId = p.node("CALL_ID").filter(JsonNode::isTextual).map(JsonNode::asText);
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
        FinishedCall row = new CallCompletion(caller.portal()).finish(request);
        if (row.recordUrl() != null && !row.recordUrl().isBlank()) {
            caller.portal().telephony().attachRecord(row.call().callId(), RecordMethods.fileNameOf(row.recordUrl()),
                    "url", row.recordUrl(), 0);
        }
        return row;
    }

    /** The statistics row in the documented field order, with the real server's wire types. */
    static ObjectNode finishResult(Portal portal, FinishedCall row) {
        Call call = row.call();
        boolean webhook = TelephonyStore.WEBHOOK_APP.equals(call.appKey());
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("CALL_ID", call.callId());
        result.put("EXTERNAL_CALL_ID", call.externalCallId());
        result.put("PORTAL_USER_ID", row.portalUserId());
        result.put("PHONE_NUMBER", call.phoneNumber());
        result.put("PORTAL_NUMBER", portalNumber(call));
        result.put("INCOMING", Integer.toString(call.type()));
        result.put("CALL_DURATION", row.duration());
        if (portal.settings().finishStartDateIso()) {
            result.put("CALL_START_DATE", portal.iso(call.startDate()));
        } else {
            result.putObject("CALL_START_DATE");
        }
        result.put("CALL_STATUS", row.callStatus());
        result.put("CALL_VOTE", row.vote());
        result.put("COST", row.cost());
        result.put("COST_CURRENCY", row.costCurrency());
        result.put("CALL_FAILED_CODE", row.statusCode());
        result.put("CALL_FAILED_REASON", row.failedReason());
        if (webhook) {
            result.putNull("REST_APP_ID");
            result.put("REST_APP_NAME", false);
        } else {
            result.put("REST_APP_ID", call.appKey());
            result.put("REST_APP_NAME", portal.apps().byAppKey(call.appKey()).map(App::name).orElse(call.appKey()));
        }
        if (row.crmActivityId() == null) {
            result.putNull("CRM_ACTIVITY_ID");
        } else {
            result.put("CRM_ACTIVITY_ID", row.crmActivityId());
        }
        result.putNull("COMMENT");
        if (call.primary() != null) {
            result.put("CRM_ENTITY_TYPE", call.primary().type().name());
            result.put("CRM_ENTITY_ID", call.primary().id());
        }
        result.put("ID", row.id());
        return result;
    }

    /** The line the call went through, or REST_APP:<application> when none was given. */
    static String portalNumber(Call call) {
        return call.lineNumber() != null ? call.lineNumber() : "REST_APP:" + call.appKey();
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
