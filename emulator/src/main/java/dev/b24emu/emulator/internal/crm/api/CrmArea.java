package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmListener;
import dev.b24emu.emulator.internal.crm.CrmSeed;
import dev.b24emu.emulator.internal.crm.CrmStatusStore;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.Endpoints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CRM telephony binds calls to: crm.{lead,deal,contact,company}.*, crm.activity.*, crm.duplicate.findbycomm,
 * crm.settings.mode.get, crm.enum.settings.mode, crm.status.list (the reference guides) and
 * crm.timeline.comment.add; seeding CRM objects and the exclusion list from the control API; the CRM seed fields.
 */
public final class CrmArea implements Area {
    /** A CRM object in short, as the dashboard lists it. */
    public record CrmRow(@JsonProperty("ID") long id, @JsonProperty("NAME") String name,
                         @JsonProperty("ASSIGNED_BY_ID") long assignedById, @JsonProperty("PHONES") List<String> phones,
                         @JsonProperty("STATUS") String status) {
    }

    /** told of every change to a portal's CRM objects (the CRM events) */
    private final CrmListener listener;

    public CrmArea(CrmListener listener) {
        this.listener = listener;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("crm", CrmStore.class, portal -> new CrmStore(portal.bounds().crmObjects(),
                        portal.bounds().crmMegabytes(), portal.id(), change -> listener.changed(portal, change))),
                StoreType.of(CrmStatusStore.SEED_FIELD, CrmStatusStore.class, portal -> new CrmStatusStore()));
    }

    @Override
    public List<SeedSection> seedSections() {
        return CrmSeed.sections();
    }

    @Override
    public void methods(MethodTable methods) {
        CrmMethods.register(methods);
        TodoMethods.register(methods);
        CommentMethods.register(methods);
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
            if (!crm.isExcluded(phone.asText())) {
                ConfigBound.admit(request.portal(), crm.exclusions(), phone.asText(), "CRM exclusions");
            }
            crm.exclude(phone.asText());
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

    private static Map<String, List<CrmRow>> overview(Portal portal) {
        Map<String, List<CrmRow>> view = new LinkedHashMap<>();
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
        return view;
    }

}
