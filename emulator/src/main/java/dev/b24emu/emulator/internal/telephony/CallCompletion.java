package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.portal.Portal;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * telephony.externalCall.finish: closes the card, writes the CRM call activity, hands auto-created objects to
 * the finishing user and moves the call into the statistics, after which it can never be reused or finished again.
 */
public final class CallCompletion {
    /** How a call activity names its call in ORIGIN_ID (CallActivity's). */
    public static final String ACTIVITY_ORIGIN = CallActivity.ORIGIN_PREFIX;

    static final String SUCCESS = "200";
    static final String MISSED = "304";

    private final Portal portal;
    /** who finishes the call: who the CRM changes it makes are made by */
    private final Origin origin;

    public CallCompletion(Portal portal, Origin origin) {
        this.portal = portal;
        this.origin = origin;
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
                    ? CallActivity.write(portal, new CallActivity.Facts(call.callId(), call.type(), call.phoneNumber(),
                            call.primary(), call.bindings(), userId, call.startDate(), duration, status, request.vote()),
                            origin) : null;
            String nowIso = portal.iso(now);
            for (CrmRef created : call.createdEntities()) {
                ObjectNode reassign = JsonNodeFactory.instance.objectNode().put("ASSIGNED_BY_ID", Long.toString(userId));
                portal.store(CrmStore.class).update(created, reassign, userId, origin, nowIso);
            }
            boolean addToChat = request.addToChat() == null ? portal.settings().addToChatDefault() : request.addToChat();
            var draft = new TelephonyStore.FinishedCallDraft(userId, duration, request.cost(),
                    request.costCurrency(), status, request.failedReason(), vote(request.vote()),
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

    /**
     * VOTE as the real server keeps it: cast to an integer and stored unchecked, so 6 or -2 come back as given (D27 answers
     * it and warns); only what an int cannot hold is held at its ends
     */
    private static int vote(long vote) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, vote));
    }
}
