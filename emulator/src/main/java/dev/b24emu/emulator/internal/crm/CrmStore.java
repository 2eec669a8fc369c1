package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.portal.MadeAtRunTime;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The CRM of one portal: leads, deals, contacts, companies, activities, timeline comments and the exclusion list.
 * Reads are lock-free over concurrent maps; writes are synchronized on the store and keep the indexes in step. Each
 * change is told to the portal's {@link CrmListener} once made (objects the bound drops are not: the emulator's
 * bound is no change a client made).
 */
public final class CrmStore implements Store<CrmStore.Snapshot> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.crm");
    /** Search and binding order of telephony: contacts, then leads, then companies (deals are never matched by phone). */
    public static final List<CrmEntityType> PHONE_SEARCH_ORDER =
            List.of(CrmEntityType.CONTACT, CrmEntityType.LEAD, CrmEntityType.COMPANY);
    /** the activities' name in their events (ONCRMACTIVITYADD) */
    private static final String ACTIVITY = "ACTIVITY";
    /** the timeline comments' name in their events (ONCRMTIMELINECOMMENTADD) */
    private static final String TIMELINE_COMMENT = "TIMELINECOMMENT";

    /** maps each type to its items by ID, in ID order */
    private final Map<CrmEntityType, ConcurrentSkipListMap<Long, CrmItem>> items = new EnumMap<>(CrmEntityType.class);
    /** maps each type to the last ID it handed out */
    private final Map<CrmEntityType, AtomicLong> lastIds = new EnumMap<>(CrmEntityType.class);
    /** maps a phone match key to the items that carry it */
    private final Map<String, Set<CrmRef>> byPhone = new ConcurrentHashMap<>();
    /** maps a contact or company to the leads and deals linked to it (CONTACT_ID / COMPANY_ID) */
    private final Map<CrmRef, Set<CrmRef>> salesByClient = new ConcurrentHashMap<>();
    /** maps activity ID to the activity's fields */
    private final ConcurrentSkipListMap<Long, ObjectNode> activities = new ConcurrentSkipListMap<>();
    private final AtomicLong lastActivityId = new AtomicLong();
    /** maps comment ID to the timeline comment */
    private final ConcurrentSkipListMap<Long, ObjectNode> comments = new ConcurrentSkipListMap<>();
    private final AtomicLong lastCommentId = new AtomicLong();
    private final AtomicLong lastMultifieldId = new AtomicLong();
    /** the last ID an activity's communication got (b_crm_act_comm's own sequence; worked out again on restore) */
    private final AtomicLong lastCommunicationId = new AtomicLong();
    /** match keys of the numbers on the CRM exclusion list: no lead, contact or deal is created or updated for them */
    private final Set<String> exclusions = ConcurrentHashMap.newKeySet();

    /** how many objects of each kind made while the portal runs it keeps (--max-crm-objects, D118) */
    private final int maxCreated;
    /** what the objects made while the portal runs may weigh together, every kind (--max-crm-megabytes, D118) */
    private final MadeAtRunTime.Budget budget;
    private final int maxMegabytes;
    /** the portal, for the one WARN line of its first drop */
    private final String portalId;
    /** maps each type to the IDs of its items made while the portal runs (guarded by this) */
    private final Map<CrmEntityType, MadeAtRunTime<Long>> created = new EnumMap<>(CrmEntityType.class);
    private final MadeAtRunTime<Long> createdActivities;
    private final MadeAtRunTime<Long> createdComments;
    /** true while the seed is added: seeded objects are the user's own and never dropped */
    private boolean seeding;
    private boolean droppedAny;
    /** told of each change once made: the portal's {@link CrmListener} */
    private final Consumer<CrmChange> changes;
    /** what a new or changed object reads from the rest of the portal: its guides, the base currency */
    private final CrmGuides guides;
    /** where leads' and deals' stages are written down (crm.stagehistory.list): the portal's, made after this store */
    private final java.util.function.Supplier<StageHistoryStore> history;

    /** A store nobody hears changes of (domain tests). */
    public CrmStore(int maxCreated, int maxMegabytes, String portalId) {
        this(maxCreated, maxMegabytes, portalId, change -> { }, CrmGuides.builtIn());
    }

    /** A store with a stage history of its own (domain tests). */
    public CrmStore(int maxCreated, int maxMegabytes, String portalId, Consumer<CrmChange> changes, CrmGuides guides) {
        this(maxCreated, maxMegabytes, portalId, changes, guides, ownHistory(maxCreated));
    }

    public CrmStore(int maxCreated, int maxMegabytes, String portalId, Consumer<CrmChange> changes, CrmGuides guides,
                    java.util.function.Supplier<StageHistoryStore> history) {
        this.changes = changes;
        this.guides = guides;
        this.history = history;
        this.maxCreated = maxCreated;
        this.portalId = portalId;
        this.maxMegabytes = maxMegabytes;
        this.budget = new MadeAtRunTime.Budget(maxMegabytes * 1024L * 1024L);
        for (CrmEntityType type : CrmEntityType.values()) {
            items.put(type, new ConcurrentSkipListMap<>());
            lastIds.put(type, new AtomicLong());
            // remove, not delete: the bound took the ID off its queue already, which delete would scan for
            created.put(type, new MadeAtRunTime<>(maxCreated, budget, id -> remove(new CrmRef(type, id))));
        }
        createdActivities = new MadeAtRunTime<>(maxCreated, budget, activities::remove);
        createdComments = new MadeAtRunTime<>(maxCreated, budget, comments::remove);
    }

    private static java.util.function.Supplier<StageHistoryStore> ownHistory(int maxRows) {
        StageHistoryStore own = new StageHistoryStore(maxRows);
        return () -> own;
    }

    /** Adds an item from crm.*.add-style fields; system fields (ID, dates, authors) are set here. */
    public CrmItem add(CrmEntityType type, ObjectNode input, Origin origin, String now) {
        return add(type, input, origin.actingUserId(), origin, now);
    }

    /** As above, written by another user than the one acting (telephony writes a call's objects as the call's user). */
    public synchronized CrmItem add(CrmEntityType type, ObjectNode input, long authorId, Origin origin, String now) {
        CrmItem item = create(type, input, authorId, now);
        changed(type.name(), CrmChange.Action.ADD, item.id(), origin);
        return item;
    }

    private void changed(String entity, CrmChange.Action action, long id, Origin origin) {
        changes.accept(new CrmChange(entity, action, id, origin));
    }

    private CrmItem create(CrmEntityType type, ObjectNode input, long actingUserId, String now) {
        long id = lastIds.get(type).incrementAndGet();
        ObjectNode fields = NODES.objectNode();
        fields.put("ID", Long.toString(id));
        copyScalars(input, fields);
        CrmBindings.fromFields(type, input, fields, false);
        defaultText(fields, "ASSIGNED_BY_ID", Long.toString(actingUserId));
        // the authors and dates are the system's, unless the input is an import's (crm.contact.add with IMPORT Y,
        // the control API), whose values REST has read already: only an ISO date-time and a user's number are kept
        fields.put("CREATED_BY_ID", imported(input, "CREATED_BY_ID", Long.toString(actingUserId)));
        fields.put("MODIFY_BY_ID", imported(input, "MODIFY_BY_ID", Long.toString(actingUserId)));
        fields.put("DATE_CREATE", imported(input, "DATE_CREATE", now));
        fields.put("DATE_MODIFY", imported(input, "DATE_MODIFY", now));
        defaultText(fields, "OPENED", "Y");
        switch (type) {
            case LEAD -> {
                defaultText(fields, "STATUS_ID", "NEW");
            }
            case DEAL -> {
                defaultText(fields, "CATEGORY_ID", "0");
                // the pipeline's first stage (C1:NEW in pipeline 1)
                defaultText(fields, "STAGE_ID", guides.first(DealCategories.statusEntity(fields.path("CATEGORY_ID")
                        .asLong())).orElse("NEW"));
            }
            default -> {
            }
        }
        for (String multifield : CrmItem.MULTIFIELDS) {
            if (type != CrmEntityType.DEAL) {
                fields.set(multifield, multifieldValues(multifield, input.get(multifield), NODES.arrayNode()));
            }
        }
        CrmFilling.added(type, id, fields, actingUserId, now, guides);
        setHasFlags(type, fields);
        CrmItem item = new CrmItem(type, id, fields);
        index(item);
        history.get().created(item, now); // a seeded object was created too: its history begins with it
        if (!seeding) {
            bound(created.get(type).add(id, FrozenFields.weight(item.fields())));
        }
        return item;
    }

    /**
     * Logs the first drop of the bounds on objects made while the portal runs (D118): past the count, a new object
     * drops the oldest of its kind (one a client deleted is no longer counted); past the budget, the objects written
     * least recently of any kind go. A call load that creates a lead and an activity per call otherwise filled a
     * 256 MiB heap in under a minute, and a client writing a 7 MB text into each lead did in 30 calls.
     */
    private void bound(boolean dropped) {
        if (dropped && !droppedAny) {
            droppedAny = true;
            LOG.warn("Portal {} keeps at most {} CRM objects of each kind made while it runs, weighing {} MB together"
                    + " (--max-crm-objects, --max-crm-megabytes): each new one now drops the oldest",
                    portalId, maxCreated, maxMegabytes);
        }
    }

    /** Applies crm.*.update-style changes: scalars overwrite, multifields append new values. */
    public Optional<CrmItem> update(CrmRef ref, ObjectNode changes, Origin origin, String now) {
        return update(ref, changes, origin.actingUserId(), origin, now);
    }

    /** As above, written by another user than the one acting. */
    public synchronized Optional<CrmItem> update(CrmRef ref, ObjectNode changes, long authorId, Origin origin,
                                                 String now) {
        CrmItem current = items.get(ref.type()).get(ref.id());
        if (current == null) {
            return Optional.empty();
        }
        ObjectNode fields = current.fields().deepCopy();
        ObjectNode scalars = changes.deepCopy();
        scalars.remove("ID");
        copyScalars(scalars, fields);
        CrmBindings.fromFields(ref.type(), changes, fields, true);
        for (String multifield : CrmItem.MULTIFIELDS) {
            if (changes.has(multifield) && ref.type() != CrmEntityType.DEAL) {
                fields.set(multifield, multifieldValues(multifield, changes.get(multifield),
                        ((ArrayNode) fields.get(multifield)).deepCopy()));
            }
        }
        fields.put("MODIFY_BY_ID", Long.toString(authorId));
        fields.put("DATE_MODIFY", now);
        CrmFilling.updated(ref.type(), current.fields(), fields, authorId, now, guides);
        if (ref.type() == CrmEntityType.LEAD) {
            customerType(ref.id(), fields);
        }
        setHasFlags(ref.type(), fields);
        CrmItem updated = new CrmItem(ref.type(), ref.id(), fields);
        reindex(current, updated);
        history.get().changed(current, updated, now);
        bound(created.get(ref.type()).rewritten(ref.id(), FrozenFields.weight(updated.fields())));
        changed(ref.type().name(), CrmChange.Action.UPDATE, ref.id(), origin);
        if (ref.type() == CrmEntityType.DEAL && current.longField("CATEGORY_ID") != updated.longField("CATEGORY_ID")) {
            // Operation\Update's OnAfterDealMoveToCategory: the pipeline and the stage it came to
            java.util.Map<String, String> moved = new java.util.LinkedHashMap<>();
            moved.put("CATEGORY_ID", updated.text("CATEGORY_ID"));
            moved.put("STAGE_ID", updated.text("STAGE_ID"));
            this.changes.accept(new CrmChange(ref.type().name(), CrmChange.Action.MOVETOCATEGORY, ref.id(), origin,
                    moved));
        }
        return Optional.of(updated);
    }

    /**
     * An updated lead's IS_RETURN_CUSTOMER follows its company and contacts as CCrmLead::Update has it: unless the
     * lead is converted (its status SUCCESS) or ever was (LeadStatusHistoryEntry::checkStatus 'CONVERTED').
     */
    private void customerType(long leadId, ObjectNode fields) {
        String returning = CrmFilling.returningCustomer(fields);
        if (!returning.equals(fields.path("IS_RETURN_CUSTOMER").asText())
                && !"S".equals(fields.path("STATUS_SEMANTIC_ID").asText())
                && history.get().entries(CrmEntityType.LEAD).stream()
                .noneMatch(row -> row.ownerId() == leadId && "CONVERTED".equals(row.stageId()))) {
            fields.put("IS_RETURN_CUSTOMER", returning);
        }
    }

    /**
     * Rewrites an object's client bindings (crm.*.contact.*, crm.contact.company.*): the binding tables change, the
     * object's row only in its single field, so no event is told and DATE_MODIFY stays. False when there is no object.
     */
    public synchronized boolean rebind(CrmRef ref, java.util.function.Consumer<ObjectNode> change) {
        CrmItem current = items.get(ref.type()).get(ref.id());
        if (current == null) {
            return false;
        }
        ObjectNode fields = current.fields().deepCopy();
        change.accept(fields);
        CrmItem rebound = new CrmItem(ref.type(), ref.id(), fields);
        reindex(current, rebound);
        bound(created.get(ref.type()).rewritten(ref.id(), FrozenFields.weight(rebound.fields())));
        return true;
    }

    public synchronized boolean delete(CrmRef ref, Origin origin) {
        if (!remove(ref)) {
            return false;
        }
        history.get().deleted(ref); // its stage history goes with it (not with a drop past the bound: no deletion)
        unbindEverywhere(ref);
        created.get(ref.type()).forget(ref.id()); // no longer counted against the bound
        changed(ref.type().name(), CrmChange.Action.DELETE, ref.id(), origin);
        return true;
    }

    /** A deleted company or contact leaves the binding tables: its rows go, a primary one passing to the next. */
    private void unbindEverywhere(CrmRef target) {
        for (CrmBindings.Kind kind : CrmBindings.Kind.values()) {
            if (kind.target() != target.type()) {
                continue;
            }
            for (CrmItem owner : List.copyOf(items.get(kind.owner()).values())) {
                CrmBindings.removed(CrmBindings.read(kind, owner.fields()), target.id()).ifPresent(rows ->
                        rebind(new CrmRef(kind.owner(), owner.id()), fields -> CrmBindings.write(kind, fields, rows)));
            }
        }
    }

    /** Removes an item and its index entries; false when there is none. */
    private boolean remove(CrmRef ref) {
        CrmItem current = items.get(ref.type()).get(ref.id());
        if (current == null) {
            return false;
        }
        unindex(current);
        items.get(ref.type()).remove(ref.id());
        return true;
    }

    /** The reference guides and base currency new and changed objects read. */
    public CrmGuides guides() {
        return guides;
    }

    public Optional<CrmItem> get(CrmRef ref) {
        return Optional.ofNullable(items.get(ref.type()).get(ref.id()));
    }

    public Collection<CrmItem> all(CrmEntityType type) {
        return items.get(type).values();
    }

    public int count(CrmEntityType type) {
        return items.get(type).size();
    }

    /** Items with the phone, in telephony's search order and by ID within a type. */
    public List<CrmItem> findByPhone(String phone) {
        Set<CrmRef> refs = byPhone.getOrDefault(PhoneNumbers.matchKey(phone), Set.of());
        if (refs.isEmpty()) {
            return List.of(); // most numbers a call registers are new: no streams for them
        }
        List<CrmItem> found = new ArrayList<>();
        for (CrmEntityType type : PHONE_SEARCH_ORDER) {
            refs.stream().filter(ref -> ref.type() == type).map(CrmRef::id).sorted()
                    .forEach(id -> get(new CrmRef(type, id)).ifPresent(found::add));
        }
        return found;
    }

    /** Open leads and deals linked to the client, which stop repeat-sales mode from creating another. */
    public List<CrmItem> openSalesOf(CrmRef client) {
        List<CrmItem> open = new ArrayList<>();
        for (CrmRef ref : salesByClient.getOrDefault(client, Set.of())) {
            get(ref).filter(CrmItem::isOpen).ifPresent(open::add);
        }
        return open;
    }

    /** Adds an activity under the next ID; answers its ID. */
    public synchronized long addActivity(ObjectNode fields, Origin origin) {
        ObjectNode activity = addNumbered(activities, lastActivityId, numberCommunications(fields));
        long id = lastActivityId.get();
        bound(createdActivities.add(id, FrozenFields.weight(activity)));
        changed(ACTIVITY, CrmChange.Action.ADD, id, origin);
        return id;
    }

    /** Removes an activity (crm.activity.delete); false when there is none. */
    public synchronized boolean deleteActivity(long id, Origin origin) {
        return remove(activities, createdActivities, ACTIVITY, id, origin);
    }

    /** Puts a changed activity in place of the one with its ID (crm.activity.update). */
    public synchronized void replaceActivity(long id, ObjectNode activity, Origin origin) {
        replace(activities, createdActivities, ACTIVITY, id, numberCommunications(activity), origin);
    }

    /**
     * An activity's communications, each with its ID first as GetCommunications selects it: one it had keeps its ID,
     * a new one takes the next (CCrmActivity::SaveCommunications writes new rows for new communications).
     */
    private ObjectNode numberCommunications(ObjectNode fields) {
        JsonNode communications = fields.get("COMMUNICATIONS");
        if (communications == null || !communications.isArray()) {
            return fields;
        }
        ArrayNode numbered = NODES.arrayNode();
        for (JsonNode communication : communications) {
            ObjectNode row = NODES.objectNode();
            row.put("ID", communication.hasNonNull("ID") ? communication.get("ID").asText()
                    : Long.toString(lastCommunicationId.incrementAndGet()));
            communication.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("ID")) {
                    row.set(field.getKey(), field.getValue());
                }
            });
            numbered.add(row);
        }
        ObjectNode copy = fields.deepCopy();
        copy.set("COMMUNICATIONS", numbered);
        return copy;
    }

    /** Removes a record of a numbered kind (an activity, a comment), told as its entity's deletion; false for none. */
    private boolean remove(Map<Long, ObjectNode> from, MadeAtRunTime<Long> made, String entity, long id, Origin origin) {
        if (from.remove(id) == null) {
            return false;
        }
        made.forget(id); // no longer counted against the bound
        changed(entity, CrmChange.Action.DELETE, id, origin);
        return true;
    }

    /** Puts a changed record of a numbered kind in place of the one with its ID, told as its entity's update. */
    private void replace(Map<Long, ObjectNode> into, MadeAtRunTime<Long> made, String entity, long id, ObjectNode record,
                         Origin origin) {
        ObjectNode frozen = FrozenFields.freeze(record);
        into.put(id, frozen);
        bound(made.rewritten(id, FrozenFields.weight(frozen)));
        changed(entity, CrmChange.Action.UPDATE, id, origin);
    }

    /** Adds a timeline comment (crm.timeline.comment.add): the fields as given, with its ID and CREATED. */
    public synchronized long addComment(ObjectNode fields, Origin origin) {
        ObjectNode comment = addNumbered(comments, lastCommentId, fields);
        long id = lastCommentId.get();
        bound(createdComments.add(id, FrozenFields.weight(comment)));
        changed(TIMELINE_COMMENT, CrmChange.Action.ADD, id, origin);
        return id;
    }

    /** The fields under the next ID of their kind, "ID" first as the API writes it. */
    private static ObjectNode addNumbered(Map<Long, ObjectNode> into, AtomicLong lastId, ObjectNode fields) {
        long id = lastId.incrementAndGet();
        ObjectNode record = NODES.objectNode();
        record.put("ID", Long.toString(id));
        record.setAll(fields);
        ObjectNode frozen = FrozenFields.freeze(record); // never changed in place: an update puts a new one
        into.put(id, frozen);
        return frozen;
    }

    public Collection<ObjectNode> comments() {
        return comments.values();
    }

    /** The last {@code count} comments made, newest first (the dashboard's timeline). */
    public List<ObjectNode> newestComments(int count) {
        return comments.descendingMap().values().stream().limit(count).toList();
    }

    /** The last {@code count} activities made, newest first (the dashboard's timeline). */
    public List<ObjectNode> newestActivities(int count) {
        return activities.descendingMap().values().stream().limit(count).toList();
    }

    public Optional<ObjectNode> comment(long id) {
        return Optional.ofNullable(comments.get(id));
    }

    /** Puts a changed comment in place of the one with its ID (crm.timeline.comment.update). */
    public synchronized void replaceComment(long id, ObjectNode comment, Origin origin) {
        replace(comments, createdComments, TIMELINE_COMMENT, id, comment, origin);
    }

    /** Removes a comment (crm.timeline.comment.delete); false when there is none. */
    public synchronized boolean deleteComment(long id, Origin origin) {
        return remove(comments, createdComments, TIMELINE_COMMENT, id, origin);
    }

    public Optional<ObjectNode> activity(long id) {
        return Optional.ofNullable(activities.get(id));
    }

    public Collection<ObjectNode> activities() {
        return activities.values();
    }

    public void exclude(String phone) {
        String key = PhoneNumbers.matchKey(phone);
        if (!key.isEmpty()) {
            exclusions.add(key);
        }
    }

    public boolean isExcluded(String phone) {
        return exclusions.contains(PhoneNumbers.matchKey(phone));
    }

    public Set<String> exclusions() {
        return Set.copyOf(exclusions);
    }

    /**
     * Everything the store holds, for state files; comments and lastCommentId are null in files written before
     * timeline comments were kept.
     */
    public record Snapshot(List<CrmItem> items, List<ObjectNode> activities, Set<String> exclusions,
                           Map<CrmEntityType, Long> lastIds, long lastActivityId, long lastMultifieldId,
                           List<ObjectNode> comments, Long lastCommentId) {
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.items() == null || snapshot.activities() == null || snapshot.exclusions() == null
                || snapshot.lastIds() == null) {
            throw new StateException("/crm: items, activities, exclusions and lastIds are required");
        }
        // a second object with an ID already given is refused, not laid over the first (audit 50e: the last copy won)
        Set<CrmRef> items = new HashSet<>();
        for (int i = 0; i < snapshot.items().size(); i++) {
            CrmItem item = snapshot.items().get(i);
            if (item == null || item.type() == null || item.fields() == null || item.id() <= 0) {
                throw new StateException("/crm/items/" + i + ": an item needs a type, a positive id and fields");
            }
            if (!items.add(item.ref())) {
                throw new StateException("/crm/items/" + i + "/id: " + item.type() + " " + item.id() + " is there twice");
            }
        }
        Set<String> activities = new HashSet<>();
        for (int i = 0; i < snapshot.activities().size(); i++) {
            ObjectNode activity = snapshot.activities().get(i);
            if (activity == null || !activity.path("ID").asText("").matches("[0-9]{1,18}")) {
                throw new StateException("/crm/activities/" + i + "/ID: must be a numeric string");
            }
            if (!activities.add(activity.path("ID").asText())) {
                throw new StateException("/crm/activities/" + i + "/ID: activity " + activity.path("ID").asText()
                        + " is there twice");
            }
        }
        List<ObjectNode> comments = snapshot.comments() == null ? List.of() : snapshot.comments();
        Set<String> commentIds = new HashSet<>();
        for (int i = 0; i < comments.size(); i++) {
            ObjectNode comment = comments.get(i);
            if (comment == null || !comment.path("ID").asText("").matches("[0-9]{1,18}")) {
                throw new StateException("/crm/comments/" + i + "/ID: must be a numeric string");
            }
            if (!commentIds.add(comment.path("ID").asText())) {
                throw new StateException("/crm/comments/" + i + "/ID: comment " + comment.path("ID").asText()
                        + " is there twice");
            }
        }
    }

    /** Adds the seed's CRM objects (companies, contacts, leads, deals, in that order) and its exclusion list. */
    @Override
    public synchronized void seed(Portal portal, PortalSeed seed) {
        long creator = portal.store(UserStore.class).first().map(User::id).orElse(1L);
        String now = portal.isoNow();
        seeding = true;
        try {
            for (CrmSeed.Array array : CrmSeed.ARRAYS) {
                seed.section(array.field(), CrmSeed.Objects.class).ifPresent(objects -> objects.json().forEach(bytes -> {
                    try {
                        create(array.type(), (ObjectNode) JSON.readTree(bytes), creator, now);
                    } catch (IOException e) {
                        throw new UncheckedIOException("A seed object was written by CrmSeed and always reads back", e);
                    }
                }));
            }
        } finally {
            seeding = false;
        }
        seed.section(CrmSeed.EXCLUSIONS, CrmSeed.Exclusions.class).ifPresent(list -> list.phones().forEach(this::exclude));
    }

    @Override
    public synchronized Snapshot snapshot() {
        List<CrmItem> all = new ArrayList<>();
        items.values().forEach(byId -> all.addAll(byId.values()));
        Map<CrmEntityType, Long> counters = new EnumMap<>(CrmEntityType.class);
        lastIds.forEach((type, id) -> counters.put(type, id.get()));
        return new Snapshot(all, List.copyOf(activities.values()), Set.copyOf(exclusions), counters,
                lastActivityId.get(), lastMultifieldId.get(), List.copyOf(comments.values()), lastCommentId.get());
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        clear();
        snapshot.items().forEach(this::index);
        snapshot.activities().forEach(a -> activities.put(Long.parseLong(a.get("ID").asText()), FrozenFields.freeze(a)));
        exclusions.addAll(snapshot.exclusions());
        snapshot.lastIds().forEach((type, id) -> lastIds.get(type).set(id));
        lastActivityId.set(snapshot.lastActivityId());
        lastMultifieldId.set(snapshot.lastMultifieldId());
        activities.values().forEach(a -> a.path("COMMUNICATIONS").forEach(c -> lastCommunicationId.accumulateAndGet(
                c.path("ID").asLong(), Math::max)));
        if (snapshot.comments() != null) {
            snapshot.comments().forEach(c -> comments.put(Long.parseLong(c.get("ID").asText()), FrozenFields.freeze(c)));
        }
        lastCommentId.set(snapshot.lastCommentId() == null ? 0 : snapshot.lastCommentId());
    }

    @Override
    public synchronized void clear() {
        items.values().forEach(Map::clear);
        lastIds.values().forEach(id -> id.set(0));
        byPhone.clear();
        salesByClient.clear();
        activities.clear();
        lastActivityId.set(0);
        comments.clear();
        lastCommentId.set(0);
        lastMultifieldId.set(0);
        lastCommunicationId.set(0);
        exclusions.clear();
        created.values().forEach(MadeAtRunTime::clear);
        createdActivities.clear();
        createdComments.clear();
    }

    private void index(CrmItem item) {
        items.get(item.type()).put(item.id(), item);
        for (String key : item.phoneKeys()) {
            byPhone.merge(key, Set.of(item.ref()), CrmStore::union);
        }
        for (CrmRef client : clientsOf(item)) {
            salesByClient.merge(client, Set.of(item.ref()), CrmStore::union);
        }
    }

    private void unindex(CrmItem item) {
        unindex(item, Set.of(), Set.of());
    }

    /** Forgets the item's phone keys and clients, but for those given (which it keeps). */
    private void unindex(CrmItem item, Set<String> keptKeys, Set<CrmRef> keptClients) {
        for (String key : item.phoneKeys()) {
            if (!keptKeys.contains(key)) {
                byPhone.computeIfPresent(key, (k, refs) -> without(refs, item.ref()));
            }
        }
        for (CrmRef client : clientsOf(item)) {
            if (!keptClients.contains(client)) {
                salesByClient.computeIfPresent(client, (k, sales) -> without(sales, item.ref()));
            }
        }
    }

    /**
     * Indexes a changed item: its new keys first, then the old ones it lost, so a reader that takes no lock (a search
     * by phone) always finds an item by a number it keeps. Unindexing all and indexing again left a moment without
     * it: 0.15-1 % of searches for a contact being updated answered [].
     */
    private void reindex(CrmItem before, CrmItem after) {
        index(after);
        unindex(before, after.phoneKeys(), clientsOf(after));
    }

    /*
     * The indexes' sets are immutable and replaced on a write (writes hold the store's lock, readers take whichever
     * set is current): a concurrent set per phone number weighed about 200 bytes for its one reference.
     */
    private static Set<CrmRef> union(Set<CrmRef> refs, Set<CrmRef> more) {
        Set<CrmRef> all = new HashSet<>(refs);
        all.addAll(more);
        return Set.copyOf(all);
    }

    /** The set without the reference, or null (the key removed) when nothing is left. */
    private static Set<CrmRef> without(Set<CrmRef> refs, CrmRef ref) {
        if (!refs.contains(ref)) {
            return refs;
        }
        Set<CrmRef> rest = new HashSet<>(refs);
        rest.remove(ref);
        return rest.isEmpty() ? null : Set.copyOf(rest);
    }

    private static Set<CrmRef> clientsOf(CrmItem item) {
        Set<CrmRef> clients = new LinkedHashSet<>();
        if (item.type() == CrmEntityType.LEAD || item.type() == CrmEntityType.DEAL) {
            CrmBindings.Kind contacts = CrmBindings.Kind.of(item.type()).orElseThrow();
            CrmBindings.ids(contacts, item.fields()).forEach(id -> clients.add(new CrmRef(CrmEntityType.CONTACT, id)));
            if (item.longField("COMPANY_ID") > 0) {
                clients.add(new CrmRef(CrmEntityType.COMPANY, item.longField("COMPANY_ID")));
            }
        }
        return clients;
    }

    /** Scalars are stored as strings, as the real API returns them; multifields are handled separately. */
    private static void copyScalars(ObjectNode from, ObjectNode to) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (CrmItem.MULTIFIELDS.contains(name) || name.equals("ID")) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                to.putNull(name);
            } else if (value.isContainerNode()) {
                to.set(name, value.deepCopy());
            } else {
                to.put(name, Params.scalarText(value).orElse(""));
            }
        }
    }

    /**
     * A multifield's values after an add or update: a value naming the ID of one the object has changes it, or with
     * DELETE=Y (or an empty VALUE) removes it, as the real tryInternalizeMultiFields / CCrmFieldMulti do; any other
     * value is added.
     */
    private ArrayNode multifieldValues(String typeId, JsonNode input, ArrayNode existing) {
        if (input == null || !input.isContainerNode()) {
            return existing;
        }
        // the values by ID, looked up once each: a scan of the list per value took minutes for a list of 100,000
        Map<String, ObjectNode> byId = new HashMap<>();
        existing.forEach(v -> byId.putIfAbsent(v.path("ID").asText(), (ObjectNode) v));
        Set<JsonNode> removed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (JsonNode value : input) {
            String text = Params.scalarText(value.path("VALUE")).orElse("").trim();
            String id = Params.scalarText(value.path("ID")).orElse("").trim();
            ObjectNode known = id.isEmpty() ? null : byId.get(id);
            if (known != null) {
                boolean delete = Params.scalarText(value.path("DELETE")).map(d -> d.equalsIgnoreCase("Y")).orElse(false);
                if (delete || text.isEmpty()) {
                    removed.add(known);
                    byId.remove(id);
                } else {
                    known.put("VALUE", text);
                    Params.scalarText(value.path("VALUE_TYPE")).filter(t -> !t.isBlank()).ifPresent(t -> known.put("VALUE_TYPE", t));
                }
                continue;
            }
            if (text.isEmpty()) {
                continue;
            }
            ObjectNode stored = NODES.objectNode();
            stored.put("ID", Long.toString(lastMultifieldId.incrementAndGet()));
            stored.put("VALUE_TYPE", Params.scalarText(value.path("VALUE_TYPE")).filter(s -> !s.isBlank()).orElse("WORK"));
            stored.put("VALUE", text);
            stored.put("TYPE_ID", typeId);
            existing.add(stored);
            byId.putIfAbsent(stored.path("ID").asText(), stored);
        }
        if (!removed.isEmpty()) {
            ArrayNode kept = NODES.arrayNode();
            existing.forEach(v -> {
                if (!removed.contains(v)) {
                    kept.add(v);
                }
            });
            existing.removeAll().addAll(kept);
        }
        return existing;
    }

    private static void setHasFlags(CrmEntityType type, ObjectNode fields) {
        if (type == CrmEntityType.DEAL) {
            return;
        }
        fields.put("HAS_PHONE", fields.path("PHONE").isEmpty() ? "N" : "Y");
        fields.put("HAS_EMAIL", fields.path("EMAIL").isEmpty() ? "N" : "Y");
    }

    /** The fields an import may set: crm-contact-add.md's and crm-company-add.md's "Import" tables. */
    public static final java.util.Set<String> IMPORT_FIELDS = java.util.Set.of("DATE_CREATE", "DATE_MODIFY",
            "CREATED_BY_ID", "MODIFY_BY_ID");

    private static String imported(JsonNode input, String name, String otherwise) {
        String given = input.path(name).asText("");
        boolean valid = name.startsWith("DATE_") ? isoDateTime(given) : given.matches("[1-9][0-9]{0,9}");
        return valid ? given : otherwise;
    }

    private static boolean isoDateTime(String text) {
        try {
            java.time.OffsetDateTime.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException notOne) {
            return false;
        }
    }

    private static void defaultText(ObjectNode fields, String name, String value) {
        JsonNode current = fields.get(name);
        if (current == null || current.isNull() || current.asText().isBlank()) {
            fields.put(name, value);
        }
    }
}
