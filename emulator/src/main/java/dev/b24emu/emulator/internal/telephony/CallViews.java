package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.phone.DialledNumber;
import dev.b24emu.emulator.internal.portal.Portal;

import java.util.List;

/**
 * The one place a call becomes JSON: the register and finish results, the telephony events' payloads and the control
 * API's view of a call. Field order and wire types follow the docs examples and REAL-BEHAVIOUR.md.
 */
public final class CallViews {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CallViews() {
    }

    /** telephony.externalCall.register's result. */
    public static ObjectNode registerResult(RegisterResult registered) {
        Call call = registered.call();
        ObjectNode result = NODES.objectNode();
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

    /** The statistics row telephony.externalCall.finish answers, in the documented field order and wire types. */
    public static ObjectNode statisticsRow(Portal portal, FinishedCall row) {
        Call call = row.call();
        boolean webhook = TelephonyStore.WEBHOOK_APP.equals(call.appKey());
        ObjectNode result = NODES.objectNode();
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
            result.put("REST_APP_NAME", portal.store(AppStore.class).byAppKey(call.appKey()).map(App::name)
                    .orElse(call.appKey()));
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
    public static String portalNumber(Call call) {
        return call.lineNumber() != null ? call.lineNumber() : "REST_APP:" + call.appKey();
    }

    /**
     * OnVoximplantCallInit's data for an external call: the four keys of the page's telephony-application example
     * (ACCOUNT_SEARCH_ID and PHONE_NUMBER come only with rented numbers or SIP); REST_APP_ID is left out for a webhook's
     * call, whose null the real form encoding drops.
     */
    static ObjectNode callInit(Call call, String callId) {
        ObjectNode init = NODES.objectNode();
        init.put("CALL_ID", callId);
        init.put("CALL_TYPE", Integer.toString(call.type()));
        init.put("CALLER_ID", call.phoneNumber());
        if (!TelephonyStore.WEBHOOK_APP.equals(call.appKey())) {
            init.put("REST_APP_ID", call.appKey());
        }
        return init;
    }

    static ObjectNode callStart(Call call) {
        ObjectNode start = NODES.objectNode();
        start.put("CALL_ID", call.callId());
        start.put("USER_ID", Long.toString(call.userId()));
        return start;
    }

    static ObjectNode callEnd(Portal portal, FinishedCall row) {
        Call call = row.call();
        ObjectNode end = NODES.objectNode();
        end.put("CALL_ID", call.callId());
        end.put("CALL_TYPE", Integer.toString(call.type()));
        end.put("PHONE_NUMBER", call.phoneNumber());
        end.put("PORTAL_NUMBER", portalNumber(call));
        end.put("PORTAL_USER_ID", Long.toString(row.portalUserId()));
        end.put("CALL_DURATION", Long.toString(row.duration()));
        end.put("CALL_START_DATE", portal.iso(call.startDate()));
        end.put("COST", costText(row.cost()));
        end.put("COST_CURRENCY", row.costCurrency());
        end.put("CALL_FAILED_CODE", row.statusCode());
        end.put("CALL_FAILED_REASON", row.failedReason());
        if (row.crmActivityId() != null) { // a null is dropped by the real form encoding
            end.put("CRM_ACTIVITY_ID", Long.toString(row.crmActivityId()));
        }
        return end;
    }

    /**
     * OnExternalCallStart's data: the call the portal registered for a click (REAL-BEHAVIOUR.md, 'events'). Nulls are
     * left out, as the real form encoding drops them; CRM_CREATED_LEAD and CRM_CREATED_ENTITIES, which the real
     * server adds and the page does not list, only with {@code clickToCallCreated} (D88).
     */
    static ObjectNode externalCallStart(Call call, DialledNumber dialled, long userId, Long callListId,
                                        boolean createdFields) {
        ObjectNode data = NODES.objectNode();
        data.put("PHONE_NUMBER", dialled.number());
        data.put("PHONE_NUMBER_INTERNATIONAL", dialled.international());
        data.put("EXTENSION", dialled.extension());
        data.put("USER_ID", Long.toString(userId));
        data.put("CALL_LIST_ID", callListId == null ? "0" : Long.toString(callListId));
        data.put("LINE_NUMBER", call.lineNumber() == null ? "" : call.lineNumber());
        data.put("IS_MOBILE", "0");
        data.put("CALL_ID", call.callId());
        data.put("CRM_ENTITY_TYPE", call.primary() == null ? "" : call.primary().type().name());
        if (call.primary() != null) {
            data.put("CRM_ENTITY_ID", Long.toString(call.primary().id()));
        }
        if (!createdFields) {
            return data;
        }
        if (call.createdLeadId() != null) {
            data.put("CRM_CREATED_LEAD", Long.toString(call.createdLeadId()));
        }
        var created = data.putArray("CRM_CREATED_ENTITIES");
        for (CrmRef ref : call.createdEntities()) {
            created.addObject().put("ENTITY_TYPE", ref.type().name()).put("ENTITY_ID", Long.toString(ref.id()));
        }
        return data;
    }

    private static String costText(double cost) {
        return cost == Math.rint(cost) ? Long.toString((long) cost) : Double.toString(cost);
    }

    /** A CRM object in the control API's views. */
    public record RefView(@JsonProperty("ENTITY_TYPE") String entityType, @JsonProperty("ENTITY_ID") long entityId) {
        static RefView of(CrmRef ref) {
            return new RefView(ref.type().name(), ref.id());
        }
    }

    /**
     * A call as the control API shows it (GET /_emulator/portals/{id}/calls): open calls without the statistics fields,
     * finished ones with them.
     */
    public record CallView(String callId, long userId, String phoneNumber, int type, String lineNumber,
                           String externalCallId, String startDate, boolean crm, RefView primary,
                           List<RefView> bindings, List<RefView> createdEntities, List<Long> shownTo,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long statisticId,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long finishedBy,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long duration,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String statusCode,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Boolean addedToChat,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long crmActivityId) {
        public static CallView open(Portal portal, Call call) {
            return new CallView(call.callId(), call.userId(), call.phoneNumber(), call.type(), call.lineNumber(),
                    call.externalCallId(), portal.iso(call.startDate()), call.crm(),
                    call.primary() == null ? null : RefView.of(call.primary()),
                    call.bindings().stream().map(RefView::of).toList(),
                    call.createdEntities().stream().map(RefView::of).toList(),
                    call.shownTo().stream().sorted().toList(), null, null, null, null, null, null);
        }

        public static CallView finished(Portal portal, FinishedCall row) {
            CallView open = open(portal, row.call());
            return new CallView(open.callId, open.userId, open.phoneNumber, open.type, open.lineNumber,
                    open.externalCallId, open.startDate, open.crm, open.primary, open.bindings, open.createdEntities,
                    open.shownTo, row.id(), row.portalUserId(), row.duration(), row.statusCode(), row.addedToChat(),
                    row.crmActivityId());
        }
    }
}
