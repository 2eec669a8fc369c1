package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bitrix24 signs each delivery with an application_token only the portal and the integration know (ONAPPINSTALL's,
 * or the outgoing webhook's): a handler that acts on an event without comparing it lets anyone who finds its URL
 * drive the integration, e.g. take over a call with a forged OnExternalCallStart. The kit posts forgeries with a
 * value of their own (a new CALL_ID, another number to call back); a later request naming what only a forgery
 * carried (a phone number in any format) means it was acted on. A forged OnAppUninstall carries no such value:
 * believed, it leaves the integration silent.
 */
final class ForgedEventsIgnored extends Rule {
    private static final String UNINSTALL = "ONAPPUNINSTALL";
    /** shorter values ("1", "Y", a user ID) say nothing about where a request got them */
    private static final int DISTINCTIVE = 8;
    /** a phone number as people write it: digits, with +, spaces, dashes, dots and brackets */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-.]{8,}");

    ForgedEventsIgnored() {
        super("forged-events-ignored",
                "Events whose auth[application_token] is not the portal's are not acted on",
                "api-reference/events/safe-event-handlers.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return !traffic.forged().isEmpty();
    }

    /**
     * Whether a request names a value only a forgery before it carried: a call registered on a forged
     * OnExternalCallBackStart is this rule's finding, not an unfinished call of the integration's own.
     */
    static java.util.function.Predicate<Traffic.Request> onForgery(Traffic traffic) {
        List<Traffic.Delivery> forgeries = traffic.forged().stream().filter(forgery -> !forgery.is(UNINSTALL)).toList();
        if (forgeries.isEmpty()) {
            return request -> false; // most scenarios forge nothing: no genuine value is read for them
        }
        Set<String> genuine = genuine(traffic); // read once for every request asked about
        List<Set<String>> own = forgeries.stream().map(forgery -> own(forgery, genuine)).toList();
        return request -> {
            for (int i = 0; i < forgeries.size(); i++) {
                if (forgeries.get(i).seq() < request.seq() && named(request.params(), own.get(i)).isPresent()) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Set<String> genuine(Traffic traffic) {
        Set<String> genuine = new HashSet<>();
        traffic.deliveries().stream().filter(d -> !d.forged() && d.payload() != null)
                .forEach(d -> texts(d.payload().path("data"), genuine));
        return genuine;
    }

    /** What only the forgery carried: its distinctive values no genuine delivery had. */
    private static Set<String> own(Traffic.Delivery forgery, Set<String> genuine) {
        Set<String> own = new LinkedHashSet<>();
        texts(forgery.payload().path("data"), own);
        own.removeIf(value -> value.length() < DISTINCTIVE || genuine.contains(value));
        return own;
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        Set<String> genuine = genuine(traffic);
        List<Violation> violations = new ArrayList<>();
        for (Traffic.Delivery forgery : traffic.forged()) {
            if (forgery.is(UNINSTALL) && traffic.requests().stream().noneMatch(r -> r.seq() > forgery.seq())) {
                // a forged uninstall carries nothing to name again: believed, the integration forgets its tokens and
                // never calls the portal after it (the @security scenario drives a call right after the forgery)
                violations.add(new Violation(id(), "Acted on a forged " + forgery.event() + ": the integration made no"
                        + " request after it, as though it had forgotten its installation", forgery.seq(),
                        forgery.payload(), JsonNodeFactory.instance.objectNode().put("then",
                        "(the next calls, with the installation's tokens: the event's auth[application_token] was not"
                                + " the portal's)")));
                continue;
            }
            Set<String> own = own(forgery, genuine);
            for (Traffic.Request request : traffic.requests()) {
                Optional<String> named = request.seq() > forgery.seq() ? named(request.params(), own) : Optional.empty();
                if (named.isPresent()) {
                    ObjectNode expected = JsonNodeFactory.instance.objectNode()
                            .put("method", "(none: the event's auth[application_token] was not the portal's)");
                    violations.add(new Violation(id(), "Acted on a forged " + forgery.event() + ": " + request.method()
                            + " names " + named.get() + ", which only the forgery carried", request.seq(),
                            request.view(), expected));
                }
            }
        }
        return violations;
    }

    private static Optional<String> named(JsonNode params, Set<String> values) {
        Set<String> sent = new HashSet<>();
        texts(params, sent);
        return values.stream().filter(sent::contains).findFirst();
    }

    /** Each value, and a phone number's digits too: an integration may pass the number on in another format. */
    private static void texts(JsonNode node, Set<String> into) {
        if (node.isValueNode()) {
            into.add(node.asText());
            if (PHONE.matcher(node.asText()).matches()) {
                into.add(node.asText().replaceAll("\\D", ""));
            }
        }
        node.forEach(child -> texts(child, into));
    }

}
