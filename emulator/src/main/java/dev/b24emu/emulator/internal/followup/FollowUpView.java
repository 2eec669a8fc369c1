package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.users.User;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The one place a follow-up becomes JSON (call.followup.get's item, call.followup.list's items): the selected fields
 * in the documented order, absent data as null ("Missing data is set to null"), dates in UTC
 * ({@code 2026-01-15T10:00:00+00:00}), participants enriched from the users' profiles, mentions in the asked format.
 */
public final class FollowUpView {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Keys whose texts are written without mentions, whatever the format (fields.md#overview). */
    private static final String MENTION_LESS = "MentionLess";

    private FollowUpView() {
    }

    /**
     * @param users finds a participant's profile for the display data the follow-up does not hold
     */
    public static ObjectNode render(FollowUp followUp, Selection selection, MentionFormat mentions,
                                    LongFunction<Optional<User>> users) {
        ObjectNode item = NODES.objectNode();
        for (Map.Entry<String, Set<String>> field : selection.fields().entrySet()) {
            JsonNode value = value(followUp, field.getKey(), mentions, users);
            item.set(field.getKey(), field.getValue().isEmpty() || value.isNull() ? value : only(value, field.getValue()));
        }
        return item;
    }

    private static JsonNode value(FollowUp f, String field, MentionFormat mentions, LongFunction<Optional<User>> users) {
        return switch (field) {
            case "callId" -> NODES.numberNode(f.callId());
            case "callType" -> NODES.numberNode(f.callType());
            case "initiatorId" -> f.initiatorId() == null ? NODES.nullNode() : NODES.numberNode(f.initiatorId());
            case "startDate" -> date(f.startDate());
            case "endDate" -> date(f.endDate());
            case "durationSeconds" -> NODES.numberNode(f.durationSeconds());
            case "uuid" -> text(f.uuid());
            case "language" -> text(f.language());
            case "version" -> NODES.numberNode(f.version());
            case "participants" -> participants(f, users);
            case "outcomes" -> {
                ArrayNode outcomes = NODES.arrayNode();
                f.outcomes().forEach(outcomes::add);
                yield outcomes;
            }
            case "createdAt" -> date(f.createdAt());
            case "tracks" -> f.tracks() == null ? NODES.arrayNode() : f.tracks().deepCopy();
            default -> {
                JsonNode block = f.blocks().get(field);
                yield block == null ? NODES.nullNode() : rendered(block.deepCopy(), mentions);
            }
        };
    }

    /** The cursor form of a date: microseconds, as the list example's afterCursor writes it. */
    public static String cursorDate(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                .format(instant.atOffset(ZoneOffset.UTC));
    }

    private static JsonNode date(Instant instant) {
        return instant == null ? NODES.nullNode() : NODES.textNode(IsoTime.format(instant, ZoneOffset.UTC));
    }

    private static JsonNode text(String value) {
        return value == null ? NODES.nullNode() : NODES.textNode(value);
    }

    /** Each participant with the keys it has a value for (the list example leaves out a missing avatar). */
    private static ArrayNode participants(FollowUp f, LongFunction<Optional<User>> users) {
        ArrayNode list = NODES.arrayNode();
        for (Participant p : f.participants()) {
            ObjectNode item = list.addObject().put("userId", p.userId());
            if (p.talkedSeconds() != null) {
                item.put("talkedSeconds", p.talkedSeconds());
            }
            String name = p.name() != null ? p.name() : users.apply(p.userId()).map(User::fullName).orElse(null);
            if (name != null && !name.isEmpty()) {
                item.put("name", name);
            }
            if (p.avatar() != null) {
                item.put("avatar", p.avatar());
            }
            // a portal user's position when the follow-up names none (fields.md: "Position of the user")
            String position = p.workPosition() != null ? p.workPosition()
                    : users.apply(p.userId()).map(user -> user.profileField("WORK_POSITION")).orElse("");
            if (!position.isEmpty()) {
                item.put("workPosition", position);
            }
        }
        return list;
    }

    /** Only the selected keys of a block, missing ones null. */
    private static ObjectNode only(JsonNode block, Set<String> keys) {
        ObjectNode part = NODES.objectNode();
        keys.forEach(key -> part.set(key, block.has(key) ? block.get(key) : NODES.nullNode()));
        return part;
    }

    /** Every text of a block with its mentions in the asked format, but the *MentionLess ones. */
    private static JsonNode rendered(JsonNode node, MentionFormat mentions) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().endsWith(MENTION_LESS)) {
                    field.setValue(rendered(field.getValue(), mentions));
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rendered(array.get(i), mentions));
            }
        } else if (node.isTextual()) {
            return new TextNode(mentions.render(node.asText()));
        }
        return node;
    }
}
