package dev.b24emu.emulator.internal.followup.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.followup.FollowUp;
import dev.b24emu.emulator.internal.followup.FollowUpErrors;
import dev.b24emu.emulator.internal.followup.FollowUpFields;
import dev.b24emu.emulator.internal.followup.FollowUpQuery;
import dev.b24emu.emulator.internal.followup.FollowUpView;
import dev.b24emu.emulator.internal.followup.FollowUps;
import dev.b24emu.emulator.internal.followup.MentionFormat;
import dev.b24emu.emulator.internal.followup.Selection;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;

import java.util.ArrayList;
import java.util.List;

/**
 * call.followup.list, .get, .field.list and .field.get (REST 3.0, api-reference/telephony/follow-up/): the
 * parameters are the JSON body's keys in their exact case; every result is nested in result ({item} or {items}).
 */
final class FollowUpMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FollowUps followUps;

    FollowUpMethods(FollowUps followUps) {
        this.followUps = followUps;
    }

    void register(MethodTable methods) {
        methods.add("call.followup.list", this::list)
                .add("call.followup.get", this::get)
                .add("call.followup.field.list", FollowUpMethods::fieldList)
                .add("call.followup.field.get", FollowUpMethods::fieldGet);
    }

    private JsonNode list(RestCall call) {
        FollowUpQuery query = FollowUpQuery.parse(call.params().tree());
        FollowUps.Page page = followUps.list(call.portal(), call.userId(), query);
        ObjectNode result = NODES.objectNode();
        ArrayNode items = result.putArray("items");
        page.items().forEach(f -> items.add(render(call.portal(), f, query.select(), query.mentions())));
        result.put("hasMore", page.hasMore());
        if (page.hasMore()) {
            FollowUp last = page.items().get(page.items().size() - 1);
            result.putObject("afterCursor").put("startDate", FollowUpView.cursorDate(last.startDate()))
                    .put("id", last.callId());
        } else {
            result.putNull("afterCursor");
        }
        return result;
    }

    private JsonNode get(RestCall call) {
        ObjectNode params = call.params().tree();
        JsonNode callId = params.get("callId");
        if (callId == null || callId.isNull()) {
            throw FollowUpErrors.missing("callId");
        }
        if (!callId.isIntegralNumber() || callId.asLong() < 1) {
            throw FollowUpErrors.invalid("callId", "Field `callId` must be a positive integer");
        }
        MentionFormat mentions = MentionFormat.parse(params.get("mentionFormat"), false);
        Selection select = Selection.parse(params.get("select"), Selection.all());
        FollowUp followUp = followUps.get(call.portal(), call.userId(), callId.asLong());
        ObjectNode result = NODES.objectNode();
        result.set("item", render(call.portal(), followUp, select, mentions));
        return result;
    }

    private static ObjectNode render(Portal portal, FollowUp followUp, Selection select, MentionFormat mentions) {
        return FollowUps.render(portal, followUp, select, mentions);
    }

    private static JsonNode fieldList(RestCall call) {
        List<String> attributes = attributes(call.params().tree().get("select"));
        ObjectNode result = NODES.objectNode();
        ArrayNode items = result.putArray("items");
        FollowUpFields.ROOT.forEach(field -> items.add(describe(field, attributes)));
        return result;
    }

    private static JsonNode fieldGet(RestCall call) {
        ObjectNode params = call.params().tree();
        JsonNode name = params.get("name");
        if (name == null || name.isNull()) {
            throw FollowUpErrors.missing("name");
        }
        if (!name.isTextual()) {
            throw FollowUpErrors.invalid("name", "Field `name` must be a string");
        }
        List<String> attributes = attributes(params.get("select"));
        FollowUpFields.Field field = FollowUpFields.field(name.asText())
                .orElseThrow(() -> FollowUpErrors.fieldNotFound(name.asText()));
        ObjectNode result = NODES.objectNode();
        result.set("item", describe(field, attributes));
        return result;
    }

    /** The description attributes asked for, in their documented order; all eleven without select. */
    private static List<String> attributes(JsonNode select) {
        if (select == null || select.isNull()) {
            return FollowUpFields.ATTRIBUTES;
        }
        if (!select.isArray()) {
            throw FollowUpErrors.selectExpression(select.isValueNode() ? select.asText() : select.toString());
        }
        List<String> asked = new ArrayList<>();
        for (JsonNode item : select) {
            if (!item.isTextual()) {
                throw FollowUpErrors.selectExpression(item.toString());
            }
            if (!FollowUpFields.ATTRIBUTES.contains(item.asText())) {
                throw FollowUpErrors.unknownAttribute(item.asText());
            }
            asked.add(item.asText());
        }
        return FollowUpFields.ATTRIBUTES.stream().filter(asked::contains).toList();
    }

    /**
     * A field's description (DtoFieldDto). The pages give name, type and description; the title is the name (the
     * field.get example), and the follow-up DTO is read-only and filtered only by the method's own filter, so no
     * field is editable, filterable or sortable (specs/DECISIONS.md D72).
     */
    private static ObjectNode describe(FollowUpFields.Field field, List<String> attributes) {
        ObjectNode item = NODES.objectNode();
        for (String attribute : attributes) {
            switch (attribute) {
                case "name", "title" -> item.put(attribute, field.name());
                case "type" -> item.put(attribute, field.type());
                case "description" -> item.put(attribute, field.description());
                case "validationRules", "requiredGroups" -> item.putArray(attribute);
                case "filterable", "sortable", "editable", "multiple" -> item.put(attribute, false);
                case "elementType" -> item.putNull(attribute);
                default -> throw new IllegalStateException("Undocumented attribute " + attribute);
            }
        }
        return item;
    }
}
