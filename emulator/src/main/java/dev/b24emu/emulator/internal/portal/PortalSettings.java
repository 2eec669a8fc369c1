package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.phone.DialledNumber;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;

/**
 * Portal-level switches: the CRM modes the docs describe and the points where docs and the real server
 * disagree (specs/DECISIONS.md names each one and its default).
 *
 * @param crmMode             CLASSIC (leads) or SIMPLE (no leads: calls create a contact and a deal)
 * @param repeatSales         whether a call from a known client creates a new lead (repeat-sales mode)
 * @param appContextOnly      whether register, finish and externalLine.* refuse webhooks with WRONG_AUTH_TYPE
 * @param emptyErrorCode      whether ERROR_CORE failures carry the empty code "" as the on-premise server sends
 * @param addToChatDefault    what finish does when ADD_TO_CHAT is absent (real server: false; docs: 1)
 * @param finishStartDateIso  whether finish returns CALL_START_DATE as an ISO string instead of the real {}
 * @param timeZone            the portal's zone, used for every date the portal writes
 * @param validation          how requests are held to specs/ (D27): WARN answers as the real server and reports
 *                            deviations, STRICT refuses them, OFF does not check
 * @param eventRetries        how many times a failed event delivery is retried (the real server never retries)
 * @param limits              whether the real REST limits apply (off by default, so tests are not throttled)
 * @param rateLimit           requests per second the bucket drains (limits.md: 2)
 * @param burst               the bucket's size (limits.md: 50)
 * @param operatingLimit      seconds of processing a method may use in 10 minutes (limits.md: 480)
 * @param refuseInactiveUsers whether the webhook and tokens of a deactivated user are refused, as the real portal
 *                            refuses them (D100)
 * @param appInfoWebhookDenied whether app.info refuses webhooks with ACCESS_DENIED as the docs say (the real server
 *                            answers them their scopes and licence; specs/DECISIONS.md D51)
 * @param userUpdateAdminOnly whether user.update is for administrators only as the docs say (the real server also lets
 *                            a user update their own profile; D52)
 * @param restCardEvents      whether placement.bindEvent / unbindEvent subscribe a server to CallCard::* over REST
 *                            (D41: a convenience the current pages deny; false answers them ERROR_METHOD_NOT_FOUND)
 * @param initOnReuse         whether a register reused within 30 minutes still sends OnVoximplantCallInit, with a
 *                            fresh CALL_ID that is then discarded, as the real server does (D85)
 * @param finishHidesAllCards whether finish closes every user's card of the call (D86; the real server hides only
 *                            the finishing user's)
 * @param cardActivityEmpty   whether getStatus sends CRM_ACTIVITY_ID "" before the call has an activity instead of
 *                            leaving the key out (D87: the page allows both)
 * @param clickToCallCreated  whether OnExternalCallStart carries CRM_CREATED_LEAD / CRM_CREATED_ENTITIES, which the
 *                            real server adds and the page does not list (D88)
 * @param outgoingWebhookClickToCall whether outgoing webhooks may receive OnExternalCallStart (the server's code
 *                            delivers it to them; the docs say "only through the application", D74)
 * @param phoneCountry        the country whose numbering plan reads numbers written without a country code (click-to-
 *                            call's PHONE_NUMBER_INTERNATIONAL), or "" for the one the portal's domain zone names (D127)
 * @param aiCallProcessing    whether the portal's AI processes calls (crm.activity.call.getTranscript reads what it
 *                            transcribed; off, it answers ACCESS_DENIED as a portal without it, D134)
 * @param unbindAllWithoutHandler whether event.unbind without a handler removes every online handler of the event, as
 *                            the page says (the real server answers ERROR_ARGUMENT, D128)
 * @param offlineRecordsOwnChanges whether an application's offline queue records its own change made without the
 *                            queue's auth_connector, as offline-events.md's cycle implies (the real server's offline
 *                            provider skips any change of the application made with the queue's key, none being "", D137)
 * @param phoneFilterDigits   whether a crm.*.list filter by PHONE finds the numbers of the same digits however they
 *                            are written (the emulator's earlier convenience); the real server matches the stored
 *                            text's beginning (D141)
 * @param listPageNumbers     whether the CRM lists read start as the real server's page navigation does (the page of
 *                            50 it falls in, the first page again past the last; crm.status.list every row at once),
 *                            rather than as an offset (D143)
 * @param refreshTokenInEveryEvent whether every delivery's auth carries a refresh token, as the telephony event pages'
 *                            examples show; the real server sends one only with ONAPPINSTALL, ONAPPUPDATE, ONAPPTEST
 *                            and ONOFFLINEEVENT (D94)
 * @param cardEventFirstArgument whether a widget's bound CallCard::* handler is handed the event's first argument
 *                            alone, as the portal's page forwards it (CallStateChanged's state without its
 *                            additionalParams), rather than every argument as the event pages show (D187)
 */
public record PortalSettings(
        CrmMode crmMode,
        boolean repeatSales,
        boolean appContextOnly,
        boolean emptyErrorCode,
        boolean addToChatDefault,
        boolean finishStartDateIso,
        ZoneId timeZone,
        Validation validation,
        int eventRetries,
        boolean limits,
        double rateLimit,
        int burst,
        double operatingLimit,
        boolean refuseInactiveUsers,
        boolean appInfoWebhookDenied,
        boolean userUpdateAdminOnly,
        boolean restCardEvents,
        boolean initOnReuse,
        boolean finishHidesAllCards,
        boolean cardActivityEmpty,
        boolean clickToCallCreated,

        boolean outgoingWebhookClickToCall,
        String phoneCountry,
        boolean unbindAllWithoutHandler,
        boolean aiCallProcessing,
        boolean offlineRecordsOwnChanges,
        boolean phoneFilterDigits,
        boolean listPageNumbers,
        boolean refreshTokenInEveryEvent,
        boolean cardEventFirstArgument) {

    public enum CrmMode { CLASSIC, SIMPLE }

    public enum Validation { WARN, STRICT, OFF }

    public static PortalSettings defaults() {
        return DEFAULTS;
    }

    /** one instance: a server's seeds compare their settings with it, and the same object compares fastest */
    private static final PortalSettings DEFAULTS = new PortalSettings(CrmMode.CLASSIC, false, false, false, false, false,
            ZoneId.of("UTC"), Validation.WARN, 0, false, 2.0, 50, 480.0, true, false, false, true, true, false, false, true,
            true, "", false, true, false, false, true, false, true);

    /**
     * Applies a JSON patch of settings; an unknown key or a bad value is an IllegalArgumentException naming it, and
     * nothing changes. The earlier switches {@code validateRequests: false} and {@code strict: true} still read as
     * {@code validation: off} and {@code strict}.
     */
    public PortalSettings patch(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new IllegalArgumentException("Settings must be a JSON object");
        }
        ObjectNode merged = toJson();
        ObjectNode changes = ((ObjectNode) patch).deepCopy();
        aliases(changes);
        for (Iterator<String> names = changes.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!merged.has(name)) {
                throw new IllegalArgumentException("Unknown setting: " + name);
            }
        }
        merged.setAll(changes);
        return new PortalSettings(crmMode(merged.get("crmMode")), bool(merged, "repeatSales"),
                bool(merged, "appContextOnly"), bool(merged, "emptyErrorCode"), bool(merged, "addToChatDefault"),
                bool(merged, "finishStartDateIso"), zone(merged.get("timeZone")), validation(merged.get("validation")),
                retries(merged.get("eventRetries")), bool(merged, "limits"),
                positive(merged, "rateLimit"), (int) positive(merged, "burst"), positive(merged, "operatingLimit"),
                bool(merged, "refuseInactiveUsers"), bool(merged, "appInfoWebhookDenied"),
                bool(merged, "userUpdateAdminOnly"),
                bool(merged, "restCardEvents"), bool(merged, "initOnReuse"), bool(merged, "finishHidesAllCards"),
                bool(merged, "cardActivityEmpty"), bool(merged, "clickToCallCreated"),

                bool(merged, "outgoingWebhookClickToCall"), country(merged.get("phoneCountry")),
                bool(merged, "unbindAllWithoutHandler"), bool(merged, "aiCallProcessing"),
                bool(merged, "offlineRecordsOwnChanges"), bool(merged, "phoneFilterDigits"),
                bool(merged, "listPageNumbers"), bool(merged, "refreshTokenInEveryEvent"),
                bool(merged, "cardEventFirstArgument"));
    }

    private void aliases(ObjectNode changes) {
        JsonNode validate = changes.remove("validateRequests");
        JsonNode strict = changes.remove("strict");
        if (validate != null) {
            changes.put("validation", booleanValue(validate, "validateRequests") ? Validation.WARN.name() : Validation.OFF.name());
        }
        if (strict != null) {
            changes.put("validation", booleanValue(strict, "strict") ? Validation.STRICT.name() : Validation.WARN.name());
        }
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("crmMode", crmMode.name());
        json.put("repeatSales", repeatSales);
        json.put("appContextOnly", appContextOnly);
        json.put("emptyErrorCode", emptyErrorCode);
        json.put("addToChatDefault", addToChatDefault);
        json.put("finishStartDateIso", finishStartDateIso);
        json.put("timeZone", timeZone.getId());
        json.put("validation", validation.name().toLowerCase(Locale.ROOT));
        json.put("eventRetries", eventRetries);
        json.put("limits", limits);
        json.put("rateLimit", rateLimit);
        json.put("burst", burst);
        json.put("operatingLimit", operatingLimit);
        json.put("refuseInactiveUsers", refuseInactiveUsers);
        json.put("appInfoWebhookDenied", appInfoWebhookDenied);
        json.put("userUpdateAdminOnly", userUpdateAdminOnly);
        json.put("restCardEvents", restCardEvents);
        json.put("initOnReuse", initOnReuse);
        json.put("finishHidesAllCards", finishHidesAllCards);
        json.put("cardActivityEmpty", cardActivityEmpty);
        json.put("clickToCallCreated", clickToCallCreated);
        json.put("outgoingWebhookClickToCall", outgoingWebhookClickToCall);
        json.put("phoneCountry", phoneCountry);
        json.put("unbindAllWithoutHandler", unbindAllWithoutHandler);
        json.put("aiCallProcessing", aiCallProcessing);
        json.put("offlineRecordsOwnChanges", offlineRecordsOwnChanges);
        json.put("phoneFilterDigits", phoneFilterDigits);
        json.put("listPageNumbers", listPageNumbers);
        json.put("refreshTokenInEveryEvent", refreshTokenInEveryEvent);
        json.put("cardEventFirstArgument", cardEventFirstArgument);
        return json;
    }

    private static CrmMode crmMode(JsonNode v) {
        try {
            return CrmMode.valueOf(v.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("crmMode must be CLASSIC or SIMPLE");
        }
    }

    private static Validation validation(JsonNode v) {
        try {
            return Validation.valueOf(v.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("validation must be warn, strict or off");
        }
    }

    private static boolean bool(ObjectNode settings, String name) {
        return booleanValue(settings.get(name), name);
    }

    private static boolean booleanValue(JsonNode value, String name) {
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static double positive(ObjectNode settings, String name) {
        JsonNode v = settings.get(name);
        if (!v.isNumber() || v.doubleValue() <= 0 || !Double.isFinite(v.doubleValue())) {
            throw new IllegalArgumentException(name + " must be a positive number");
        }
        return v.doubleValue();
    }

    private static int retries(JsonNode v) {
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0 || v.intValue() > 5) {
            throw new IllegalArgumentException("eventRetries must be an integer from 0 to 5");
        }
        return v.intValue();
    }

    private static String country(JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("phoneCountry must be a two-letter country code such as RU or DE, or \"\"");
        }
        return DialledNumber.knownCountry(v.textValue());
    }

    private static ZoneId zone(JsonNode v) {
        try {
            return ZoneId.of(v.asText());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone must be a zone ID such as Europe/Moscow");
        }
    }
}
