package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.Optional;

/**
 * What the portal does when a user clicks a number in Bitrix24 (REAL-BEHAVIOUR.md, 'events'): it registers an
 * outgoing call itself, as the application that owns the line (CRM_CREATE from the line's CRM_AUTO_CREATE), and
 * sends OnExternalCallStart to that application only; and a CRM form's callback request, OnExternalCallBackStart.
 */
public final class ClickToCall {
    private final CallEvents events;
    private final CardListener cards;

    public ClickToCall(CallEvents events, CardListener cards) {
        this.events = events;
        this.cards = cards;
    }

    /** A click: the user, the number, and optionally the line, the CRM object the click came from and a call list. */
    public record Click(long userId, String phoneNumber, String lineNumber, String crmEntityType, long crmEntityId,
                        Long callListId) {
    }

    public RegisterResult click(Portal portal, Click click) {
        Target target = target(portal, click.lineNumber(), EventNames.EXTERNAL_CALL_START);
        boolean crmCreate = target.line().map(ExternalLine::crmAutoCreate).orElse(true);
        RegisterRequest request = new RegisterRequest(target.app().appKey(), click.userId(), "",
                Optional.of((long) CallType.OUTGOING), null, click.phoneNumber(), crmCreate, null, click.crmEntityType(),
                click.crmEntityId(), true, click.callListId(), target.line().map(ExternalLine::number).orElse(null), null);
        RegisterResult result = new CallRegistration(portal).register(request);
        events.registered(portal, result, click.userId(), null);
        Call call = result.call();
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("PHONE_NUMBER", click.phoneNumber());
        data.put("PHONE_NUMBER_INTERNATIONAL", international(click.phoneNumber()));
        data.put("EXTENSION", "");
        data.put("USER_ID", Long.toString(click.userId()));
        data.put("CALL_LIST_ID", click.callListId() == null ? "0" : Long.toString(click.callListId()));
        data.put("LINE_NUMBER", call.lineNumber() == null ? "" : call.lineNumber());
        data.put("IS_MOBILE", "0");
        data.put("CALL_ID", call.callId());
        data.put("CRM_ENTITY_TYPE", call.primary() == null ? "" : call.primary().type().name());
        data.put("CRM_ENTITY_ID", call.primary() == null ? "" : Long.toString(call.primary().id()));
        data.put("CRM_CREATED_LEAD", call.createdLeadId() == null ? "" : Long.toString(call.createdLeadId()));
        var created = data.putArray("CRM_CREATED_ENTITIES");
        for (CrmRef ref : call.createdEntities()) {
            created.addObject().put("ENTITY_TYPE", ref.type().name()).put("ENTITY_ID", Long.toString(ref.id()));
        }
        events.publisher().publish(portal, EventNames.EXTERNAL_CALL_START, data,
                new EventPublisher.Emit(click.userId(), target.app().appKey(), null, call.callId()));
        cards.shown(portal, call, java.util.Set.of(click.userId()));
        return result;
    }

    /** A callback request from a CRM form: OnExternalCallBackStart to the line's application. */
    public App callback(Portal portal, String phoneNumber, String text, String voice, String crmEntityType,
                        long crmEntityId, String lineNumber) {
        Target target = target(portal, lineNumber, EventNames.EXTERNAL_CALLBACK_START);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("PHONE_NUMBER", phoneNumber);
        data.put("TEXT", text == null ? "" : text);
        data.put("VOICE", voice == null ? "" : voice);
        data.put("CRM_ENTITY_TYPE", crmEntityType == null ? "" : crmEntityType);
        data.put("CRM_ENTITY_ID", crmEntityId > 0 ? Long.toString(crmEntityId) : "");
        data.put("LINE_NUMBER", target.line().map(ExternalLine::number).orElse(""));
        events.publisher().publish(portal, EventNames.EXTERNAL_CALLBACK_START, data,
                new EventPublisher.Emit(portal.webhook().userId(), target.app().appKey(), null, phoneNumber));
        return target.app();
    }

    private record Target(App app, Optional<ExternalLine> line) {
    }

    /** The line's owner when a line is named; otherwise the first application with a handler for the event. */
    private static Target target(Portal portal, String lineNumber, String event) {
        if (lineNumber != null && !lineNumber.isBlank()) {
            for (ExternalLine line : portal.telephony().allLines()) {
                Optional<App> owner = portal.apps().byAppKey(line.appKey());
                if (line.number().equals(lineNumber.trim()) && owner.isPresent()) {
                    return new Target(owner.get(), Optional.of(line));
                }
            }
            throw RestError.of("ERROR_ARGUMENT", "No application owns line " + lineNumber);
        }
        for (App app : portal.apps().all()) {
            if (!portal.events().handlers(h -> h.appKey().equals(app.appKey()) && h.event().equals(event)).isEmpty()) {
                return new Target(app, portal.telephony().lines(app.appKey()).stream().findFirst());
            }
        }
        throw RestError.of("ERROR_ARGUMENT", "No application handles " + event + ": install one and bind the event");
    }

    private static String international(String phone) {
        String digits = PhoneNumbers.matchKey(phone);
        return digits.isEmpty() ? phone : "+" + digits;
    }
}
