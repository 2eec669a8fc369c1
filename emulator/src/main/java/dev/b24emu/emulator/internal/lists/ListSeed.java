package dev.b24emu.emulator.internal.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.SeedSection;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's "lists" field (specs/DECISIONS.md D174): the universal lists an integration expects to find, with the
 * IDs it names (IBLOCK_ID 68, PROPERTY_216), their fields and elements:
 * {@code [{"ID": 68, "IBLOCK_TYPE_ID": "lists", "IBLOCK_CODE": "promo", "NAME": "Promo codes",
 * "FIELDS": [{"ID": 216, "NAME": "Code", "TYPE": "S", "CODE": "PROMO"}],
 * "ELEMENTS": [{"CODE": "p1", "NAME": "Summer", "PROPERTY_216": ["SUMMER"]}]}]}. IDs not given follow the ones
 * before them.
 */
public final class ListSeed {
    public static final String FIELD = "lists";

    private ListSeed() {
    }

    /** One list as the seed holds it; never changed, each portal's store copies what it keeps. */
    public record Seeded(UniversalList list, List<ListField> fields, List<ListElement> elements) {
    }

    public static SeedSection section() {
        return SeedSection.array(FIELD, ListSeed::read);
    }

    private static Seeded read(JsonNode item, List<Seeded> before) {
        if (!item.isObject()) {
            throw new IllegalArgumentException("a list must be an object");
        }
        ObjectNode given = Lists.upperKeys(item);
        long id = given.path("ID").asLong(before.stream().mapToLong(s -> s.list().id()).max().orElse(0) + 1);
        String type = Lists.text(given, "IBLOCK_TYPE_ID");
        String name = Lists.text(given, "NAME");
        if (id <= 0 || type.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("a list needs IBLOCK_TYPE_ID and NAME (and an ID above 0)");
        }
        if (before.stream().anyMatch(s -> s.list().id() == id)) {
            throw new IllegalArgumentException("list ID " + id + " appears twice");
        }
        UniversalList list = new UniversalList(id, type, Lists.text(given, "IBLOCK_CODE"), name,
                Lists.text(given, "DESCRIPTION"), given.path("SORT").asLong(500), "N", null, 1);
        long lastProperty = before.stream().flatMap(s -> s.fields().stream()).mapToLong(ListField::propertyId).max()
                .orElse(0);
        List<ListField> fields = new ArrayList<>();
        fields.add(new ListField(id, "NAME", 0, "Name", "NAME", true, false, 10, "", "", Map.of()));
        // the value IDs: an L field's options and the elements' values share the numbering, as the tables do
        long lastValue = before.stream().flatMap(seeded -> java.util.stream.Stream.concat(
                seeded.fields().stream().flatMap(f -> f.enums().keySet().stream()),
                seeded.elements().stream().flatMap(e -> e.properties().values().stream())
                        .flatMap(v -> v.keySet().stream()))).mapToLong(Long::parseLong).max().orElse(0);
        for (JsonNode f : given.path("FIELDS")) {
            ObjectNode field = Lists.upperKeys(f);
            String type2 = Lists.text(field, "TYPE");
            boolean system = Lists.SYSTEM_FIELDS.contains(type2);
            if (!system && !Lists.PROPERTY_TYPES.contains(type2)) {
                throw new IllegalArgumentException("field TYPE " + type2 + " is none of " + Lists.PROPERTY_TYPES
                        + " or " + Lists.SYSTEM_FIELDS);
            }
            long propertyId = system ? 0 : field.path("ID").asLong(lastProperty + 1);
            lastProperty = Math.max(lastProperty, propertyId);
            Map<String, String> enums = new LinkedHashMap<>();
            for (JsonNode value : field.path("LIST")) {
                enums.put(Long.toString(++lastValue), value.isObject() ? value.path("VALUE").asText() : value.asText());
            }
            fields.add(new ListField(id, system ? type2 : "PROPERTY_" + propertyId, propertyId,
                    Lists.text(field, "NAME"), type2, "Y".equals(Lists.text(field, "IS_REQUIRED")),
                    "Y".equals(Lists.text(field, "MULTIPLE")), field.path("SORT").asLong(500),
                    Lists.text(field, "CODE"), Lists.text(field, "DEFAULT_VALUE"), enums));
        }
        List<ListElement> elements = new ArrayList<>();
        long lastElement = before.stream().flatMap(s -> s.elements().stream()).mapToLong(ListElement::id).max()
                .orElse(0);
        for (JsonNode e : given.path("ELEMENTS")) {
            ObjectNode element = Lists.upperKeys(e);
            long elementId = element.path("ID").asLong(++lastElement);
            lastElement = Math.max(lastElement, elementId);
            Map<String, Map<String, String>> properties = new LinkedHashMap<>();
            Map<String, String> own = new LinkedHashMap<>();
            for (ListField field : fields) {
                JsonNode value = element.get(field.fieldId());
                if (value == null || field.fieldId().equals("NAME")) {
                    continue;
                }
                if (!field.isProperty()) {
                    own.put(field.fieldId(), value.asText());
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                Iterator<JsonNode> each = value.isArray() ? value.elements() : List.of(value).iterator();
                while (each.hasNext()) {
                    values.put(Long.toString(++lastValue), each.next().asText());
                }
                properties.put(field.fieldId(), values);
            }
            elements.add(new ListElement(elementId, id, Lists.text(element, "CODE"), Lists.text(element, "NAME"), 0,
                    element.path("CREATED_BY").asLong(1), own, properties));
        }
        return new Seeded(list, List.copyOf(fields), List.copyOf(elements));
    }
}
