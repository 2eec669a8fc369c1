package dev.b24emu.emulator.internal.callcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmActivities;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmStatusStore;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * crm.calllist.add / get / list / update / items.get / statuslist (api-reference/crm/call-list/), and how an operator
 * works through a list: start, next client, or a chosen client; moving fires CallCard::EntityChanged on the
 * operator's cards in call-list mode.
 */
public final class CallLists {
    /** The status of a client not called yet (CallList::STATUS_IN_WORK). */
    static final String IN_WORK = "IN_WORK";
    /** The fields of a call list that crm.calllist.list may select, filter and order by. */
    public static final java.util.Set<String> LIST_FIELDS = java.util.Set.of("ID", "DATE_CREATE", "CREATED_BY_ID",
            "WEBFORM_ID", "ENTITY_TYPE_ID");
    private static final DateTimeFormatter LIST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CallLists() {
    }

    /**
     * A new call list from crm.calllist.add's parameters (ENTITY_TYPE, ENTITIES, WEBFORM_ID), created by the user,
     * checked in \Bitrix\Crm\Controller\CallList::addCallList's order: both required, ENTITIES an array, a contact
     * or company type, then every ID an existing client, named once (D153).
     */
    public static CallList create(Portal portal, long userId, Params p) {
        required(p, "ENTITY_TYPE", "ENTITIES");
        JsonNode entities = entities(p);
        CrmEntityType type = type(p, "Incorrect entity type");
        List<Long> ids = clients(portal, type, entities, "ENTITY_ERROR");
        return save(portal, userId, p, type, ids, null);
    }

    /**
     * crm.calllist.update: the list's entities and web form from the parameters, checked in updateCallList's order
     * (all three required, the type, ENTITIES an array, the clients, then the list and its own type). ENTITIES
     * replaces the members and an absent WEBFORM_ID clears the form.
     */
    public static CallList update(Portal portal, long userId, Params p) {
        required(p, "LIST_ID", "ENTITY_TYPE", "ENTITIES");
        CrmEntityType type = type(p, "EntityType is incorrect");
        JsonNode entities = entities(p);
        List<Long> ids = clients(portal, type, entities, "ENTITIES_ERROR");
        return portal.exclusive(() -> { // read, changed and written as one: a status set meanwhile is kept
            CallList existing = cards(portal).list(p.phpInt("LIST_ID"))
                    .orElseThrow(() -> RestError.of("LIST_ID_ERROR", "Incorrect list id or access denied"));
            if (type != existing.entityType()) {
                throw RestError.of("ENTITY_TYPE_ERROR", "Discrepancy between the type of call participants and incoming type");
            }
            return save(portal, userId, p, type, ids, existing);
        });
    }

    /** checkRequiredParams: the first one missing is "NAME is not found". */
    private static void required(Params p, String... names) {
        for (String name : names) {
            if (!p.has(name)) {
                throw RestError.of("ERROR_ARGUMENT", name + " is not found");
            }
        }
    }

    private static JsonNode entities(Params p) {
        JsonNode entities = p.node("ENTITIES").orElseThrow();
        if (!entities.isContainerNode()) {
            throw RestError.of("ENTITIES_ERROR", "Entities is not array");
        }
        return entities;
    }

    private static CrmEntityType type(Params p, String incorrect) {
        return CrmEntityType.parse(p.textOrEmpty("ENTITY_TYPE"))
                .filter(t -> t == CrmEntityType.CONTACT || t == CrmEntityType.COMPANY)
                .orElseThrow(() -> RestError.of("ENTITY_TYPE_ERROR", incorrect));
    }

    /**
     * isEntitiesExist: none is ENTITIES_ERROR; otherwise as many clients must be found as IDs were given, so an
     * unknown ID, or one given twice, is "Incorrect entities id" (ENTITY_ERROR from add, ENTITIES_ERROR from update).
     */
    private static List<Long> clients(Portal portal, CrmEntityType type, JsonNode entities, String unknown) {
        if (entities.isEmpty()) {
            throw RestError.of("ENTITIES_ERROR", "Incorrect entities id");
        }
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        for (JsonNode id : entities) {
            long value = Params.phpInt(id);
            if (!ids.add(value) || portal.store(CrmStore.class).get(new CrmRef(type, value)).isEmpty()) {
                throw RestError.of(unknown, "Incorrect entities id");
            }
        }
        return List.copyOf(ids);
    }

    private static CallList save(Portal portal, long userId, Params p, CrmEntityType type, List<Long> given,
                                 CallList existing) {
        // update keeps the members still named in their places and adds the new ones after them (addEntities)
        // (createWithId loads them by STATUS_ID, then rank, and persist numbers them in that order)
        List<Long> ids = new ArrayList<>();
        if (existing != null) {
            existing.entities().stream().filter(new java.util.HashSet<>(given)::contains)
                    .sorted(Comparator.comparing(id -> existing.statuses().getOrDefault(id, IN_WORK)))
                    .forEach(ids::add);
        }
        java.util.Set<Long> named = new java.util.HashSet<>(ids);
        given.stream().filter(named::add).forEach(ids::add);
        Map<Long, String> statuses = new LinkedHashMap<>();
        ids.forEach(id -> statuses.put(id, existing == null ? IN_WORK : existing.statuses().getOrDefault(id, IN_WORK)));
        // "If the WEBFORM_ID field is not provided when calling the method, it will be cleared"
        Long webform = p.has("WEBFORM_ID") ? Long.valueOf(p.phpInt("WEBFORM_ID")) : null;
        CallList list = new CallList(existing == null ? cards(portal).nextListId() : existing.id(), type, ids, statuses,
                webform, existing == null ? userId : existing.createdBy(),
                existing == null ? LIST_DATE.format(portal.now().atZone(portal.settings().timeZone())) : existing.dateCreate());
        cards(portal).putList(list);
        return list;
    }

    /**
     * The operator sets a client's result in the card (the call list's SET_ELEMENT_STATUS): its status; its rank grows
     * by 5500 and the clients are ordered by their statuses' SORT, then rank, and numbered again in that order
     * (setElementStatus, persist), so a client with a result goes after those still in work and items.get answers
     * them so; with no client left IN_WORK the list's activity is completed (completeAssociatedActivity, D154).
     */
    public static CallList setStatus(Portal portal, Origin origin, long listId, long entityId, String status) {
        // read, changed and written as one: four statuses set at once kept two or three of them
        return portal.exclusive(() -> statusSet(portal, origin, listId, entityId, status));
    }

    private static CallList statusSet(Portal portal, Origin origin, long listId, long entityId, String status) {
        CallList list = require(portal, listId);
        if (!list.entities().contains(entityId)) {
            throw new IllegalArgumentException("Client " + entityId + " is not in call list " + listId);
        }
        CrmStatusStore guide = portal.store(CrmStatusStore.class);
        if (!guide.has(CrmStatusStore.CALL_LIST, status)) {
            throw new IllegalArgumentException("Unknown call-list status " + status + "; the guide CALL_LIST has "
                    + guide.guide(CrmStatusStore.CALL_LIST).stream().map(r -> r.path("STATUS_ID").asText()).toList());
        }
        Map<Long, String> statuses = new LinkedHashMap<>(list.statuses());
        statuses.put(entityId, status);
        Map<Long, Long> ranks = new java.util.HashMap<>();
        for (int i = 0; i < list.entities().size(); i++) {
            ranks.put(list.entities().get(i), 10L * (i + 1));
        }
        ranks.merge(entityId, 5500L, Long::sum);
        List<Long> ordered = list.entities().stream()
                .sorted(Comparator.comparingLong((Long id) -> guide.row(CrmStatusStore.CALL_LIST, statuses.get(id))
                        .map(row -> row.path("SORT").asLong()).orElse(0L)).thenComparing(ranks::get))
                .toList();
        CallList changed = new CallList(list.id(), list.entityType(), ordered, statuses, list.webformId(),
                list.createdBy(), list.dateCreate());
        cards(portal).putList(changed);
        // the card shows the clients in their new order (repopulateItems): a card whose status emptied moves on
        cards(portal).settlePositions(listId, at -> changed.entities().isEmpty() ? at : settled(portal, changed, at));
        if (!statuses.containsValue(IN_WORK)) {
            CrmActivities.completeCallList(portal, origin, listId);
        }
        return changed;
    }

    /**
     * crm.calllist.items.get: the list's clients with their statuses, optionally of one status, 50 from {@code start}
     * (an offset; no next or total), as \Bitrix\Crm\Controller\CallList::getItems reads them. A page with no client
     * it may read is the server's 403 ACCESS_ERROR: a filter nobody matches yet, or a start past the last client,
     * answers that too, not [] (D152).
     */
    public static JsonNode items(Portal portal, Params p) {
        if (!p.has("LIST_ID")) {
            throw RestError.of("ERROR_ARGUMENT", "LIST_ID is not found");
        }
        long id = p.phpInt("LIST_ID");
        if (id < 1) {
            throw RestError.of("LIST_ID_ERROR", "List id should be positive");
        }
        CallList list = cards(portal).list(id).orElseThrow(() -> RestError.of("LIST_ID_ERROR", "Call list is not found"));
        String status = p.node("FILTER").map(f -> f.path("STATUS").asText("")).orElse("");
        if (!status.isEmpty() && !portal.store(CrmStatusStore.class).has(CrmStatusStore.CALL_LIST, status)) {
            throw RestError.of("STATUS_ERROR", "Incorrect status");
        }
        long start = Math.max(0, p.start()); // getNavData($nav, true): an offset, a negative one none
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        long skipped = 0;
        for (Long entity : list.entities()) {
            String itemStatus = list.statuses().get(entity);
            if (!status.isEmpty() && !status.equals(itemStatus)) {
                continue;
            }
            if (skipped++ < start) {
                continue;
            }
            addItem(items, list, entity);
            if (items.size() == ListQuery.PAGE_SIZE) {
                break;
            }
        }
        if (items.isEmpty()) {
            throw new RestError(403, "ACCESS_ERROR", "You do not have access to the participants of this call list");
        }
        return items;
    }

    /** A list's clients in their order, each as items.get writes it. */
    public static ArrayNode clients(CallList list) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        list.entities().forEach(entity -> addItem(items, list, entity));
        return items;
    }

    private static void addItem(ArrayNode items, CallList list, long entity) {
        items.addObject().put("ID", entity).put("STATUS", list.statuses().get(entity))
                .put("ENTITY_TYPE", list.entityType().ownerTypeId());
    }

    public static ObjectNode view(CallList list) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("ID", Long.toString(list.id()));
        view.put("DATE_CREATE", list.dateCreate());
        view.put("CREATED_BY_ID", Long.toString(list.createdBy()));
        view.put("WEBFORM_ID", list.webformId() == null ? null : Long.toString(list.webformId()));
        view.put("ENTITY_TYPE_ID", Integer.toString(list.entityType().ownerTypeId()));
        view.put("ENTITY_TYPE", list.entityType().name());
        return view;
    }

    public static CallList require(Portal portal, long id) {
        return cards(portal).list(id).orElseThrow(() -> RestError.of("LIST_ID_ERROR", "Incorrect list id"));
    }

    /**
     * Where a user's card stands in a list, as the card's call-list.js keeps it: the status whose clients it shows
     * (IN_WORK first) and the place among them.
     */
    public record Cursor(String status, int index) {
    }

    /**
     * Moves the user to a client of the list and tells the user's cards: the one given, or the next among the clients
     * of the status the card shows, after the last the first again (call-list.js moveToNextItem); a card not started
     * shows the first client in work, or of the first status that has any.
     */
    public static CrmRef move(Portal portal, CallCardService cards, long listId, long userId, Optional<Long> chosen) {
        CallList list = require(portal, listId);
        if (list.entities().isEmpty()) {
            throw RestError.of("ERROR_ARGUMENT", "The call list is empty");
        }
        Cursor cursor;
        if (chosen.isPresent()) {
            long id = chosen.get();
            if (!list.entities().contains(id)) {
                throw RestError.of("ERROR_ARGUMENT", "Client " + id + " is not in call list " + listId);
            }
            String status = list.statuses().getOrDefault(id, IN_WORK);
            cursor = new Cursor(status, group(list, status).indexOf(id));
        } else {
            cursor = cards(portal).position(listId, userId).map(at -> settled(portal, list, at))
                    .map(at -> new Cursor(at.status(), at.index() + 1 < group(list, at.status()).size()
                            ? at.index() + 1 : 0))
                    .orElseGet(() -> settled(portal, list, new Cursor(IN_WORK, 0)));
        }
        cards(portal).position(listId, userId, cursor);
        CrmRef client = new CrmRef(list.entityType(), group(list, cursor.status()).get(cursor.index()));
        cards.callListMoved(portal, listId, userId, client);
        return client;
    }

    /**
     * call-list.js's load and repopulateItems: a card whose status has no client left shows the first client of the
     * first status (in the CALL_LIST guide's order) that has one, and a place past the end of its status the first.
     */
    private static Cursor settled(Portal portal, CallList list, Cursor cursor) {
        int size = group(list, cursor.status()).size();
        if (size == 0) {
            String first = portal.store(CrmStatusStore.class).guide(CrmStatusStore.CALL_LIST).stream()
                    .map(row -> row.path("STATUS_ID").asText()).filter(status -> !group(list, status).isEmpty())
                    .findFirst().orElse(list.statuses().getOrDefault(list.entities().get(0), IN_WORK));
            return new Cursor(first, 0);
        }
        return cursor.index() < size ? cursor : new Cursor(cursor.status(), 0);
    }

    /** The list's clients of one status, in the list's order. */
    private static List<Long> group(CallList list, String status) {
        return list.entities().stream().filter(id -> list.statuses().getOrDefault(id, IN_WORK).equals(status)).toList();
    }

    /** Puts the user back before the first client. */
    public static void reset(Portal portal, long listId, long userId) {
        require(portal, listId);
        cards(portal).clearPosition(listId, userId);
    }

    /** Where the user is in the list, if started. */
    public static Optional<CrmRef> current(Portal portal, long listId, long userId) {
        CallList list = require(portal, listId);
        return cards(portal).position(listId, userId).filter(at -> !list.entities().isEmpty())
                .map(at -> settled(portal, list, at))
                .map(at -> new CrmRef(list.entityType(), group(list, at.status()).get(at.index())));
    }

    private static CallCardStore cards(Portal portal) {
        return portal.store(CallCardStore.class);
    }
}
