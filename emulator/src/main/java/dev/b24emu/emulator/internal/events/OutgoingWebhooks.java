package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.transport.Urls;

import java.security.SecureRandom;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Creating outgoing webhooks, as an administrator does under Applications > Developer resources > Other > Outgoing
 * webhook (the control API and the "outgoingWebhooks" seed field stand for that form): a handler URL, one or more
 * events, an optional title; the application_token is generated unless the seed fixes one.
 */
public final class OutgoingWebhooks {
    public static final String SEED_FIELD = "outgoingWebhooks";
    /** application_token too: the name the answer and the deliveries give it was refused (audit 60a) */
    private static final Set<String> FIELDS = Set.of("title", "handlerUrl", "events", "applicationToken",
            "application_token");
    private static final String TOKEN_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SelfGuard self;

    public OutgoingWebhooks(SelfGuard self) {
        this.self = self;
    }

    /** An outgoing webhook as asked for, checked: its events upper-cased as the server stores them. */
    public record Spec(String title, String handlerUrl, List<String> events, String applicationToken) {
    }

    /**
     * Body of POST /_emulator/portals/{id}/outgoing-webhooks: {"handlerUrl", "events": [...], "title"?,
     * "applicationToken"?}. OnExternalCallStart is refused while the portal follows the docs' "only through the
     * application" (outgoingWebhookClickToCall: false, specs/DECISIONS.md D74).
     */
    public OutgoingWebhook create(Portal portal, JsonNode body) {
        Spec spec = read(body);
        if (!portal.settings().outgoingWebhookClickToCall() && spec.events().contains(EventNames.EXTERNAL_CALL_START)) {
            throw new IllegalArgumentException("OnExternalCallStart can be subscribed to only through an application and "
                    + "event.bind (api-reference/telephony/events/index.md); the portal setting outgoingWebhookClickToCall "
                    + "is false");
        }
        return ConfigBound.adding(portal, () -> portal.store(EventStore.class).webhooks(), body, "outgoing webhooks",
                () -> add(portal, spec));
    }

    private static OutgoingWebhook add(Portal portal, Spec spec) {
        return portal.store(EventStore.class).addWebhook(spec.title(), spec.handlerUrl(), spec.events(),
                spec.applicationToken() != null ? spec.applicationToken() : newToken());
    }

    /** Adds the seed's outgoing webhooks to a (re)seeded portal, with the tokens chosen when the seed was read. */
    static void seed(Portal portal, List<Spec> specs) {
        specs.forEach(spec -> add(portal, spec));
    }

    Spec read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("An outgoing webhook must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("Unknown outgoing webhook field '" + name + "'; it has " + FIELDS);
            }
        }
        String url = body.path("handlerUrl").asText("");
        if (!Urls.isHttp(url) || self.reachesEmulator(url)) {
            throw new IllegalArgumentException("handlerUrl must be an absolute http(s) URL outside the emulator itself (D204)");
        }
        JsonNode list = body.get("events");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("events must name one or more events, such as [\"OnVoximplantCallEnd\"]");
        }
        Set<String> events = new LinkedHashSet<>();
        for (JsonNode event : list) {
            String name = event.asText("").toUpperCase(Locale.ROOT);
            if (!EventNames.forOutgoingWebhooks(name)) {
                throw new IllegalArgumentException("An outgoing webhook cannot receive " + event.asText()
                        + (EventNames.scopeOf(name).isPresent() ? ": it gets online events, not the application events"
                        : ": no such event") + "; known: " + EventNames.outgoingWebhookEvents());
            }
            events.add(name);
        }
        JsonNode token = body.has("applicationToken") ? body.get("applicationToken") : body.get("application_token");
        if (body.has("applicationToken") && body.has("application_token")
                && !body.get("applicationToken").equals(body.get("application_token"))) {
            throw new IllegalArgumentException("applicationToken and application_token name the same token: give one");
        }
        if (token != null && (!token.isTextual() || !token.asText().matches("[0-9A-Za-z]{8,64}"))) {
            throw new IllegalArgumentException("applicationToken must be 8 to 64 letters and digits");
        }
        String title = body.hasNonNull("title") ? body.get("title").asText() : "Outgoing webhook";
        return new Spec(title, url.trim(), List.copyOf(events), token == null ? null : token.asText());
    }

    /** The "outgoingWebhooks" seed field: a list of webhooks; a token is chosen now, so every reset keeps it. */
    public SeedSection seedSection() {
        return SeedSection.<Spec>array(SEED_FIELD, (body, before) -> {
            Spec spec = read(body);
            return spec.applicationToken() != null ? spec
                    : new Spec(spec.title(), spec.handlerUrl(), spec.events(), newToken());
        });
    }

    /** 32 lower-case letters and digits, as the docs' example token (jvh9y1ulvt2m6k5or90v9mg8nn32ozas). */
    private static String newToken() {
        StringBuilder token = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            token.append(TOKEN_CHARS.charAt(RANDOM.nextInt(TOKEN_CHARS.length())));
        }
        return token.toString();
    }
}
