package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;
import dev.b24emu.emulator.testing.Phones;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PBX connector looks the caller up to show a name or route the call. crm.{contact,lead,company}.list's
 * filter[PHONE] matches only the beginning of a number as the CRM stores it, so 79990000001 (or +79990000001) misses
 * a contact saved as +7 (999) 000-00-01; crm.duplicate.findbycomm compares the digits (specs/DECISIONS.md D141, D8).
 * A list lookup that found nothing while the portal holds an object of that kind with the same digits is a missed
 * caller.
 */
final class PhoneLookup extends Rule {
    private static final Pattern LIST = Pattern.compile("crm\\.(contact|lead|company)\\.list", Pattern.CASE_INSENSITIVE);

    PhoneLookup() {
        super("phone-lookup",
                "Callers are looked up by phone in a way that finds them however the CRM wrote the number",
                "api-reference/crm/duplicates/crm-duplicate-find-by-comm.md; api-reference/crm/contacts/crm-contact-list.md; specs/DECISIONS.md D141");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return traffic.requests().stream().anyMatch(r -> phoneFilter(r).isPresent()
                || r.is("crm.duplicate.findbycomm") && r.text("type").equalsIgnoreCase("PHONE"));
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Traffic.Request request : traffic.requests()) {
            Optional<String> phone = phoneFilter(request);
            if (phone.isEmpty() || !request.ok() || request.result() == null || !request.result().isEmpty()) {
                continue;
            }
            Matcher list = LIST.matcher(request.method());
            String type = list.matches() ? list.group(1).toLowerCase(Locale.ROOT) : "";
            String key = Phones.matchKey(phone.get());
            for (Traffic.CrmObject object : traffic.crm()) {
                Optional<String> same = object.phones().stream().filter(p -> Phones.matchKey(p).equals(key)).findFirst();
                if (object.type().equals(type) && same.isPresent() && !key.isEmpty()) {
                    ObjectNode expected = JsonNodeFactory.instance.objectNode().put("method", "crm.duplicate.findbycomm");
                    ObjectNode params = expected.putObject("params").put("entity_type", type.toUpperCase(Locale.ROOT))
                            .put("type", "PHONE");
                    params.putArray("values").add(phone.get());
                    violations.add(new Violation(id(), request.method() + " filter[PHONE] \"" + phone.get()
                            + "\" found nothing, yet " + type + " " + object.id() + " (" + object.name() + ") has \""
                            + same.get() + "\": the filter matches the beginning of the number as it is stored",
                            request.seq(), request.view(), expected));
                    break;
                }
            }
        }
        return violations;
    }

    /** The value of a crm.{contact,lead,company}.list filter by PHONE (any operator), if the request has one. */
    private static Optional<String> phoneFilter(Traffic.Request request) {
        if (!LIST.matcher(request.method()).matches()) {
            return Optional.empty();
        }
        JsonNode filter = request.param("filter").orElse(null);
        if (filter == null || !filter.isObject()) {
            return Optional.empty();
        }
        for (var it = filter.fields(); it.hasNext(); ) {
            var field = it.next();
            if (field.getKey().replaceFirst("^[=!%<>@]+", "").equalsIgnoreCase("PHONE")) {
                JsonNode value = field.getValue().isArray() ? field.getValue().path(0) : field.getValue();
                return Optional.of(value.asText(""));
            }
        }
        return Optional.empty();
    }
}
