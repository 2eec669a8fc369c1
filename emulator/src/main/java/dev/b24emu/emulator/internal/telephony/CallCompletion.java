package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.portal.Portal;

import java.time.Instant;
import java.util.Set;

/**
 * telephony.externalCall.finish: closes the card, writes the CRM call activity, hands auto-created objects to
 * the finishing user and moves the call into the statistics, after which it can never be reused or finished again.
 */
public final class CallCompletion {
    static final String SUCCESS = "200";
    static final String MISSED = "304";

    private final Portal portal;

    public CallCompletion(Portal portal) {
        this.portal = portal;
    }

    public FinishedCall finish(FinishRequest request) {
        long userId = CallUsers.resolveId(portal.store(UserStore.class), request.userId(), request.userPhoneInner());
        String callId = request.callId().orElseThrow(TelephonyErrors::callIdNotString);
        return portal.exclusive(() -> {
            Call call = portal.store(TelephonyStore.class).active(callId).orElseThrow(TelephonyErrors::callNotFound);
            CallUsers.requireActive(portal.store(UserStore.class), userId);
            long duration = request.duration(); // (int) as the server casts it, a negative value kept
            String status = request.statusCode() == null || request.statusCode().isBlank()
                    ? (duration > 0 ? SUCCESS : MISSED) : request.statusCode().trim();
            Instant now = portal.now();
            Long activityId = call.crm() && call.primary() != null
                    ? writeActivity(call, userId, duration, status) : null;
            String nowIso = portal.iso(now);
            for (CrmRef created : call.createdEntities()) {
                ObjectNode reassign = JsonNodeFactory.instance.objectNode().put("ASSIGNED_BY_ID", Long.toString(userId));
                portal.store(CrmStore.class).update(created, reassign, userId, nowIso);
            }
            boolean addToChat = request.addToChat() == null ? portal.settings().addToChatDefault() : request.addToChat();
            var draft = new TelephonyStore.FinishedCallDraft(userId, duration, request.cost(),
                    request.costCurrency(), status, request.failedReason(), (int) Math.max(0, Math.min(5, request.vote())),
                    request.recordUrl(), addToChat, activityId, now);
            // the real finish hides the finishing user's card only; others stay until hide (D86)
            Set<Long> stillShown = new java.util.HashSet<>(call.shownTo());
            if (portal.settings().finishHidesAllCards()) {
                stillShown.clear();
            } else {
                stillShown.remove(userId);
            }
            return portal.store(TelephonyStore.class).finish(call.withShownTo(stillShown), draft);
        });
    }

    private long writeActivity(Call call, long userId, long duration, String status) {
        boolean incoming = call.incoming();
        Instant end = call.startDate().plusSeconds(duration);
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("OWNER_ID", Long.toString(call.primary().id()));
        fields.put("OWNER_TYPE_ID", Integer.toString(call.primary().type().ownerTypeId()));
        fields.put("TYPE_ID", "2");
        fields.put("PROVIDER_ID", "VOXIMPLANT_CALL");
        fields.put("PROVIDER_TYPE_ID", "CALL");
        fields.put("SUBJECT", (incoming ? "Incoming call from " : "Outgoing call to ") + call.phoneNumber());
        boolean missed = incoming && MISSED.equals(status);
        fields.put("COMPLETED", missed ? "N" : "Y");
        fields.put("STATUS", missed ? "1" : "2");
        fields.put("RESPONSIBLE_ID", Long.toString(userId));
        fields.put("PRIORITY", "2");
        fields.put("DESCRIPTION", "");
        fields.put("DIRECTION", incoming ? "1" : "2");
        fields.put("START_TIME", portal.iso(call.startDate()));
        fields.put("END_TIME", portal.iso(end));
        fields.put("DEADLINE", portal.iso(end));
        fields.put("CREATED", portal.isoNow());
        fields.put("LAST_UPDATED", portal.isoNow());
        fields.put("AUTHOR_ID", Long.toString(userId));
        fields.put("EDITOR_ID", Long.toString(userId));
        fields.put("ORIGIN_ID", "VI_" + call.callId());
        var communication = fields.putArray("COMMUNICATIONS").addObject();
        communication.put("ENTITY_ID", Long.toString(call.primary().id()));
        communication.put("ENTITY_TYPE_ID", Integer.toString(call.primary().type().ownerTypeId()));
        communication.put("TYPE", "PHONE");
        communication.put("VALUE", call.phoneNumber());
        var bindings = fields.putArray("BINDINGS");
        for (CrmRef ref : call.bindings()) {
            bindings.addObject().put("OWNER_ID", Long.toString(ref.id()))
                    .put("OWNER_TYPE_ID", Integer.toString(ref.type().ownerTypeId()));
        }
        return Long.parseLong(portal.store(CrmStore.class).addActivity(fields).get("ID").asText());
    }
}
