package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.conformance.Traffic;
import dev.b24emu.emulator.testing.Phones;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The calls an integration is responsible for, read from its traffic. */
final class Calls {
    static final String REGISTER = "telephony.externalcall.register";
    static final String FINISH = "telephony.externalcall.finish";
    static final String CLICK_TO_CALL = "OnExternalCallStart";
    static final String SHOW = "telephony.externalCall.show";
    static final String HIDE = "telephony.externalCall.hide";

    private Calls() {
    }

    /** One call: its CALL_ID and where it came from (the register request, or the click-to-call event). */
    record Origin(String callId, long userId, long seq, Object source) {
    }

    /** Maps each CALL_ID the integration owns to its origin: ones it registered and ones announced to it. */
    static Map<String, Origin> owned(Traffic traffic) {
        Map<String, Origin> calls = new LinkedHashMap<>();
        // a call registered on a forgery is forged-events-ignored's finding, not a call the integration owns
        java.util.function.Predicate<Traffic.Request> onForgery = ForgedEventsIgnored.onForgery(traffic);
        for (Traffic.Request register : traffic.calls(REGISTER)) {
            if (register.ok() && register.result() != null && register.result().hasNonNull("CALL_ID")
                    && !onForgery.test(register)) {
                calls.putIfAbsent(register.result().get("CALL_ID").asText(), new Origin(
                        register.result().get("CALL_ID").asText(), register.param("USER_ID").map(u -> u.asLong()).orElse(0L),
                        register.seq(), register));
            }
        }
        for (Traffic.Delivery event : traffic.delivered(CLICK_TO_CALL)) {
            String callId = event.data("CALL_ID");
            if (!callId.isEmpty()) {
                calls.putIfAbsent(callId, new Origin(callId, Long.parseLong("0" + event.data("USER_ID").replaceAll("\\D", "")),
                        event.seq(), event));
            }
        }
        return calls;
    }

    /** The seq of the first successful finish of a call, or Long.MAX_VALUE while it is open. */
    static long finishedAt(Traffic traffic, String callId) {
        return traffic.calls(FINISH).stream()
                .filter(f -> f.ok() && f.text("CALL_ID").equals(callId))
                .mapToLong(Traffic.Request::seq).min().orElse(Long.MAX_VALUE);
    }

    /** The users a request's USER_ID names: one ID, or a list of them (JSON, or USER_ID[]= in a form). */
    static Set<Long> users(Traffic.Request request) {
        Set<Long> users = new LinkedHashSet<>();
        request.param("USER_ID").ifPresent(value -> {
            if (value.isContainerNode()) {
                value.forEach(user -> users.add(user.asLong()));
            } else {
                users.add(value.asLong());
            }
        });
        users.remove(0L);
        return users;
    }

    /** The successful requests of a method for a call, between two journal positions (exclusive). */
    static List<Traffic.Request> forCall(Traffic traffic, String method, String callId, long after, long before) {
        return traffic.calls(method).stream()
                .filter(r -> r.ok() && r.seq() > after && r.seq() < before && r.text("CALL_ID").equals(callId))
                .toList();
    }

    /** Whether register showed the card at once: SHOW is 1 unless given as something PHP reads as false. */
    static boolean shownOnRegister(Traffic.Request register) {
        JsonNode show = register.param("SHOW").orElse(null);
        if (show == null) {
            return true;
        }
        if (show.isBoolean() || show.isNumber()) {
            return show.isBoolean() ? show.asBoolean() : show.asDouble() != 0;
        }
        String text = show.asText("");
        return !show.isNull() && !text.isEmpty() && !text.equals("0");
    }

    /** The first successful register of the number the phone system was told about, after it was told. */
    static java.util.Optional<Traffic.Request> registeredAfter(Traffic traffic, Traffic.PhoneEvent told) {
        String key = Phones.matchKey(told.value("phone"));
        return traffic.calls(REGISTER).stream()
                .filter(r -> r.seq() > told.seq() && r.ok() && r.result() != null
                        && Phones.matchKey(r.text("PHONE_NUMBER")).equals(key))
                .findFirst();
    }
}
