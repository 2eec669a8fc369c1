package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * crm.status.add, .update, .delete and .get as CCrmStatusRestProxy and CCrmStatus run them (D148): a value added to a
 * reference guide (a lead source for register's CRM_SOURCE, a call-list status crm.calllist.statuslist lists) is
 * checked as the server checks it, with its texts; only NAME, SORT and COLOR change; a system value goes only with
 * params[FORCED]=Y, and a stage still in use not at all. The portal's administrators may change the guides.
 */
public final class CrmStatuses {
    /** STATUS_ID limits of CCrmStatus::validateStatusId: the stage guides' lengths and characters, 50 for the rest */
    private static final Map<String, Integer> MAX_LENGTH = Map.of("STATUS", 21, "QUOTE_STATUS", 22, "DEAL_STAGE", 22);
    private static final Pattern STAGE_ID = Pattern.compile("^[0-9A-Z_-]+$", Pattern.CASE_INSENSITIVE);
    /** the guides whose values objects stand in: a value in use cannot be deleted */
    private static final Set<String> IN_USE_CHECKED = Set.of("STATUS", "DEAL_STAGE", "QUOTE_STATUS");
    private static final Set<String> STAGE_GUIDES = Set.of("STATUS", "QUOTE_STATUS", "DEAL_STAGE");

    private CrmStatuses() {
    }

    /** crm.status.add: the new row's ID. */
    public static long add(Portal portal, boolean admin, ObjectNode fields) {
        requireAdmin(admin);
        Params f = new Params(fields);
        String entityId = f.textOrEmpty("ENTITY_ID").trim();
        String statusId = f.textOrEmpty("STATUS_ID").trim();
        List<String> errors = new ArrayList<>();
        if (entityId.isEmpty()) {
            errors.add("The field ENTITY_ID is required.");
        }
        if (statusId.isEmpty()) {
            errors.add("The field STATUS_ID is required.");
        }
        if (!errors.isEmpty()) {
            throw RestError.of("ERROR_CORE", String.join("\n", errors));
        }
        if (!guideTypes(portal).contains(entityId)) {
            throw RestError.of("ERROR_CORE", "Specified entity type is not supported.");
        }
        // a pipeline's guide: the value is checked without its prefix, then prefixed C{id}: (addPrefixToStatusId)
        long pipeline = DealCategories.pipelineOf(entityId);
        String prefix = pipeline > 0 ? "C" + pipeline + ":" : "";
        if (!prefix.isEmpty()) {
            statusId = statusId.substring(statusId.indexOf(':') + 1);
        }
        String guide = prefix.isEmpty() ? entityId : "DEAL_STAGE";
        int max = MAX_LENGTH.getOrDefault(guide, 50) - prefix.length();
        if (statusId.length() > max) {
            throw RestError.of("ERROR_CORE", "Exceeded maximum length of status ID: " + max + ".");
        }
        if (MAX_LENGTH.containsKey(guide) && !STAGE_ID.matcher(statusId).matches()) {
            throw RestError.of("ERROR_CORE", "Status ID may include Latin characters, numbers, minus and underscore characters only");
        }
        statusId = prefix + statusId;
        CrmStatusStore store = portal.store(CrmStatusStore.class);
        if (store.has(entityId, statusId)) {
            throw RestError.of("ERROR_CORE", "The specified status ID already exists.");
        }
        String name = f.textOrEmpty("NAME").trim();
        if (name.isEmpty()) {
            throw RestError.of("ERROR_CORE", "The status name is empty.");
        }
        long sort = f.phpInt("SORT");
        ObjectNode row = fields.objectNode().put("ID", "0").put("ENTITY_ID", entityId).put("STATUS_ID", statusId)
                .put("NAME", name).put("NAME_INIT", "").put("SORT", Long.toString(sort > 0 ? sort : 10))
                .put("SYSTEM", "N");
        if (fields.hasNonNull("CATEGORY_ID") || pipeline > 0) { // a pipeline's own, unless given
            row.put("CATEGORY_ID", fields.hasNonNull("CATEGORY_ID") ? Long.toString(f.phpInt("CATEGORY_ID"))
                    : Long.toString(pipeline));
        } else {
            row.putNull("CATEGORY_ID");
        }
        String color = color(fields);
        if (color.isEmpty()) {
            row.putNull("COLOR");
        } else {
            row.put("COLOR", color);
        }
        if (STAGE_GUIDES.contains(guide)) {
            String semantics = f.textOrEmpty("SEMANTICS").toUpperCase(Locale.ROOT);
            if (semantics.equals("S") || semantics.equals("F")) {
                row.put("SEMANTICS", semantics);
            } else {
                row.putNull("SEMANTICS"); // a process stage (P), as crm.status.list writes it
            }
            row.putObject("EXTRA").put("SEMANTICS", semantics.equals("S") ? "success" : semantics.equals("F")
                    ? "failure" : "process").put("COLOR", color);
        } else {
            row.putNull("SEMANTICS");
        }
        // the guides' rows count as configuration (D120): unbounded, 28 statuses named with 7 MB ran the heap out
        return ConfigBound.adding(portal, store::rows, row, "statuses", () -> store.add(row)).get("ID").asLong();
    }

    /** crm.status.update: NAME, SORT and COLOR (or EXTRA.COLOR); ENTITY_ID, STATUS_ID and SEMANTICS stay. */
    public static void update(Portal portal, boolean admin, long id, ObjectNode fields) {
        requireAdmin(admin);
        CrmStatusStore store = portal.store(CrmStatusStore.class);
        ObjectNode row = store.get(id).map(ObjectNode::deepCopy)
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Status is not found."));
        Params f = new Params(fields);
        String name = f.textOrEmpty("NAME").trim();
        if (!name.isEmpty()) {
            row.put("NAME", name);
        }
        if (f.has("SORT")) {
            long sort = f.phpInt("SORT");
            row.put("SORT", Long.toString(sort > 0 ? sort : 10));
        }
        String color = color(fields);
        if (!color.isEmpty()) {
            row.put("COLOR", color);
            if (row.has("EXTRA")) {
                ((ObjectNode) row.get("EXTRA")).put("COLOR", color);
            }
        }
        portal.exclusive(() -> {
            ConfigBound.admitChange(portal, store.rows(), store.get(row.path("ID").asLong()).orElse(null), row,
                    "statuses");
            store.replace(row);
            return null;
        });
    }

    /** crm.status.delete: a system row only with params[FORCED]=Y; a stage with objects in it not at all. */
    public static void delete(Portal portal, boolean admin, long id, JsonNode params) {
        requireAdmin(admin);
        CrmStatusStore store = portal.store(CrmStatusStore.class);
        ObjectNode row = store.get(id).orElseThrow(() -> RestError.of("ERROR_CORE", "Status is not found."));
        boolean forced = params != null && params.isObject() && "Y".equals(params.path("FORCED").asText(null));
        if ("Y".equals(row.path("SYSTEM").asText()) && !forced) {
            throw RestError.of("ERROR_CORE",
                    "CRM System Status can be deleted only if parameter FORCED is specified and equal to \"Y\".");
        }
        String entityId = row.path("ENTITY_ID").asText();
        String guide = DealCategories.pipelineOf(entityId) > 0 ? "DEAL_STAGE" : entityId;
        if (IN_USE_CHECKED.contains(guide) && inUse(portal, guide, row.path("STATUS_ID").asText())) {
            throw RestError.of("ERROR_CORE", "There are active items in this status.");
        }
        portal.exclusive(() -> store.remove(id));
    }

    /** crm.status.get: the row as crm.status.list writes it. */
    public static ObjectNode get(Portal portal, long id) {
        return portal.store(CrmStatusStore.class).get(id).map(ObjectNode::deepCopy)
                .orElseThrow(() -> RestError.of("ERROR_CORE", "CRM Status is not found."));
    }

    private static void requireAdmin(boolean admin) {
        if (!admin) {
            throw RestError.of("ERROR_CORE", "Access denied.");
        }
    }

    /** COLOR, or EXTRA.COLOR, with a leading # (CCrmStatus::Add adds one). */
    private static String color(ObjectNode fields) {
        JsonNode given = fields.hasNonNull("COLOR") ? fields.get("COLOR") : fields.path("EXTRA").path("COLOR");
        String color = given.isValueNode() ? given.asText("").trim() : "";
        return color.isEmpty() || color.startsWith("#") ? color : "#" + color;
    }

    private static Set<String> guideTypes(Portal portal) {
        Set<String> ids = new java.util.HashSet<>();
        CrmGuideTypes.all(portal).forEach(type -> ids.add(type.path("ID").asText()));
        return ids;
    }

    private static boolean inUse(Portal portal, String entityId, String statusId) {
        CrmStore crm = portal.store(CrmStore.class);
        return switch (entityId) {
            case "STATUS" -> crm.all(CrmEntityType.LEAD).stream().anyMatch(i -> statusId.equals(i.text("STATUS_ID")));
            case "DEAL_STAGE" -> crm.all(CrmEntityType.DEAL).stream().anyMatch(i -> statusId.equals(i.text("STAGE_ID")));
            default -> false; // the emulator keeps no quotes
        };
    }
}
