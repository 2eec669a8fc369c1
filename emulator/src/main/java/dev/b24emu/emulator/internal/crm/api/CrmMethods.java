package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.crm.BindingTables;
import dev.b24emu.emulator.internal.crm.CrmActivities;
import dev.b24emu.emulator.internal.crm.CrmBindings;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmFieldDescriptions;
import dev.b24emu.emulator.internal.crm.CrmGuideTypes;
import dev.b24emu.emulator.internal.crm.DealCategories;
import dev.b24emu.emulator.internal.crm.EmailCheck;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmListFilter;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmRows;
import dev.b24emu.emulator.internal.crm.CrmStatusStore;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The CRM methods an integration uses to seed and inspect what telephony does: crm.{lead,deal,contact,company}
 * .add/.get/.list/.update/.delete/.fields, crm.activity.add/.update/.get/.list/.fields, crm.duplicate.findbycomm,
 * crm.settings.mode.get, crm.enum.settings.mode, crm.status.list and crm.timeline.comment.add.
 */
final class CrmMethods {
    /** crm.duplicate.findbycomm's bound on the criteria it searches, and on the matches of each */
    private static final int MAX_DUPLICATES = 20;

    private CrmMethods() {
    }

    static void register(MethodTable methods) {
        for (CrmEntityType type : CrmEntityType.values()) {
            String prefix = "crm." + type.name().toLowerCase(Locale.ROOT);
            methods.add(prefix + ".add", call -> add(call, type))
                    .add(prefix + ".get", call -> get(call.portal(), call.params(), type))
                    .add(prefix + ".list", call -> list(call, type))
                    .add(prefix + ".update", call -> update(call, type))
                    .add(prefix + ".delete", call -> {
                        long id = requireId(call.params());
                        Portal portal = call.portal();
                        if (!portal.exclusive(() -> crm(portal).delete(new CrmRef(type, id), Origin.of(call)))) {
                            throw RestError.of("ERROR_CORE", "Not found");
                        }
                        return JsonNodeFactory.instance.booleanNode(true);
                    })
                    .add(prefix + ".fields", call -> CrmFieldDescriptions.of(type.name().toLowerCase(Locale.ROOT)));
        }
        methods.add("crm.activity.get", call -> {
                    ObjectNode activity = activity(call.portal(), call.params());
                    return CrmActivities.answered(activity, activity, null, call.endpoints().baseUrl());
                })
                .add("crm.activity.list", CrmMethods::activities)
                .add("crm.duplicate.findbycomm", call -> findByCommunication(call.portal(), call.params()))
                .add("crm.settings.mode.get", call -> IntNode.valueOf(modeId(call.portal().settings().crmMode())))
                .add("crm.enum.settings.mode", call -> modes())
                .add("crm.enum.ownertype", call -> CrmFieldDescriptions.enumeration("ownertype"))
                .add("crm.enum.activitytype", call -> CrmFieldDescriptions.enumeration("activitytype"))
                .add("crm.enum.activitydirection", call -> CrmFieldDescriptions.enumeration("activitydirection"))
                .add("crm.activity.communication.fields", call -> CrmFieldDescriptions.of("communication"))
                .add("crm.status.entity.items", call -> guideItems(call.portal(), call.params()))
                .add("crm.status.entity.types", call -> CrmGuideTypes.all(call.portal()))
                .add("crm.activity.fields", call -> CrmFieldDescriptions.of("activity"))
                .add("crm.activity.add", call -> {
                    ObjectNode fields = undescribedReported(call, objectParam(call.params(), "fields"));
                    Portal portal = call.portal();
                    return IntNode.valueOf((int) (long) portal.exclusive(() ->
                            CrmActivities.add(portal, Origin.of(call), fields)));
                })
                .add("crm.activity.update", call -> {
                    long id = requireId(call.params());
                    ObjectNode fields = undescribedReported(call, objectParam(call.params(), "fields"));
                    Portal portal = call.portal();
                    portal.exclusive(() -> {
                        CrmActivities.update(portal, Origin.of(call), id, fields, call::warn);
                        return null;
                    });
                    return JsonNodeFactory.instance.booleanNode(true);
                })
                .add("crm.activity.delete", call -> {
                    long id = requireId(call.params());
                    Portal portal = call.portal();
                    if (!portal.exclusive(() -> crm(portal).deleteActivity(id, Origin.of(call)))) {
                        throw RestError.of("ERROR_CORE", "Activity is not found."); // as update answers it (D55)
                    }
                    return JsonNodeFactory.instance.booleanNode(true);
                })
                .add("crm.status.list", call -> statuses(call.portal(), call.params()));
    }

    /** crm.settings.mode.get and crm.enum.settings.mode: 1 classic CRM (with leads), 2 simple CRM. */
    private static int modeId(PortalSettings.CrmMode mode) {
        return mode == PortalSettings.CrmMode.SIMPLE ? 2 : 1;
    }

    /** The modes crm.settings.mode.get answers, as api-reference/crm/auxiliary/enum/crm-enum-settings-mode.md lists them. */
    private static JsonNode modes() {
        ArrayNode modes = JsonNodeFactory.instance.arrayNode();
        for (PortalSettings.CrmMode mode : PortalSettings.CrmMode.values()) {
            modes.addObject().put("ID", modeId(mode))
                    .put("NAME", mode == PortalSettings.CrmMode.SIMPLE ? "Simple CRM" : "Classic CRM")
                    .putNull("SYMBOL_CODE").putNull("SYMBOL_CODE_SHORT");
        }
        return modes;
    }

    /**
     * One reference guide's values, by SORT, as {NAME, SORT, STATUS_ID} (crm-status-entity-items.md;
     * CCrmStatusRestProxy::getEntityItems): the guide named in any case; an unknown one has none.
     */
    private static JsonNode guideItems(Portal portal, Params p) {
        String entityId = p.text("entityId").or(() -> p.text("ENTITY_ID")).map(String::trim).orElse("");
        if (entityId.isEmpty()) {
            throw RestError.of("ERROR_CORE", "The parameter entityId is not defined or invalid.");
        }
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (ObjectNode row : portal.store(CrmStatusStore.class).guide(entityId.toUpperCase(Locale.ROOT))) {
            items.addObject().put("NAME", row.path("NAME").asText()).put("SORT", row.path("SORT").asInt())
                    .put("STATUS_ID", row.path("STATUS_ID").asText());
        }
        return items;
    }

    /**
     * The rows of the portal's reference guides by filter (ENTITY_ID SOURCE: the values register's CRM_SOURCE takes),
     * ordered by SORT unless the call orders them; an unknown guide has no rows (specs/DECISIONS.md D57). Every row
     * comes at once: the server's proxy reads no start (D143).
     */
    private static ListResult statuses(Portal portal, Params p) {
        ObjectNode params = p.tree().deepCopy();
        if (!p.has("order")) {
            params.putObject("order").put("SORT", "ASC");
        }
        return ListQuery.from(new Params(params)).paged(portal.settings().listPageNumbers() ? ListQuery.Paging.ALL
                : ListQuery.Paging.OFFSET).run(portal.store(CrmStatusStore.class).rows());
    }

    private static CrmStore crm(Portal portal) {
        return portal.store(CrmStore.class);
    }

    private static JsonNode add(RestCall call, CrmEntityType type) {
        ObjectNode sent = objectParam(call.params(), "fields");
        Portal portal = call.portal();
        ObjectNode fields = imports(call, type)
                ? imported(portal, writable(call, type, sent.deepCopy(), false, CrmStore.IMPORT_FIELDS))
                : writable(call, type, sent, false, Set.of());
        EmailCheck.check(fields);
        if (type == CrmEntityType.DEAL && fields.hasNonNull("STAGE_ID")) {
            long category = Math.max(0, Params.phpInt(fields.path("CATEGORY_ID")));
            String given = fields.get("STAGE_ID").asText();
            String stage = DealCategories.stageIn(crm(portal).guides(), category, given);
            if (!stage.equals(given)) {
                call.deviation("STAGE_ID " + given + " is no stage of the deal's pipeline " + category
                        + " (crm.dealcategory.stage.list): the real server takes its stage " + stage);
                fields.put("STAGE_ID", stage);
            }
        }
        Optional<List<Long>> contacts = companyContacts(type, fields);
        CrmItem item = portal.exclusive(() -> {
            CrmItem added = crm(portal).add(type, fields, Origin.of(call), portal.isoNow());
            contacts.ifPresent(ids -> ids.forEach(contact -> COMPANY_CONTACTS.add(crm(portal), added.id(), contact,
                    null, true)));
            return added;
        });
        return IntNode.valueOf((int) item.id());
    }

    /** a company's contacts, as crm.company.contact.* write them */
    private static final BindingTables.CompanySide COMPANY_CONTACTS = new BindingTables.CompanySide();

    /**
     * A company's CONTACT_ID given as a list (crm-company-add.md: "Contact. Multiple"), taken out of its fields: the
     * contacts CCrmCompany::Add binds to it and Update makes its contacts (none given unbinds them all). Empty for
     * any other object, and for a CONTACT_ID that is no list, which the company's add and update do not read.
     */
    private static Optional<List<Long>> companyContacts(CrmEntityType type, ObjectNode fields) {
        JsonNode given = fields.get("CONTACT_ID");
        if (type != CrmEntityType.COMPANY || given == null || !given.isContainerNode()) {
            return Optional.empty();
        }
        fields.remove("CONTACT_ID");
        List<Long> ids = new ArrayList<>();
        given.forEach(id -> {
            long contact = Params.phpInt(id);
            if (contact > 0 && !ids.contains(contact)) { // array_filter drops the empty ones
                ids.add(contact);
            }
        });
        return Optional.of(ids);
    }

    /** Update's rule: the contacts not in the list are unbound, those new to it bound, the others left as they are. */
    private static void setCompanyContacts(CrmStore crm, long company, List<Long> contacts) {
        for (CrmBindings.Binding bound : COMPANY_CONTACTS.rows(crm, company).orElseThrow()) {
            if (!contacts.contains(bound.id())) {
                COMPANY_CONTACTS.delete(crm, company, bound.id());
            }
        }
        contacts.forEach(contact -> COMPANY_CONTACTS.add(crm, company, contact, null, true));
    }

    /**
     * Whether a contact's or company's add is an import (params IMPORT, read as PHP's truth: crm-contact-add.md says
     * "0" or "" is no): its creation and change dates and authors are then written as given.
     */
    private static boolean imports(RestCall call, CrmEntityType type) {
        return (type == CrmEntityType.CONTACT || type == CrmEntityType.COMPANY)
                && Params.phpTruthy(call.params().tree().path("params").path("IMPORT"));
    }

    /**
     * The import's fields (a copy of the request's) with its dates read as strtotime reads them, in the portal's zone,
     * and its authors as numbers; a value read as neither is left out, so the system's stands.
     */
    private static ObjectNode imported(Portal portal, ObjectNode fields) {
        for (String name : CrmStore.IMPORT_FIELDS) {
            JsonNode value = fields.remove(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (name.startsWith("DATE_")) {
                Params.scalarText(value).flatMap(text -> PhpDates.strtotime(text, portal.settings().timeZone()))
                        .map(portal::iso).ifPresent(date -> fields.put(name, date));
            } else if (Params.phpInt(value) > 0) {
                fields.put(name, Long.toString(Params.phpInt(value)));
            }
        }
        return fields;
    }

    /**
     * The fields the real server writes: those it drops are dropped here too, and reported (D130); file fields, which
     * the real server keeps and the emulator does not, are left out with a notice (D203).
     */
    private static ObjectNode writable(RestCall call, CrmEntityType type, ObjectNode fields, boolean update,
                                       Set<String> alsoWritable) {
        String object = type.name().toLowerCase(Locale.ROOT);
        List<String> ignored = new ArrayList<>(CrmFieldDescriptions.ignored(object, fields, update));
        ignored.removeAll(alsoWritable); // an import's dates and authors (D130)
        if (!ignored.isEmpty()) {
            call.deviation("fields " + String.join(", ", ignored) + ": not " + (update ? "changeable" : "writable")
                    + " fields of crm." + object + " (crm." + object + ".fields): the real server ignores them");
        }
        return withoutFiles(call, object, fields, ignored);
    }

    /**
     * The fields without the files crm.{object}.fields types as file or diskfile: a real portal stores them and
     * answers them as file objects ({id, showUrl, downloadUrl}; an activity's as FILES {id, url}); the emulator keeps
     * no files, so it says so rather than keep the upload or drop it without a word (D203).
     */
    private static ObjectNode withoutFiles(RestCall call, String object, ObjectNode fields, List<String> dropped) {
        List<String> files = CrmFieldDescriptions.files(object, fields);
        files.removeAll(dropped);
        if (files.isEmpty() && dropped.isEmpty()) {
            return fields;
        }
        if (!files.isEmpty()) {
            call.limitation("fields " + String.join(", ", files) + ": the emulator keeps no files a client sends;"
                    + " a real portal would store them and answer them as files (D203)");
        }
        ObjectNode kept = fields.deepCopy();
        kept.remove(dropped);
        kept.remove(files);
        return kept;
    }

    /**
     * An activity's fields, those crm.activity.fields does not describe (an Exotel connector's DURATION and
     * WEBDAV_INFOS) reported: the server drops them without a word, the activity never has them (D130).
     */
    private static ObjectNode undescribedReported(RestCall call, ObjectNode fields) {
        List<String> undescribed = CrmFieldDescriptions.undescribed("activity", fields);
        if (!undescribed.isEmpty()) {
            call.deviation("fields " + String.join(", ", undescribed)
                    + ": not fields of crm.activity (crm.activity.fields): the real server ignores them");
        }
        return withoutFiles(call, "activity", fields, List.of());
    }

    /** The list the real server answers: its filter read as the server reads it (D141), what it drops reported. */
    private static ListResult list(RestCall call, CrmEntityType type) {
        return listed(call, type.name().toLowerCase(Locale.ROOT), fieldsOf(call.portal(), type), null,
                query -> fields -> CrmRows.listed(type, fields, query.selected()));
    }

    /**
     * crm.activity.list: the same filter reading (CCrmActivityRestProxy goes through the same proxy base), and without
     * an order the activities by START_TIME, as its innerGetList orders them and crm-activity-list.md says.
     */
    private static ListResult activities(RestCall call) {
        String base = call.endpoints().baseUrl();
        return listed(call, "activity", List.copyOf(crm(call.portal()).activities()), "START_TIME",
                query -> stored -> CrmActivities.answered(stored, query.project(stored), query.selected(), base));
    }

    /**
     * {@code object}'s records listed with its filter read as the server reads it, ordered by default by a field, start
     * read as a page number (CCrmRestProxyBase::getNavData, D143); each record answered as {@code rows} makes it under
     * the list's query.
     */
    private static ListResult listed(RestCall call, String object, List<ObjectNode> records, String defaultOrder,
                                     Function<ListQuery, UnaryOperator<ObjectNode>> rows) {
        Params params = call.params();
        CrmListFilter.Prepared filter = CrmListFilter.prepare(object, params.node("filter").orElse(null),
                call.portal().settings().phoneFilterDigits(), call.portal().settings().timeZone(), call.portal().now());
        filter.dropped().forEach(call::deviation);
        JsonNode order = params.node("order").orElse(null);
        boolean ordered = defaultOrder == null || order != null && !(order.isContainerNode() && order.isEmpty());
        if (filter.rest() != null || !ordered) {
            ObjectNode tree = params.tree().deepCopy();
            if (filter.rest() != null) {
                replace(tree, "filter", filter.rest());
            }
            if (!ordered) {
                replace(tree, "order", JsonNodeFactory.instance.objectNode().put(defaultOrder, "ASC"));
            }
            params = new Params(tree);
        }
        ListQuery query = ListQuery.from(params).paged(call.portal().settings().listPageNumbers()
                ? ListQuery.Paging.PAGE_NUMBER : ListQuery.Paging.OFFSET);
        List<ObjectNode> kept = new ArrayList<>();
        for (ObjectNode record : records) {
            if (filter.multifields().test(record)) {
                for (int copy = filter.copies().applyAsInt(record); copy > 0; copy--) {
                    kept.add(record); // a BINDINGS filter lists an activity once per binding it names (D160)
                }
            }
        }
        return query.run(kept, rows.apply(query));
    }

    /** Puts a top-level parameter in place of every spelling of it (its name matched without regard to case). */
    private static void replace(ObjectNode tree, String name, JsonNode value) {
        List<String> spellings = new ArrayList<>();
        tree.fieldNames().forEachRemaining(key -> {
            if (key.equalsIgnoreCase(name)) {
                spellings.add(key);
            }
        });
        tree.remove(spellings);
        tree.set(name, value);
    }

    private static JsonNode get(Portal portal, Params p, CrmEntityType type) {
        long id = requireId(p);
        return crm(portal).get(new CrmRef(type, id)).map(CrmRows::get)
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Not found"));
    }

    private static JsonNode update(RestCall call, CrmEntityType type) {
        long id = requireId(call.params());
        ObjectNode fields = writable(call, type, objectParam(call.params(), "fields"), true, Set.of());
        Portal portal = call.portal();
        Optional<CrmItem> current = crm(portal).get(new CrmRef(type, id));
        if (current.isPresent()) { // CheckFields runs on an object that is there
            EmailCheck.check(fields);
        }
        if (type == CrmEntityType.DEAL && fields.hasNonNull("STAGE_ID")) {
            long category = current.map(deal -> deal.longField("CATEGORY_ID")).orElse(0L);
            String given = fields.get("STAGE_ID").asText();
            if (!DealCategories.isStageOf(crm(portal).guides(), category, given)) {
                call.deviation("STAGE_ID " + given + " is no stage of the deal's pipeline " + category
                        + " (crm.dealcategory.stage.list): the real server keeps the deal's stage");
                fields.remove("STAGE_ID");
            }
        }
        Optional<List<Long>> contacts = companyContacts(type, fields);
        portal.exclusive(() -> {
            Optional<CrmItem> updated = crm(portal).update(new CrmRef(type, id), fields, Origin.of(call),
                    portal.isoNow());
            updated.ifPresent(company -> contacts.ifPresent(ids -> setCompanyContacts(crm(portal), id, ids)));
            return updated;
        }).orElseThrow(() -> RestError.of("ERROR_CORE", "Not found"));
        return JsonNodeFactory.instance.booleanNode(true);
    }

    private static ObjectNode activity(Portal portal, Params p) {
        long id = requireId(p);
        return crm(portal).activity(id).orElseThrow(() -> RestError.of("ERROR_CORE", "Activity is not found."));
    }

    private static JsonNode findByCommunication(Portal portal, Params p) {
        String type = p.textOrEmpty("type").toUpperCase(Locale.ROOT);
        if (type.isEmpty()) {
            throw RestError.of("ERROR_CORE", "Communication type is not defined.");
        }
        if (!type.equals("PHONE") && !type.equals("EMAIL")) {
            throw RestError.of("ERROR_CORE", "Communication type '" + type + "' is not supported in current context.");
        }
        // CCrmDuplicateRestProxy: an array with something in it, of which only non-empty strings are searched (a JSON
        // number is skipped), each criterion once; up to 20 matches a criterion, and 20 criteria
        ObjectNode values = p.phpArray("values").filter(given -> !given.isEmpty())
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Communication values is not defined."));
        List<CrmEntityType> types = p.text("entity_type").flatMap(CrmEntityType::parse).map(List::of)
                .orElse(List.of(CrmEntityType.LEAD, CrmEntityType.CONTACT, CrmEntityType.COMPANY));
        if (types.contains(CrmEntityType.DEAL)) { // CCrmDuplicateRestProxy: deals have no communications to match
            throw RestError.of("ERROR_CORE", "Deal is not supported in current context.");
        }
        Map<CrmEntityType, java.util.Set<Long>> found = new java.util.EnumMap<>(CrmEntityType.class);
        java.util.Set<String> criteria = new java.util.HashSet<>();
        int searched = 0;
        for (JsonNode value : (Iterable<JsonNode>) values::elements) {
            if (!value.isTextual() || value.asText().isEmpty()
                    || !criteria.add(type.equals("PHONE") ? PhoneNumbers.matchKey(value.asText())
                    : value.asText().trim().toLowerCase(Locale.ROOT))) {
                continue;
            }
            int matched = 0;
            for (CrmEntityType entityType : types) {
                for (CrmItem item : matches(portal, type, value.asText(), entityType)) {
                    if (matched++ < MAX_DUPLICATES) {
                        found.computeIfAbsent(entityType, t -> new java.util.TreeSet<>()).add(item.id());
                    }
                }
            }
            if (++searched >= MAX_DUPLICATES) {
                break;
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        found.forEach((entityType, ids) -> ids.forEach(result.putArray(entityType.name())::add));
        return result.isEmpty() ? JsonNodeFactory.instance.arrayNode() : result;
    }

    private static List<CrmItem> matches(Portal portal, String communication, String value, CrmEntityType type) {
        if (communication.equals("PHONE")) {
            return crm(portal).findByPhone(value).stream().filter(item -> item.type() == type).toList();
        }
        return crm(portal).all(type).stream().filter(item -> {
            for (JsonNode email : item.fields().path("EMAIL")) {
                if (email.path("VALUE").asText("").equalsIgnoreCase(value.trim())) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    private static List<ObjectNode> fieldsOf(Portal portal, CrmEntityType type) {
        return crm(portal).all(type).stream().map(CrmItem::fields).toList();
    }

    /** A parameter the proxy reads with is_array: a JSON list too, as PHP decodes it (`fields: []` is empty, D149). */
    static ObjectNode objectParam(Params p, String name) {
        return p.phpArray(name).orElseThrow(() -> RestError.of("ERROR_CORE", "Parameter '" + name + "' must be array."));
    }

    private static long requireId(Params p) {
        long id = p.phpInt("id");
        if (id <= 0) {
            throw RestError.of("ERROR_CORE", "ID is not defined or invalid.");
        }
        return id;
    }
}
