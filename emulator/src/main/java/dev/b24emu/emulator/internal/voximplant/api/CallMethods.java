package dev.b24emu.emulator.internal.voximplant.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.telephony.CallService;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.voximplant.BuiltInCall;
import dev.b24emu.emulator.internal.voximplant.BuiltInCalls;
import dev.b24emu.emulator.internal.voximplant.Lines;
import dev.b24emu.emulator.internal.voximplant.Rights;
import dev.b24emu.emulator.internal.voximplant.VoximplantErrors;
import dev.b24emu.emulator.internal.voximplant.VoximplantSettings;
import dev.b24emu.emulator.internal.voximplant.Voices;
import dev.b24emu.emulator.internal.voximplant.VoximplantStore;

import java.time.YearMonth;
import java.util.Optional;

/**
 * voximplant.callback.start and voximplant.infocall.startwithtext / .startwithsound (scope "call", D60): checks in the
 * server's order (the "Outgoing Call — Execute" right, the line, its configuration, the monthly limit, the number),
 * then a built-in call that runs on the portal's clock. A callback from a telephony application's line places no
 * call: the application gets OnExternalCallBackStart and CALL_ID is null (D66).
 */
final class CallMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BuiltInCalls builtIn;
    private final CallService externalCalls;

    CallMethods(BuiltInCalls builtIn, CallService externalCalls) {
        this.builtIn = builtIn;
        this.externalCalls = externalCalls;
    }

    void register(MethodTable methods) {
        methods.add("voximplant.callback.start", this::callback)
                .add("voximplant.infocall.startwithtext", this::infocall)
                .add("voximplant.infocall.startwithsound", this::infocall);
    }

    /**
     * A VOICE that voximplant.tts.voices.get does not list is the client's deviation: callback.start's page example
     * sends "internalfemale", which no list has, and what the telephony cloud then speaks with is not established.
     */
    private static void voiceTold(RestCall call, Params p) {
        p.text("VOICE").filter(voice -> !voice.isEmpty() && !Voices.all().containsKey(voice)).ifPresent(voice ->
                call.deviation("VOICE \"" + voice + "\" is none of voximplant.tts.voices.get's voices"));
    }

    private JsonNode callback(RestCall call) {
        Permissions.require(call, Rights::outgoingCall);
        Portal portal = call.portal();
        Params p = call.params();
        voiceTold(call, p);
        String line = p.textOrEmpty("FROM_LINE");
        Lines lines = new Lines(portal);
        if (!lines.builtIn(line)) {
            Optional<Lines.AppLine> appLine = lines.appLine(line);
            if (appLine.isPresent()) {
                externalCalls.callbackOnAppLine(portal, appLine.get().appKey(), appLine.get().number(),
                        p.textOrEmpty("TO_NUMBER"), p.text("TEXT_TO_PRONOUNCE").orElse(""), p.text("VOICE").orElse(""),
                        Origin.user(call.userId(), call.endpoints()));
                return NODES.objectNode().put("RESULT", true).putNull("CALL_ID");
            }
            throw Lines.SERVICE_LINE.equals(line) ? VoximplantErrors.noConfigForLine(line) : VoximplantErrors.lineNotFound(line);
        }
        return start(call, BuiltInCall.Kind.CALLBACK, line, number(lines, line, p));
    }

    private JsonNode infocall(RestCall call) {
        Permissions.require(call, Rights::outgoingCall);
        Portal portal = call.portal();
        Params p = call.params();
        voiceTold(call, p);
        String line = p.textOrEmpty("FROM_LINE");
        if (Lines.SERVICE_LINE.equals(line)) {
            throw VoximplantErrors.infocallOnServiceLine();
        }
        Lines lines = new Lines(portal);
        if (!lines.builtIn(line)) {
            throw VoximplantErrors.noConfigForLine(line);
        }
        VoximplantStore store = portal.store(VoximplantStore.class);
        String month = YearMonth.from(portal.now().atZone(portal.settings().timeZone())).toString();
        Integer limit = store.settings().infocallMonthlyLimit();
        if (limit != null && store.infocalls(month) >= limit) {
            throw VoximplantErrors.infocallLimit();
        }
        String number = number(lines, line, p);
        if (!store.countInfocall(month, limit)) { // checked again with the count: two at once passed the check above
            throw VoximplantErrors.infocallLimit();
        }
        return start(call, BuiltInCall.Kind.INFOCALL, line, number);
    }

    private JsonNode start(RestCall call, BuiltInCall.Kind kind, String line, String number) {
        Portal portal = call.portal();
        VoximplantSettings settings = portal.store(VoximplantStore.class).settings();
        BuiltInCall started = builtIn.start(portal, new BuiltInCalls.Start(kind, line, number, call.userId(),
                settings.calleeFor(number), call.userId(), call.endpoints()));
        ObjectNode result = NODES.objectNode();
        result.put("RESULT", true);
        result.put("CALL_ID", started.callId());
        return result;
    }

    /**
     * TO_NUMBER as the server dials it: as given on a SIP line, stripped to [0-9#*+,;] on a rented number; nothing
     * left is "Phone number is not correct".
     */
    private static String number(Lines lines, String line, Params p) {
        String given = p.textOrEmpty("TO_NUMBER");
        String number = lines.sipLine(line).isPresent() ? given : PhoneNumbers.stripForCall(given);
        if (!PhoneNumbers.hasDigits(number)) {
            throw VoximplantErrors.badPhoneNumber();
        }
        return number;
    }
}
