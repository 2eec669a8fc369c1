package dev.b24emu.emulator.internal.followup.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.followup.FollowUp;
import dev.b24emu.emulator.internal.followup.FollowUpStore;
import dev.b24emu.emulator.internal.followup.FollowUps;
import dev.b24emu.emulator.internal.followup.MentionFormat;
import dev.b24emu.emulator.internal.followup.Selection;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;

import java.util.List;

/**
 * AI follow-ups of calls (REST 3.0 call.followup.*) and the transcriptions they hold (crm.activity.call.getTranscript):
 * the follow-ups of each portal, their seed field, and the control endpoints that add AI blocks to a finished call or
 * seed a follow-up of its own.
 */
public final class FollowUpArea implements Area {
    /**
     * A follow-up as the control API shows it: the item call.followup.get answers an administrator (mentions in BB
     * form), the CALL_ID of its external call, and the users of its linked chat.
     */
    public record FollowUpControlView(long callId, @JsonProperty("CALL_ID") String externalCallId,
                                      List<Long> chatMembers, ObjectNode item) {
        static FollowUpControlView of(Portal portal, FollowUp followUp) {
            return new FollowUpControlView(followUp.callId(), followUp.externalCallId(), followUp.chatMembers(),
                    FollowUps.render(portal, followUp, Selection.all(), MentionFormat.BB));
        }
    }

    private final FollowUps followUps;

    public FollowUpArea(FollowUps followUps) {
        this.followUps = followUps;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("followups", FollowUpStore.class, portal -> new FollowUpStore(portal.bounds().finishedCalls(),
                portal.bounds().callTextBytes())));
    }

    @Override
    public List<SeedSection> seedSections() {
        return List.of(FollowUpStore.seedSection());
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("call.followup.", "crm.activity.call.", "telephony.call.");
    }

    @Override
    public void methods(MethodTable methods) {
        new FollowUpMethods(followUps).register(methods);
        CallTranscriptMethod.register(methods);
    }

    @Override
    public void control(ControlRoutes routes) {
        routes.portal().post("/followups", 201, request ->
                FollowUpControlView.of(request.portal(), followUps.store(request.portal(), request.body())));
        routes.portal().get("/followups", request -> request.portal().store(FollowUpStore.class).all().stream()
                .map(f -> FollowUpControlView.of(request.portal(), f)).toList());
    }
}
