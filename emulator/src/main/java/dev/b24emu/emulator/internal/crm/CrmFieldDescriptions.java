package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What crm.{lead,contact,company,deal,activity}.fields, crm.activity.communication.fields,
 * crm.timeline.comment.fields and the crm.enum methods answer: the result of each page's example, verbatim and in its
 * order (api-reference/crm/data-types.md#crm_rest_field_description), held once for every portal: the emulated
 * portals have no custom fields, so the descriptions never change (specs/DECISIONS.md D56).
 */
public final class CrmFieldDescriptions {
    private static final JsonNode ALL = load("fields.json");
    private static final JsonNode ENUMS = load("enums.json");

    private CrmFieldDescriptions() {
    }

    /** What crm.enum.ownertype, activitytype or activitydirection answers: the page's example ("ownertype", ...). */
    public static JsonNode enumeration(String name) {
        JsonNode values = ENUMS.path(name);
        if (!values.isArray()) {
            throw new IllegalArgumentException("No enumeration " + name);
        }
        return values.deepCopy();
    }

    /**
     * The field descriptions of "lead", "contact", "company", "deal", "activity", "communication" (an activity's) or
     * "comment" (a timeline comment's).
     */
    public static JsonNode of(String type) {
        JsonNode fields = ALL.path(type).path("fields");
        if (fields.isMissingNode()) {
            throw new IllegalArgumentException("No field descriptions for " + type);
        }
        return fields.deepCopy();
    }

    /** How crm.{type}.fields describes the field (its "type", "isMultiple", ...), if it describes it. */
    static java.util.Optional<JsonNode> field(String type, String name) {
        return java.util.Optional.ofNullable(ALL.path(type).path("fields").get(name));
    }

    /**
     * The fields of an add or update the real server drops without a word (CCrmRestProxyBase::internalizeFields):
     * the ones the object does not describe (names are matched as given: "name" is not NAME), the read-only ones, and
     * on update the immutable ones. Custom UF_CRM_ fields are kept, as though the portal had them: an emulated portal
     * cannot know the custom fields of the user's real one (specs/DECISIONS.md D130).
     */
    public static List<String> ignored(String type, JsonNode fields, boolean update) {
        return dropped(type, fields, field -> field.path("isReadOnly").asBoolean()
                || update && field.path("isImmutable").asBoolean());
    }

    /**
     * The fields of an add or update that crm.{type}.fields does not describe at all (custom UF_CRM_ ones aside): what
     * internalizeFields drops of an activity, whose read-only and immutable fields the emulator still reads as before.
     */
    public static List<String> undescribed(String type, JsonNode fields) {
        return dropped(type, fields, field -> false);
    }

    /**
     * The given fields that crm.{type}.fields types as files (a contact's PHOTO, a company's LOGO; an activity's FILES
     * and the storage it keeps them in): the emulator keeps no files (D203).
     */
    public static List<String> files(String type, JsonNode fields) {
        JsonNode described = ALL.path(type).path("fields");
        List<String> files = new ArrayList<>();
        fields.fieldNames().forEachRemaining(name -> {
            String kind = described.path(name).path("type").asText("");
            if (kind.equals("file") || kind.equals("diskfile")) {
                files.add(name);
            }
        });
        return files;
    }

    private static List<String> dropped(String type, JsonNode fields, Predicate<JsonNode> droppedThoughDescribed) {
        JsonNode described = ALL.path(type).path("fields");
        List<String> dropped = new ArrayList<>();
        fields.fieldNames().forEachRemaining(name -> {
            JsonNode field = described.get(name);
            if (!name.startsWith("UF_CRM_") && (field == null || droppedThoughDescribed.test(field))) {
                dropped.add(name);
            }
        });
        return dropped;
    }

    private static JsonNode load(String file) {
        try (InputStream in = CrmFieldDescriptions.class.getResourceAsStream("/dev/b24emu/emulator/crm/" + file)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is part of the emulator", e);
        }
    }
}
