package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmBindings.Binding;
import dev.b24emu.emulator.internal.crm.CrmBindings.Kind;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A portal's leads, deals, contacts and companies as the universal methods read them (specs/DECISIONS.md D167): each
 * object in {@link CrmItemForm}'s form with the clients the binding tables give it, a list's items matched by a
 * {@link CrmItemQuery}, and whether an update would change anything. Writing is the store's, as crm.{type}.* write.
 */
public final class CrmItems {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CrmStore crm;

    public CrmItems(CrmStore crm) {
        this.crm = crm;
    }

    /** The object as crm.item.get answers it, if there is one. */
    public Optional<ObjectNode> get(CrmEntityType type, long id, boolean originalUfNames) {
        return crm.get(new CrmRef(type, id)).map(item -> CrmItemForm.answered(common(item, contactsOfCompanies(type)),
                Set.of(), originalUfNames));
    }

    /** The object as add and update answer it: as the operation saved it. */
    public ObjectNode saved(CrmItem item, boolean originalUfNames) {
        return CrmItemForm.answered(CrmItemForm.saved(item, contacts(item, contactsOfCompanies(item.type())),
                companies(item)), Set.of(), originalUfNames);
    }

    /** What a list finds: each object in its common form ({@link #listed} answers it), in the query's order. */
    public List<ObjectNode> list(CrmEntityType type, CrmItemQuery query) {
        Map<Long, List<Long>> contacts = contactsOfCompanies(type);
        // each object's form is made when its page reads it: making all 20,000 of a full portal's contacts took a
        // second of the event loop, every other portal's requests waiting (audit 49d)
        if (query.everyRecordById()) {
            return made(List.copyOf(crm.all(type)), item -> common(item, contacts));
        }
        // a filter and an order read a field or two of each object, each made alone when read
        List<Read> read = new ArrayList<>();
        for (CrmItem item : crm.all(type)) {
            read.add(new Read(item, contacts));
        }
        return made(query.matching(read), found -> common(found.item, contacts));
    }

    /** The objects as a page reads them, each made then. */
    private static <T> List<ObjectNode> made(List<T> found, Function<T, ObjectNode> form) {
        return new AbstractList<>() {
            @Override
            public ObjectNode get(int index) {
                return form.apply(found.get(index));
            }

            @Override
            public int size() {
                return found.size();
            }
        };
    }

    /**
     * An object as a list's filter and order read it: what its form with the columns' names
     * ({@link CrmItemForm#filterable}) holds, a field at a time. The two fields read last are kept, as a sort reads
     * the same one or two of an object again at each comparison; no more, so 100,000 of them weigh a few MiB.
     */
    private static final class Read implements CrmItemQuery.Row {
        private final CrmItem item;
        private final Map<Long, List<Long>> contactsOfCompanies;
        private String name;
        private JsonNode value;
        private String otherName;
        private JsonNode otherValue;

        Read(CrmItem item, Map<Long, List<Long>> contactsOfCompanies) {
            this.item = item;
            this.contactsOfCompanies = contactsOfCompanies;
        }

        @Override
        public JsonNode get(String field) {
            if (field.equals(name)) {
                return value;
            }
            if (field.equals(otherName)) {
                return otherValue;
            }
            JsonNode read = CrmItemForm.filterValue(item, field, () -> contacts(item, contactsOfCompanies),
                    () -> companies(item));
            otherName = name;
            otherValue = value;
            name = field;
            value = read;
            return read;
        }
    }

    /** A found object under the select; an empty array when it leaves no field (select: [], or only unknown names). */
    public static JsonNode listed(ObjectNode common, Set<String> select, boolean noNames, boolean originalUfNames) {
        ObjectNode item = noNames ? NODES.objectNode() : CrmItemForm.answered(common, select, originalUfNames);
        return item.isEmpty() ? NODES.arrayNode() : item; // PHP writes an empty array as []
    }

    /**
     * The custom fields a filter names that no object of the type holds: the emulator keeps no registry of user
     * fields, so it reads such a field as one without values, where a real portal without the field refuses it.
     */
    public List<String> unheldCustomFields(CrmEntityType type, JsonNode... filterAndOrder) {
        java.util.Set<String> unheld = new java.util.LinkedHashSet<>(); // a list's contains per key took 24 s for 100,000
        Collection<CrmItem> items = crm.all(type);
        for (JsonNode names : filterAndOrder) {
            if (names != null && names.isObject()) {
                names.fieldNames().forEachRemaining(key -> {
                    String field = CrmItemForm.upperCase(key.replaceFirst("^[^A-Za-z]+", ""));
                    if (field.startsWith("UF_CRM_") && !unheld.contains(field)
                            && items.stream().noneMatch(item -> item.fields().has(field))) {
                        unheld.add(field);
                    }
                });
            }
        }
        return List.copyOf(unheld);
    }

    /** the fields an update cannot empty: an empty value keeps the old one (Field's CanNotBeEmptied attribute) */
    private static final Set<String> NOT_EMPTIED = Set.of("TITLE", "ASSIGNED_BY_ID", "CURRENCY_ID", "BEGINDATE",
            "CLOSEDATE");
    /** the fields only an add writes (their Immutable attribute): a deal's and company's form, "my company" */
    private static final Map<CrmEntityType, Set<String>> ADD_ONLY = Map.of(CrmEntityType.DEAL, Set.of("WEBFORM_ID"),
            CrmEntityType.COMPANY, Set.of("WEBFORM_ID", "IS_MY_COMPANY"));

    /**
     * The fields (in the store's names) as the factory's operation writes them (specs/DECISIONS.md D167): on an add,
     * the factory's defaults for what is not given (the first source, contact type, company type, industry and
     * employees; export Y; a company's revenue 0 in the base currency); a stage its pipeline does not have is, on an
     * add or a deal's move to another pipeline, the pipeline's first stage of the same semantics, and left out on
     * another update (the item keeps its stage: Field\Stage); on an update, an empty value of a
     * field that cannot be emptied, and a field only an add writes, left out; a date strtotime cannot read left out.
     * What is left out without a word on a real portal is noted. A contact left without a name and a last name is
     * the field error the server answers.
     */
    public ObjectNode prepared(CrmEntityType type, CrmItem current, ObjectNode written, ZoneId zone,
                               List<String> notes) {
        ObjectNode fields = written.deepCopy();
        CrmGuides guides = crm.guides();
        if (current == null) {
            defaults(type, fields, guides);
        }
        if (type == CrmEntityType.DEAL && fields.hasNonNull("CATEGORY_ID")) {
            long category = Params.phpInt(fields.get("CATEGORY_ID"));
            if (category < 0 || category > 0 && guides.guide(DealCategories.statusEntity(category)).isEmpty()) {
                throw RestError.of("CRM_FIELD_ERROR_VALUE_NOT_VALID", "The value of \"Pipeline\" is incorrect");
            }
        }
        String stageField = type == CrmEntityType.LEAD ? "STATUS_ID" : "STAGE_ID";
        long before = current == null ? -1 : current.longField("CATEGORY_ID");
        if (type == CrmEntityType.DEAL && (current == null ? fields.hasNonNull(stageField)
                : fields.hasNonNull("CATEGORY_ID") && Params.phpInt(fields.get("CATEGORY_ID")) != before)) {
            // an add, or a move to another pipeline: a stage the pipeline lacks is its first of the same semantics
            long category = Math.max(0, Params.phpInt(fields.path("CATEGORY_ID")));
            String given = fields.hasNonNull(stageField) ? fields.get(stageField).asText() : current.text(stageField);
            String stage = DealCategories.stageIn(guides, category, given);
            if (!stage.equals(given) && fields.hasNonNull(stageField)) {
                notes.add("stageId " + given + " is no stage of " + DealCategories.statusEntity(category)
                        + ": the real server takes " + stage);
            }
            fields.put(stageField, stage);
        } else if ((type == CrmEntityType.LEAD || type == CrmEntityType.DEAL) && fields.hasNonNull(stageField)) {
            String stage = fields.get(stageField).asText();
            long category = Params.phpInt(fields.has("CATEGORY_ID") ? fields.get("CATEGORY_ID")
                    : current == null ? NODES.numberNode(0) : current.fields().path("CATEGORY_ID"));
            String guide = type == CrmEntityType.LEAD ? "STATUS" : DealCategories.statusEntity(category);
            if (guides.guide(guide).stream().noneMatch(row -> row.path("STATUS_ID").asText().equals(stage))) {
                fields.remove(stageField);
                notes.add("stageId " + stage + " is no stage of " + guide + ": the real server "
                        + (current == null ? "takes the first stage" : "keeps the item's stage"));
            }
        }
        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode value = fields.get(name);
            boolean empty = value.isNull() || value.isValueNode() && value.asText().isBlank()
                    || name.equals("ASSIGNED_BY_ID") && Params.phpInt(value) <= 0; // no user is no responsible
            CrmItemForm.Kind kind = CrmItemForm.kind(type, name).orElse(CrmItemForm.Kind.TEXT);
            if (current != null && empty && NOT_EMPTIED.contains(name)) {
                fields.remove(name);
                notes.add(name + " cannot be emptied: the real server keeps its value");
            } else if (current == null && empty && name.equals("ASSIGNED_BY_ID")) {
                fields.remove(name); // the caller, as the store gives an object without one
            } else if (current != null && ADD_ONLY.getOrDefault(type, Set.of()).contains(name)) {
                fields.remove(name);
                notes.add(name + " is written only when the item is added: the real server ignores it");
            } else if ((kind == CrmItemForm.Kind.DATE || kind == CrmItemForm.Kind.DAY) && !empty
                    && PhpDates.strtotime(value.asText(), zone).isEmpty()) {
                fields.remove(name);
                notes.add(name + " " + value.asText() + " is no date: the real server leaves the field as it was");
            }
        }
        if (current != null && type == CrmEntityType.CONTACT && blank(fields, current, "NAME")
                && blank(fields, current, "LAST_NAME")) {
            throw RestError.of("CRM_FIELD_ERROR_REQUIRED",
                    "Fields \"First name\" and \"Last name\" cannot be both empty. Please complete at least one of them.");
        }
        return fields;
    }

    /** The factory's defaults of an add (the tables' default values), for what the fields do not give. */
    private static void defaults(CrmEntityType type, ObjectNode fields, CrmGuides guides) {
        switch (type) {
            case LEAD -> absent(fields, "SOURCE_ID", guides.first("SOURCE").orElse(null));
            case CONTACT -> {
                absent(fields, "SOURCE_ID", guides.first("SOURCE").orElse(null));
                absent(fields, "TYPE_ID", guides.first("CONTACT_TYPE").orElse(null));
                absent(fields, "EXPORT", "Y");
            }
            case COMPANY -> {
                absent(fields, "COMPANY_TYPE", guides.first("COMPANY_TYPE").orElse(null));
                absent(fields, "INDUSTRY", guides.first("INDUSTRY").orElse(null));
                absent(fields, "EMPLOYEES", guides.first("EMPLOYEES").orElse(null));
                absent(fields, "REVENUE", "0");
                absent(fields, "CURRENCY_ID", guides.baseCurrency());
            }
            case DEAL -> {
            }
        }
    }

    private static void absent(ObjectNode fields, String name, String value) {
        JsonNode given = fields.get(name);
        if (value != null && (given == null || given.isNull() || given.asText().isBlank())) {
            fields.put(name, value);
        }
    }

    /** Whether the field is empty after the update: given empty, or not given and empty now. */
    private static boolean blank(ObjectNode fields, CrmItem current, String name) {
        JsonNode value = fields.has(name) ? fields.get(name) : current.fields().get(name);
        return value == null || value.isNull() || value.asText().isBlank();
    }

    /**
     * Whether writing the fields (in the store's names) would change the object (Operation\Update::isItemChanged),
     * each compared as the column keeps it: numbers as numbers, a date by its day or instant, a list of IDs as IDs, a
     * multi-field value by the value it names (one without an ID is always new).
     */
    public static boolean changes(CrmItem current, ObjectNode written, ZoneId zone) {
        for (var it = written.fields(); it.hasNext(); ) {
            var entry = it.next();
            String name = entry.getKey();
            JsonNode kept = current.fields().get(name);
            JsonNode wanted = entry.getValue();
            CrmItemForm.Kind kind = CrmItemForm.kind(current.type(), name).orElse(CrmItemForm.Kind.TEXT);
            boolean same;
            if (CrmItem.MULTIFIELDS.contains(name)) {
                same = sameValues(kept, wanted);
            } else if (wanted.isArray()) {
                same = ids(wanted).equals(boundIds(current, name));
            } else if (wanted.isValueNode() && kept != null && kept.isValueNode()) {
                same = kind == CrmItemForm.Kind.DAY ? PhpDates.unConvertDate(wanted.asText(), zone)
                        .map(day -> kept.asText().startsWith(day.toString())).orElse(false)
                        : kind == CrmItemForm.Kind.DATE ? PhpDates.strtotime(wanted.asText(), zone)
                        .equals(PhpDates.strtotime(kept.asText(), zone))
                        : same(kept.asText(), wanted.asText());
            } else {
                same = wanted.isNull() && (kept == null || kept.isNull());
            }
            if (!same) {
                return true;
            }
        }
        return false;
    }

    /** A multi-field's given values change nothing when each names a value the object has, as it has it. */
    private static boolean sameValues(JsonNode kept, JsonNode given) {
        for (JsonNode value : given) {
            String id = value.path("ID").asText("");
            boolean known = false;
            for (JsonNode existing : kept == null ? NODES.arrayNode() : kept) {
                if (!id.isEmpty() && existing.path("ID").asText().equals(id)) {
                    known = existing.path("VALUE").asText().equals(value.path("VALUE").asText())
                            && (!value.has("VALUE_TYPE") || existing.path("VALUE_TYPE").asText()
                            .equals(value.path("VALUE_TYPE").asText()));
                }
            }
            if (!known) {
                return false;
            }
        }
        return true;
    }

    /** The IDs a list field names now: the bindings' for COMPANY_IDS and CONTACT_IDS, the kept list's otherwise. */
    private static List<Long> boundIds(CrmItem item, String name) {
        return switch (name) {
            case "CONTACT_IDS" -> CrmBindings.Kind.of(item.type()).map(kind -> CrmBindings.ids(kind, item.fields()))
                    .orElse(List.of());
            case "COMPANY_IDS" -> CrmBindings.ids(Kind.CONTACT_COMPANY, item.fields());
            default -> ids(item.fields().get(name));
        };
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(id -> ids.add(Params.phpInt(id)));
        }
        return ids;
    }

    /** One value as the database keeps it: 100 is 100.00 in a money column. */
    private static boolean same(String kept, String given) {
        try {
            return Params.decimal(kept.trim()).compareTo(Params.decimal(given.trim())) == 0;
        } catch (NumberFormatException notNumbers) {
            return kept.equals(given);
        }
    }

    private static ObjectNode common(CrmItem item, Map<Long, List<Long>> contactsOfCompanies) {
        return CrmItemForm.common(item, contacts(item, contactsOfCompanies), companies(item));
    }

    /** The contacts bound to a deal or lead (its own rows) or to a company (its contacts' rows). */
    private static List<Long> contacts(CrmItem item, Map<Long, List<Long>> contactsOfCompanies) {
        return switch (item.type()) {
            case DEAL -> CrmBindings.ids(Kind.DEAL_CONTACT, item.fields());
            case LEAD -> CrmBindings.ids(Kind.LEAD_CONTACT, item.fields());
            case COMPANY -> contactsOfCompanies.getOrDefault(item.id(), List.of());
            case CONTACT -> List.of();
        };
    }

    /** A contact's companies. */
    private static List<Long> companies(CrmItem item) {
        return item.type() == CrmEntityType.CONTACT ? CrmBindings.ids(Kind.CONTACT_COMPANY, item.fields()) : List.of();
    }

    /**
     * Each company's contacts in their SORT order (a company's rows are kept on its contacts), read in one pass over
     * the contacts when companies are read.
     */
    private Map<Long, List<Long>> contactsOfCompanies(CrmEntityType type) {
        Map<Long, List<Binding>> rows = new HashMap<>();
        if (type == CrmEntityType.COMPANY) {
            for (CrmItem contact : crm.all(CrmEntityType.CONTACT)) {
                for (Binding company : CrmBindings.read(Kind.CONTACT_COMPANY, contact.fields())) {
                    rows.computeIfAbsent(company.id(), id -> new ArrayList<>())
                            .add(new Binding(contact.id(), company.sort(), company.primary()));
                }
            }
        }
        Map<Long, List<Long>> contacts = new HashMap<>();
        rows.forEach((company, bound) -> contacts.put(company, bound.stream()
                .sorted(Comparator.comparingInt(Binding::sort)).map(Binding::id).toList()));
        return contacts;
    }
}
