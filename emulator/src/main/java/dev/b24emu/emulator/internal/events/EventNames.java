package dev.b24emu.emulator.internal.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The events a handler may bind to, each with the scope an application needs for it (api-reference/events/events.md:
 * the server finds an event only among the caller's scopes): application events need none, CRM events "crm",
 * onUserAdd "user", the telephony events "telephony".
 */
public final class EventNames {
    public static final String CALL_INIT = "ONVOXIMPLANTCALLINIT";
    public static final String CALL_START = "ONVOXIMPLANTCALLSTART";
    public static final String CALL_END = "ONVOXIMPLANTCALLEND";
    public static final String EXTERNAL_CALL_START = "ONEXTERNALCALLSTART";
    public static final String EXTERNAL_CALLBACK_START = "ONEXTERNALCALLBACKSTART";
    public static final String APP_INSTALL = "ONAPPINSTALL";
    public static final String APP_UNINSTALL = "ONAPPUNINSTALL";
    public static final String APP_UPDATE = "ONAPPUPDATE";
    public static final String APP_TEST = "ONAPPTEST";
    public static final String APP_PAYMENT = "ONAPPPAYMENT";
    /** sent to online handlers when records reach the offline queue; never queued itself */
    public static final String OFFLINE_EVENT = "ONOFFLINEEVENT";

    /** maps each event, upper-cased as the server stores it, to its scope ("" for none) */
    private static final Map<String, String> SCOPES = new LinkedHashMap<>();

    static {
        for (String app : List.of("ONAPPUNINSTALL", APP_INSTALL, "ONAPPUPDATE", APP_PAYMENT, APP_TEST,
                "ONAPPMETHODCONFIRM", "ONOFFLINEEVENT")) {
            SCOPES.put(app, "");
        }
        SCOPES.put("ONUSERADD", "user");
        for (String entity : List.of("LEAD", "DEAL", "CONTACT", "COMPANY", "ACTIVITY", "TIMELINECOMMENT")) {
            for (String change : List.of("ADD", "UPDATE", "DELETE")) {
                SCOPES.put("ONCRM" + entity + change, "crm");
            }
        }
        SCOPES.put("ONCRMDEALMOVETOCATEGORY", "crm");
        for (String change : List.of("ADD", "UPDATE", "DELETE")) {
            SCOPES.put("ONTASK" + change, "task");
        }
        for (String telephony : List.of(CALL_INIT, CALL_START, CALL_END, EXTERNAL_CALL_START, EXTERNAL_CALLBACK_START)) {
            SCOPES.put(telephony, "telephony");
        }
    }

    private EventNames() {
    }

    /** The scope an event needs, or empty for an event the server does not know. */
    public static Optional<String> scopeOf(String event) {
        return Optional.ofNullable(SCOPES.get(event.toUpperCase(Locale.ROOT)));
    }

    /** Whether an application with these scopes may bind (and receive) the event. */
    public static boolean allowed(String event, Set<String> scopes) {
        return scopeOf(event).map(scope -> scope.isEmpty() || scopes.contains(scope)).orElse(false);
    }

    /** The events of one scope (the events method with SCOPE); "" names the application events. */
    public static List<String> ofScope(String scope) {
        return SCOPES.entrySet().stream().filter(e -> e.getValue().equals(scope)).map(Map.Entry::getKey).toList();
    }

    /** Every event the server knows (the events method with FULL). */
    public static List<String> all() {
        return List.copyOf(SCOPES.keySet());
    }

    /**
     * Whether the server sends the event's auth with a refresh token: only the events registered with
     * sendRefreshToken (rest module: OnAppInstall, OnAppUpdate, OnAppTest, onOfflineEvent; Sender's default is false
     * and getAuth drops the token otherwise), as events/index.md says: "refresh_token does not come with every event"
     * (D94).
     */
    public static boolean carriesRefreshToken(String event) {
        return REFRESH_TOKEN_EVENTS.contains(event.toUpperCase(Locale.ROOT));
    }

    private static final Set<String> REFRESH_TOKEN_EVENTS = Set.of(APP_INSTALL, APP_UPDATE, APP_TEST, OFFLINE_EVENT);

    /**
     * Whether an outgoing webhook may receive the event: "only online events available in the webhook list"
     * (api-reference/events/index.md) — every event but the application's own (ONAPPINSTALL, ONAPPTEST, ...), which
     * go to an application's handlers only.
     */
    public static boolean forOutgoingWebhooks(String event) {
        return scopeOf(event).map(scope -> !scope.isEmpty()).orElse(false);
    }

    /** The events an outgoing webhook may receive, in the server's order. */
    public static List<String> outgoingWebhookEvents() {
        return SCOPES.keySet().stream().filter(EventNames::forOutgoingWebhooks).toList();
    }

    /** The events an application with these scopes may bind, in the server's order. */
    public static List<String> available(Set<String> scopes) {
        return SCOPES.keySet().stream().filter(event -> allowed(event, scopes)).toList();
    }
}
