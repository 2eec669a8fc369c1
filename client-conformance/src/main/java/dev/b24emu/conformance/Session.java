package dev.b24emu.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One scenario against the integration: a fresh portal (users 1-3, an empty CRM), the integration installed on it,
 * the CRM objects the scenario named, and the call it is following. Ends by deleting the portal, which also
 * revokes the integration's tokens, so no scenario sees another's calls.
 */
public final class Session {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 100;
    private static final long QUIET_MILLIS = 400;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** What the outgoing webhook of a webhook-mode integration receives: every telephony event. */
    static final List<String> OUTGOING_WEBHOOK_EVENTS = List.of("OnExternalCallStart", "OnExternalCallBackStart",
            "OnVoximplantCallInit", "OnVoximplantCallStart", "OnVoximplantCallEnd");
    private static int counter;

    private final ConformanceKit kit;
    private final String portalId;
    /**
     * the newest request the emulator refused for credentials that name no portal when the scenario began: those after
     * it may be the integration's own, calling with a webhook URL or token the run never gave it (D184)
     */
    private final long noPortalSince;
    /** the integration's application ID on the portal (OAuth mode), for deleting and revoking it */
    private String appId;
    /** maps "contact:Ivan Petrov" to the CRM object's ID */
    private final Map<String, Long> named = new HashMap<>();
    /** maps "contact:Ivan Petrov" to the phone number the scenario gave it */
    private final Map<String, String> phones = new HashMap<>();
    /** the call list the scenario's operator works through, or null */
    private Long callList;
    /** the key ("contact:Ivan Petrov") of the list's client the operator is at */
    private String listClient;
    /** the call the scenario follows: phone, line, user, callId, and the journal position where it began */
    private FollowedCall call;
    /** whether the phone system has been told the followed call ended */
    private boolean callEnded;
    /** whether the phone system has been told someone answered the followed call */
    private boolean callAnswered;
    /** what the phone system has been told so far, for the rules that judge the integration's answer to it */
    private final List<Traffic.PhoneEvent> phoned = new ArrayList<>();

    /** The call a scenario's steps talk about ("the call"). */
    public record FollowedCall(String phone, String line, Long user, String callId, long sinceSeq) {
        public FollowedCall withCallId(String id) {
            return new FollowedCall(phone, line, user, id, sinceSeq);
        }

        public FollowedCall withUser(long userId) {
            return new FollowedCall(phone, line, userId, callId, sinceSeq);
        }
    }

    private Session(ConformanceKit kit, String portalId) {
        this.kit = kit;
        this.portalId = portalId;
        this.noPortalSince = lastNoPortal(kit);
    }

    private static long lastNoPortal(ConformanceKit kit) {
        try {
            JsonNode last = kit.control().get("/_emulator/requests/no-portal?limit=1");
            return last.size() == 0 ? 0 : last.get(0).path("seq").asLong();
        } catch (ConformanceException older) {
            return Long.MAX_VALUE; // an emulator before D184 keeps no such journal
        }
    }

    /** What the emulator refused since the scenario began for credentials of no portal, as a step's failure says it. */
    String refusedForCredentials() {
        if (noPortalSince == Long.MAX_VALUE) {
            return "";
        }
        List<String> refused = new ArrayList<>();
        try {
            for (JsonNode entry : kit.control().get("/_emulator/requests/no-portal?limit=20")) {
                if (entry.path("seq").asLong() > noPortalSince) {
                    JsonNode warnings = entry.path("warnings");
                    refused.add(entry.path("method").asText() + " " + entry.path("status").asInt() + " "
                            + entry.path("error").asText() + " (" + warnings.path(warnings.size() - 1).asText() + ")");
                }
            }
        } catch (ConformanceException unreadable) {
            return "";
        }
        return refused.isEmpty() ? "" : "; the emulator refused, for credentials that name no portal (not the webhook"
                + " URL or tokens this run gave the integration): " + refused;
    }

    /** Creates the scenario's portal and installs the integration on it; waits until the integration is set up. */
    public static Session begin(ConformanceKit kit) {
        ConformanceConfig.Integration integration = kit.config().integration();
        String id;
        synchronized (Session.class) {
            id = integration.oauth() ? "conformance-" + RUN + "-" + (++counter) : "conformance";
        }
        if (!integration.oauth()) {
            deleteQuietly(kit, id);
        }
        ObjectNode portal = JSON.createObjectNode().put("id", id);
        JsonNode seed = seed();
        List<String> users = new java.util.ArrayList<>();
        seed.path("users").forEach(user -> users.add(user.path("ID").asText()));
        if (!users.contains(Long.toString(integration.userId()))) {
            // said here: the portal refuses a webhook or token of a user it does not have (D100)
            throw new ConformanceException("integration.userId " + integration.userId() + " is none of the"
                    + " conformance portal's users (" + String.join(", ", users) + ")");
        }
        portal.set("seed", seed);
        if (!integration.oauth()) {
            portal.put("webhookToken", integration.webhookToken()).put("webhookUserId", integration.userId());
        }
        kit.control().post("/_emulator/portals", portal);
        Session session = new Session(kit, id);
        session.install();
        return session;
    }

    private void install() {
        ConformanceConfig.Integration integration = kit.config().integration();
        if (integration.oauth()) {
            ObjectNode app = JSON.createObjectNode().put("clientId", integration.clientId())
                    .put("clientSecret", integration.clientSecret()).put("handlerUrl", integration.handlerUrl())
                    .put("name", integration.name()).put("userId", integration.userId());
            app.set("scopes", JSON.valueToTree(integration.scopes()));
            int before = traffic().delivered("ONAPPINSTALL").size();
            appId = kit.control().post(path("/apps"), app).get("app_id").asText();
            Traffic.Delivery installed = await(t -> t.delivered("ONAPPINSTALL").stream().skip(before).findFirst(),
                    Duration.ofSeconds(10), "ONAPPINSTALL was not delivered to " + integration.handlerUrl());
            if (installed.status() / 100 != 2) {
                throw new ConformanceException("The integration did not accept ONAPPINSTALL at " + installed.url() + ": "
                        + (installed.error() == null ? "HTTP " + installed.status() : installed.error()));
            }
        } else if (integration.handlerUrl() != null) {
            // as an administrator makes an outgoing webhook and pastes its token into the integration (D77)
            ObjectNode webhook = JSON.createObjectNode().put("handlerUrl", integration.handlerUrl())
                    .put("title", integration.name());
            webhook.set("events", JSON.valueToTree(OUTGOING_WEBHOOK_EVENTS));
            String token = kit.control().post(path("/outgoing-webhooks"), webhook).get("application_token").asText();
            drive("install", Map.of("applicationToken", token));
        } else {
            drive("install", Map.of());
        }
        quiet();
    }

    /**
     * The administrator deletes the application (ONAPPUNINSTALL, its tokens die) or revokes its tokens, and installs
     * it again: the integration gets a new ONAPPINSTALL with new tokens, and must work on with them.
     */
    public void reinstall(boolean deleteFirst) {
        if (deleteFirst) {
            kit.control().delete(path("/apps/" + appId + "?clean=1"));
        } else {
            kit.control().post(path("/apps/" + appId + "/revoke"), Map.of());
        }
        install();
    }

    private static JsonNode seed() {
        try (InputStream in = Session.class.getResourceAsStream("portal.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ConformanceKit kit() {
        return kit;
    }

    public String portalId() {
        return portalId;
    }

    /** A control API path of this scenario's portal. */
    public String path(String suffix) {
        return "/_emulator/portals/" + portalId + suffix;
    }

    public void name(String key, long id, String phone) {
        named.put(key, id);
        phones.put(key, phone);
    }

    public String phoneOf(String key) {
        named(key);
        return phones.get(key);
    }

    /** The key ("contact:Ivan Petrov") of the CRM object with this ID, as the scenario named it. */
    public String keyOf(String type, long id) {
        return named.entrySet().stream().filter(e -> e.getKey().startsWith(type + ":") && e.getValue() == id)
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new ConformanceException("The scenario named no " + type + " with ID " + id));
    }

    /** The operator works through this call list and is at this client (the control API's answer to start/next). */
    public void callList(long id, JsonNode client) {
        callList = id;
        listClient = keyOf(client.path("ENTITY_TYPE").asText().toLowerCase(java.util.Locale.ROOT),
                client.path("ENTITY_ID").asLong());
    }

    public String listClient() {
        callList();
        return listClient;
    }

    public long callList() {
        if (callList == null) {
            throw new ConformanceException("The scenario has no call list; add one with a Given step");
        }
        return callList;
    }

    public long named(String key) {
        Long id = named.get(key);
        if (id == null) {
            throw new ConformanceException("The scenario has no " + key.replace(':', ' ') + "; add it with a Given step");
        }
        return id;
    }

    public Optional<FollowedCall> call() {
        return Optional.ofNullable(call);
    }

    public FollowedCall requireCall() {
        return call().orElseThrow(() -> new ConformanceException("The scenario follows no call yet"));
    }

    public void follow(FollowedCall followed) {
        if (call == null || !followed.phone().equals(call.phone())) {
            callEnded = false;
            callAnswered = false;
        }
        this.call = followed;
    }

    /**
     * Ends the followed call on the phone system if the scenario stopped before it did (a failed step), so the
     * integration is judged on a finished conversation, not blamed for a call the scenario abandoned.
     */
    public void hangUpAbandonedCall() {
        if (call != null && !callEnded) {
            try {
                drive("hangup", Map.of("duration", 0, "answered", callAnswered));
            } catch (ConformanceException | AssertionError ignored) {
                // the scenario already failed; a driver that cannot hang up adds nothing to that
            }
        }
    }

    /** The journal position now: requests after it are the integration's reaction to what comes next. */
    public long mark() {
        List<Traffic.Request> requests = traffic().requests();
        return requests.isEmpty() ? 0 : requests.get(requests.size() - 1).seq();
    }

    public Traffic traffic() {
        return Traffic.fetch(kit.control(), portalId, kit.config().integration()).withPhone(phoned);
    }

    /** Asks the driver to act, adding the scenario's call and the portal's addresses to the values. */
    public void drive(String action, Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        if (call != null) {
            all.putIfAbsent("phone", call.phone());
            if (call.line() != null) {
                all.putIfAbsent("line", call.line());
            }
            if (call.user() != null) {
                all.putIfAbsent("user", call.user());
            }
            if (call.callId() != null) {
                all.putIfAbsent("callId", call.callId());
            }
        }
        callEnded |= action.equals("hangup");
        callAnswered |= action.equals("answer");
        if (!kit.config().integration().oauth()) { // an OAuth integration's portal has no such webhook (audit 50b)
            all.put("webhookUrl", kit.webhookUrl());
        }
        all.put("emulatorUrl", kit.emulatorUrl());
        PbxAction told = new PbxAction(action, all);
        phoned.add(new Traffic.PhoneEvent(mark(), told));
        kit.driver().act(told);
    }

    /** Polls the traffic until the probe finds something, or fails with the message and what the integration did. */
    public <T> T await(Function<Traffic, Optional<T>> probe, Duration within, String failure) {
        return await(probe, within, () -> failure);
    }

    /** The same, with a failure that says how things stand when the wait is over. */
    public <T> T await(Function<Traffic, Optional<T>> probe, Duration within, java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + within.toNanos();
        Traffic traffic;
        do {
            traffic = traffic();
            Optional<T> found = probe.apply(traffic);
            if (found.isPresent()) {
                return found.get();
            }
            sleep(POLL_MILLIS);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(failure.get() + " within " + within.toSeconds() + " s; the integration sent: "
                + traffic.requests().stream().map(r -> r.method() + " " + r.params() + " -> " + r.status()
                + (r.error() == null ? "" : " " + r.error())).toList() + refusedForCredentials());
    }

    /**
     * Polls for a delivery to the integration. A handler slower than the portal's 5 s is journaled only when the portal
     * gives up on it, so a miss is looked for once more for {@link #DELIVERY_GRACE}: the step then names the handler's
     * silence instead of a delivery that never was.
     */
    public <T> T awaitDelivery(Function<Traffic, Optional<T>> probe, Duration within, String failure) {
        try {
            return await(probe, within, failure);
        } catch (AssertionError missed) {
            try {
                return await(probe, DELIVERY_GRACE, failure);
            } catch (AssertionError stillMissed) {
                throw missed; // the step's own wait is what it reports
            }
        }
    }

    /** how much longer than the step's wait a delivery may take to be journaled: the portal's 5 s and a margin */
    static final Duration DELIVERY_GRACE = Duration.ofSeconds(2);

    /**
     * Waits until the integration has sent nothing new for a moment (at most 10 s), and returns its traffic with the
     * portal's CRM objects: what the rules judge.
     */
    public Traffic awaitQuiet() {
        return quiet().withCrm(kit.control(), portalId);
    }

    private Traffic quiet() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Traffic last = traffic();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            sleep(POLL_MILLIS);
            Traffic now = traffic();
            if (now.size() != last.size()) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= QUIET_MILLIS * 1_000_000) {
                return now;
            }
        }
        return last;
    }

    /** Deletes the portal (and with it the integration's tokens). */
    public void end() {
        deleteQuietly(kit, portalId);
    }

    private static void deleteQuietly(ConformanceKit kit, String id) {
        try {
            kit.control().delete("/_emulator/portals/" + id);
        } catch (ConformanceException absent) {
            // nothing to delete: the first scenario, or the portal is already gone
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConformanceException("Interrupted", e);
        }
    }
}
