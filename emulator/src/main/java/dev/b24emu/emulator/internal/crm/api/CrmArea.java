package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmGuides;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmListener;
import dev.b24emu.emulator.internal.crm.CrmSeed;
import dev.b24emu.emulator.internal.crm.CrmStatusStore;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.crm.DealCategoryStore;
import dev.b24emu.emulator.internal.crm.StageHistoryStore;
import dev.b24emu.emulator.internal.phone.DialledNumber;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.ListQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CRM telephony binds calls to: crm.{lead,deal,contact,company}.* (and crm.item.get/list, the same objects in the
 * universal form), crm.activity.*, crm.duplicate.findbycomm,
 * crm.settings.mode.get, crm.enum.settings.mode, crm.status.list (the reference guides) and
 * crm.timeline.comment.add; seeding CRM objects and the exclusion list from the control API; the CRM seed fields.
 */
public final class CrmArea implements Area {
    /** A CRM object in short, as the dashboard lists it. */
    public record CrmRow(@JsonProperty("ID") long id, @JsonProperty("NAME") String name,
                         @JsonProperty("ASSIGNED_BY_ID") long assignedById, @JsonProperty("PHONES") List<String> phones,
                         @JsonProperty("STATUS") String status) {
    }

    /**
     * One entry of a CRM object's timeline, as the dashboard lists it: an activity (a call, a to-do, a meeting, an
     * e-mail) or a comment, what calls and integrations wrote.
     *
     * @param state "completed" or "open" for an activity, "" for a comment
     */
    public record TimelineRow(@JsonProperty("TIME") String time, @JsonProperty("OWNER") String owner,
                              @JsonProperty("KIND") String kind, @JsonProperty("TEXT") String text,
                              @JsonProperty("RESPONSIBLE_ID") long responsibleId, @JsonProperty("STATE") String state) {
    }

    /** how much of the timeline the overview shows: the newest activities and comments, this many of each at most */
    static final int TIMELINE = 100;

    /** told of every change to a portal's CRM objects (the CRM events) */
    private final CrmListener listener;

    /** maps the countries of the portal zones DialledNumber knows to their currencies */
    private static final Map<String, String> BASE_CURRENCIES = Map.of("RU", "RUB", "BY", "BYN", "KZ", "KZT", "UA", "UAH",
            "BR", "BRL", "CN", "CNY", "DE", "EUR", "FR", "EUR", "IN", "INR", "PL", "PLN");

    public CrmArea(CrmListener listener) {
        this.listener = listener;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("crm", CrmStore.class, portal -> new CrmStore(portal.bounds().crmObjects(),
                        portal.bounds().crmMegabytes(), portal.id(), change -> listener.changed(portal, change),
                        CrmGuides.of(() -> portal.store(CrmStatusStore.class), () -> baseCurrency(portal)),
                        () -> portal.store(StageHistoryStore.class))),
                StoreType.of(CrmStatusStore.SEED_FIELD, CrmStatusStore.class, portal -> new CrmStatusStore()),
                StoreType.of("dealCategories", DealCategoryStore.class, portal -> new DealCategoryStore()),
                StoreType.of("stageHistory", StageHistoryStore.class,
                        portal -> new StageHistoryStore(portal.bounds().crmObjects())));
    }

    /**
     * The currency a new lead or deal takes without one: the one of the country the portal's domain or phoneCountry
     * names (the currency module installs a portal's base currency by its region), USD elsewhere (D158).
     */
    static String baseCurrency(Portal portal) {
        String country = DialledNumber.country(portal.settings().phoneCountry(), portal.domain());
        return BASE_CURRENCIES.getOrDefault(country, "USD");
    }

    @Override
    public List<SeedSection> seedSections() {
        return CrmSeed.sections();
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("crm.");
    }

    @Override
    public void methods(MethodTable methods) {
        CrmMethods.register(methods);
        TodoMethods.register(methods);
        CommentMethods.register(methods);
        StatusMethods.register(methods);
        BindingMethods.register(methods);
        ActivityBindingMethods.register(methods);
        ItemMethods.register(methods);
        CategoryMethods.register(methods);
        StageHistoryMethods.register(methods);
    }

    @Override
    public void control(ControlRoutes routes) {
        ControlRoutes portal = routes.portal();
        portal.get("/crm", request -> overview(request.portal()));
        portal.post("/crm/:type", 201, request -> add(request.portal(), request.path("type"), request.body(),
                request.endpoints()));
        portal.get("/crm-exclusions", request -> exclusions(request.portal()));
        portal.post("/crm-exclusions", 201, request -> {
            JsonNode phone = request.body().get("phone");
            if (phone == null || !phone.isTextual() || phone.asText().isBlank()) {
                throw new IllegalArgumentException("Body must be {\"phone\": \"...\"}");
            }
            CrmStore crm = request.portal().store(CrmStore.class);
            request.portal().exclusive(() -> { // the bound checked and the number excluded as one (D120)
                if (!crm.isExcluded(phone.asText())) {
                    ConfigBound.admit(request.portal(), crm.exclusions(), phone.asText(), "CRM exclusions");
                }
                crm.exclude(phone.asText());
                return null;
            });
            return exclusions(request.portal());
        });
    }

    /**
     * Adds one CRM object (fields as crm.{type}.add takes them) without a REST call, so the request journal keeps
     * only what clients asked; ASSIGNED_BY_ID defaults to the webhook user as in a seed. It is a change as one made
     * in Bitrix24's own pages is: its add event is sent, on behalf of the object's creator.
     */
    public static JsonNode add(Portal portal, String type, ObjectNode fields, Endpoints endpoints) {
        CrmEntityType entityType = CrmEntityType.parse(type)
                .orElseThrow(() -> new IllegalArgumentException("type must be lead, contact, company or deal"));
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("Body must be the object's fields, e.g. {\"NAME\": \"Ivan\", "
                    + "\"PHONE\": [{\"VALUE\": \"+79990000001\", \"VALUE_TYPE\": \"WORK\"}]}");
        }
        long creator = fields.path("ASSIGNED_BY_ID").asLong(portal.webhook().userId());
        CrmItem item = portal.exclusive(() -> portal.store(CrmStore.class).add(entityType, fields.deepCopy(),
                Origin.user(creator, endpoints), portal.isoNow()));
        return item.fields().deepCopy(); // as crm.{type}.get shows it, "ID" included
    }

    private static List<String> exclusions(Portal portal) {
        return portal.store(CrmStore.class).exclusions().stream().sorted().toList();
    }

    private static Map<String, List<?>> overview(Portal portal) {
        Map<String, List<?>> view = new LinkedHashMap<>();
        for (CrmEntityType type : CrmEntityType.values()) {
            List<CrmRow> rows = new ArrayList<>();
            for (CrmItem item : portal.store(CrmStore.class).all(type)) {
                List<String> phones = new ArrayList<>();
                item.fields().path("PHONE").forEach(p -> phones.add(p.path("VALUE").asText()));
                rows.add(new CrmRow(item.id(), item.displayName(), item.assignedById(), phones,
                        item.fields().path(type == CrmEntityType.DEAL ? "STAGE_ID" : "STATUS_ID").asText("")));
            }
            view.put(type == CrmEntityType.COMPANY ? "companies" : type.name().toLowerCase(Locale.ROOT) + "s", rows);
        }
        view.put("timeline", timeline(portal.store(CrmStore.class)));
        return view;
    }

    /** The newest activities and comments, newest first. */
    private static List<TimelineRow> timeline(CrmStore crm) {
        List<TimelineRow> rows = new ArrayList<>();
        for (JsonNode a : crm.newestActivities(TIMELINE)) {
            rows.add(new TimelineRow(a.path("CREATED").asText(""),
                    owner(a.path("OWNER_TYPE_ID").asLong(), a.path("OWNER_ID").asText("")), kind(a),
                    a.path("SUBJECT").asText(""), a.path("RESPONSIBLE_ID").asLong(),
                    "Y".equals(a.path("COMPLETED").asText()) ? "completed" : "open"));
        }
        for (JsonNode c : crm.newestComments(TIMELINE)) {
            String type = c.path("ENTITY_TYPE").asText("");
            rows.add(new TimelineRow(c.path("CREATED").asText(""), type + " " + c.path("ENTITY_ID").asText(""),
                    "comment", c.path("COMMENT").asText(""), c.path("AUTHOR_ID").asLong(), ""));
        }
        rows.sort((x, y) -> ListQuery.compare(y.time(), x.time())); // instants, whatever zone each was written in
        return rows;
    }

    private static String owner(long ownerTypeId, String ownerId) {
        return CrmEntityType.byOwnerTypeId(ownerTypeId).map(t -> t.name().toLowerCase(Locale.ROOT))
                .orElse(ownerTypeId == 12 ? "call list" : "type " + ownerTypeId) + " " + ownerId;
    }

    /** What the activity is, as the timeline names it (crm.enum.activitytype, the to-do provider, the direction). */
    private static String kind(JsonNode activity) {
        boolean incoming = "1".equals(activity.path("DIRECTION").asText());
        return switch (activity.path("TYPE_ID").asText()) {
            case "1" -> "meeting";
            case "2" -> incoming ? "incoming call" : "outgoing call";
            case "3" -> "task";
            case "4" -> incoming ? "incoming e-mail" : "outgoing e-mail";
            case "6" -> switch (activity.path("PROVIDER_ID").asText()) {
                case "CRM_TODO" -> "to-do";
                case "CALL_LIST" -> "call list";
                default -> "activity";
            };
            default -> "activity";
        };
    }

}
