package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Timeline comments (api-reference/crm/timeline/comments/): add, get and list as CCrmTimelineCommentRestProxy answers
 * them, update and delete as the Crm\Controller\Timeline\Comment actions do. A comment is bound to the one object it
 * was written on. The emulator keeps no files: a comment's FILES are their names and sizes (specs/DECISIONS.md D139).
 */
public final class TimelineComments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** what list's select may name and get answers, in the proxy's order; FILES follow when there are any */
    private static final List<String> SCALARS = List.of("ID", "ENTITY_ID", "ENTITY_TYPE", "CREATED", "COMMENT", "AUTHOR_ID");
    private static final Set<String> SORTABLE = Set.of("ID", "CREATED", "AUTHOR_ID");
    private static final Set<String> IMAGES = Set.of("gif", "png", "jpg", "jpeg", "webp", "bmp");

    private TimelineComments() {
    }

    /**
     * crm.timeline.comment.add: the comment on an object that exists (NOT_FOUND "Not found." otherwise), by the
     * caller; FILES as [[name, base64 content], ...].
     */
    public static long add(Portal portal, Origin origin, Params fields) {
        CrmRef owner = CrmEntityType.parse(fields.textOrEmpty("ENTITY_TYPE"))
                .map(type -> new CrmRef(type, fields.phpInt("ENTITY_ID")))
                .filter(ref -> crm(portal).get(ref).isPresent())
                .orElseThrow(() -> RestError.of("NOT_FOUND", "Not found."));
        ObjectNode comment = NODES.objectNode();
        comment.put("CREATED", portal.isoNow());
        comment.put("ENTITY_ID", Long.toString(owner.id()));
        comment.put("ENTITY_TYPE", owner.type().name().toLowerCase(Locale.ROOT));
        comment.put("AUTHOR_ID", Long.toString(origin.actingUserId()));
        comment.put("COMMENT", fields.text("COMMENT").orElse(""));
        comment.set("FILES", files(fields.node("FILES").orElse(null)));
        return crm(portal).addComment(comment, origin);
    }

    /** crm.timeline.comment.get: the comment by ID or id; "ID is not defined or invalid.", "Not found." */
    public static ObjectNode get(Portal portal, Params p) {
        long id = p.node("ID").or(() -> p.node("id")).flatMap(Params::looseInteger).orElse(0L);
        if (id <= 0) {
            throw RestError.of("ERROR_CORE", "ID is not defined or invalid.");
        }
        return crm(portal).comment(id).map(c -> view(portal, c, SCALARS))
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Not found."));
    }

    /**
     * crm.timeline.comment.list: the comments of the object filter.ENTITY_ID and filter.ENTITY_TYPE name (exactly
     * these keys; without them no object is readable: "Access denied."), ordered by ID, CREATED or AUTHOR_ID (only
     * "DESC" descends), select narrowing the scalar fields, pages of 50 from the page start falls in.
     */
    public static ListResult list(Portal portal, Params p) {
        ObjectNode filter = object(p, "filter");
        ObjectNode order = object(p, "order");
        JsonNode select = p.node("select").orElse(NODES.arrayNode());
        Optional<CrmEntityType> type = CrmEntityType.parse(filter.path("ENTITY_TYPE").asText(""));
        long entityId = Params.phpInt(filter.get("ENTITY_ID"));
        if (type.isEmpty() || entityId <= 0 || crm(portal).get(new CrmRef(type.get(), entityId)).isEmpty()) {
            throw RestError.of("ERROR_CORE", "Access denied.");
        }
        String entityType = type.get().name().toLowerCase(Locale.ROOT);
        List<ObjectNode> found = new ArrayList<>(crm(portal).comments().stream()
                .filter(c -> c.path("ENTITY_TYPE").asText().equals(entityType)
                        && c.path("ENTITY_ID").asLong() == entityId).toList());
        found.sort(order(order));
        List<String> fields = new ArrayList<>();
        select.forEach(name -> {
            if (SCALARS.contains(name.asText())) {
                fields.add(name.asText());
            }
        });
        List<ObjectNode> items = found.stream().map(c -> {
            ObjectNode item = view(portal, c, fields.isEmpty() ? SCALARS : fields);
            if (item.has("ENTITY_ID")) {
                item.put("ENTITY_ID", entityId); // the filter's ID cast to int, as the proxy writes each row's
            }
            return item;
        }).toList();
        long start = p.start();
        return ListResult.page(items, Math.max(0, start) / ListQuery.PAGE_SIZE * ListQuery.PAGE_SIZE);
    }

    /**
     * crm.timeline.comment.update: a new COMMENT (required: "Empty comment message") and FILES (the old ones go when
     * none are given); answers the comment's ID.
     */
    public static long update(Portal portal, Origin origin, String id, JsonNode fields, Long ownerTypeId, Long ownerId) {
        ObjectNode comment = bound(portal, id, ownerTypeId, ownerId);
        String text = fields.path("COMMENT").isValueNode() ? Params.scalarText(fields.get("COMMENT")).orElse("") : "";
        if (text.trim().isEmpty()) {
            throw RestError.of("INVALID_ARG_VALUE", "Empty comment message");
        }
        ObjectNode changed = comment.deepCopy();
        changed.put("COMMENT", text);
        changed.set("FILES", files(fields.get("FILES")));
        long commentId = comment.path("ID").asLong();
        crm(portal).replaceComment(commentId, changed, origin);
        return commentId;
    }

    /** crm.timeline.comment.delete. */
    public static void delete(Portal portal, Origin origin, String id, Long ownerTypeId, Long ownerId) {
        ObjectNode comment = bound(portal, id, ownerTypeId, ownerId);
        crm(portal).deleteComment(comment.path("ID").asLong(), origin);
    }

    /**
     * The comment the controller acts on: NOT_FOUND for an ID that is no comment; the owner, when named, must be a
     * known kind with an ID above 0 (OWNER_NOT_FOUND "Owner was not found") and the comment's (NOT_FOUND).
     */
    private static ObjectNode bound(Portal portal, String id, Long ownerTypeId, Long ownerId) {
        ObjectNode comment = Params.looseInteger(NODES.textNode(id)).flatMap(crm(portal)::comment)
                .orElseThrow(TimelineComments::notFound);
        if (ownerTypeId == null && ownerId == null) {
            return comment;
        }
        Optional<CrmEntityType> type = CrmEntityType.byOwnerTypeId(ownerTypeId == null ? 0 : ownerTypeId);
        if (type.isEmpty() || ownerId == null || ownerId <= 0) {
            throw RestError.of("OWNER_NOT_FOUND", "Owner was not found");
        }
        if (!comment.path("ENTITY_TYPE").asText().equals(type.get().name().toLowerCase(Locale.ROOT))
                || comment.path("ENTITY_ID").asLong() != ownerId) {
            throw notFound();
        }
        return comment;
    }

    /** The comment as get and list write it: the named scalars in the proxy's order, FILES when it has any. */
    private static ObjectNode view(Portal portal, ObjectNode comment, List<String> fields) {
        ObjectNode view = NODES.objectNode();
        for (String name : SCALARS) {
            if (fields.contains(name)) {
                view.set(name, comment.path(name).deepCopy());
            }
        }
        JsonNode files = comment.path("FILES");
        if (files.size() > 0) {
            ObjectNode answered = view.putObject("FILES");
            long authorId = comment.path("AUTHOR_ID").asLong();
            String authorName = portal.store(UserStore.class).get(authorId).map(User::fullName).orElse("");
            int n = 0;
            for (JsonNode file : files) {
                n++;
                String name = file.isTextual() ? file.asText() : file.path("name").asText(); // older state: names only
                answered.putObject(Integer.toString(n)).put("id", n).put("date", comment.path("CREATED").asText())
                        .put("type", IMAGES.contains(extension(name)) ? "image" : "file").put("name", name)
                        .put("size", file.path("size").asLong(0)).put("authorId", authorId).put("authorName", authorName);
            }
        }
        return view;
    }

    /** FILES as [[name, base64 content], ...]: each file's name and the size of its content. */
    private static ArrayNode files(JsonNode given) {
        ArrayNode files = NODES.arrayNode();
        if (given != null && given.isContainerNode()) {
            for (JsonNode file : given) {
                String name = file.path(0).asText("");
                if (!name.isEmpty()) {
                    files.addObject().put("name", name).put("size", size(file.path(1).asText("")));
                }
            }
        }
        return files;
    }

    private static long size(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64).length;
        } catch (IllegalArgumentException notBase64) {
            return 0;
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Comparator<ObjectNode> order(ObjectNode order) {
        Comparator<ObjectNode> by = (a, b) -> 0; // no order given: as kept, by ID
        for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) order::fields) {
            if (!SORTABLE.contains(entry.getKey())) {
                continue;
            }
            String field = entry.getKey();
            Comparator<ObjectNode> one = field.equals("CREATED")
                    ? Comparator.comparing(c -> c.path(field).asText())
                    : Comparator.comparingLong(c -> c.path(field).asLong());
            by = by.thenComparing("DESC".equals(entry.getValue().asText()) ? one.reversed() : one);
        }
        return by;
    }

    private static ObjectNode object(Params p, String name) {
        if (!p.has(name)) {
            return NODES.objectNode();
        }
        return p.phpArray(name).orElseThrow(() -> RestError.of("ERROR_CORE", "Parameter '" + name + "' must be array."));
    }

    private static RestError notFound() {
        return RestError.of("NOT_FOUND", "Not found.");
    }

    private static CrmStore crm(Portal portal) {
        return portal.store(CrmStore.class);
    }
}
