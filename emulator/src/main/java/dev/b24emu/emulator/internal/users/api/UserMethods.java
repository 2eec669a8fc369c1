package dev.b24emu.emulator.internal.users.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserEditing;
import dev.b24emu.emulator.internal.users.UserFieldSet;
import dev.b24emu.emulator.internal.users.UserFields;
import dev.b24emu.emulator.internal.users.UserQuery;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * user.get (filter by any user field, 50 per page), user.current, user.fields, user.update, user.add and profile.
 * A caller with only user_basic or user_brief sees the fields of that level (specs/DECISIONS.md D54).
 */
final class UserMethods {
    private static final int PAGE_SIZE = 50;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private UserMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("user.current", UserMethods::current)
                .add("user.get", UserMethods::get)
                .add("user.fields", call -> UserFields.labels(UserFieldSet.of(call.caller().scopes())))
                .add("user.update", call -> {
                    UserEditing.update(call.caller(), call.params().phpInt("ID"), call.params().tree());
                    return NODES.booleanNode(true);
                })
                .add("user.add", call -> NODES.numberNode(UserEditing.invite(call.caller(), call.params().tree()).id()))
                .add("profile", UserMethods::profile);
    }

    private static JsonNode current(RestCall call) {
        return call.portal().store(UserStore.class).get(call.userId())
                .map(user -> UserFields.toJson(user, UserFieldSet.of(call.caller().scopes())))
                .orElseThrow(() -> RestError.of("ERROR_CORE", "User is not found"));
    }

    /**
     * The caller's basic data without any scope (api-reference/common/users/profile.md): an inactive user's is empty,
     * [] as the server's empty PHP array is written; TIME_ZONE and PERSONAL_GENDER are "" when not set (D53).
     */
    private static JsonNode profile(RestCall call) {
        User user = call.portal().store(UserStore.class).get(call.userId()).filter(User::active).orElse(null);
        if (user == null) {
            return NODES.arrayNode();
        }
        ObjectNode profile = NODES.objectNode();
        profile.put("ID", Long.toString(user.id()));
        profile.put("ADMIN", user.admin());
        profile.put("NAME", user.name());
        profile.put("LAST_NAME", user.lastName());
        String gender = user.profileField("PERSONAL_GENDER");
        profile.put("PERSONAL_GENDER", gender.equals("M") || gender.equals("F") ? gender : "");
        profile.put("TIME_ZONE", user.profileField("TIME_ZONE"));
        return profile;
    }

    /**
     * user.get as the real User::userGet: the FILTER object, or without one the request's own keys, filter the users
     * (UserQuery); SORT with ORDER orders them.
     */
    private static ListResult get(RestCall call) {
        Params p = call.params();
        JsonNode tree = p.tree();
        JsonNode filter = p.node("FILTER").or(() -> p.node("filter")).filter(JsonNode::isObject).orElse(tree);
        Map<String, JsonNode> keys = new java.util.LinkedHashMap<>();
        filter.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue()));
        UserFieldSet visible = UserFieldSet.of(call.caller().scopes());
        Predicate<JsonNode> matches = UserQuery.filter(keys, visible);
        List<JsonNode> found = new ArrayList<>();
        for (User user : call.portal().store(UserStore.class).all()) {
            JsonNode json = UserFields.toJson(user, visible);
            if (matches.test(json)) {
                found.add(json);
            }
        }
        found.sort(UserQuery.order(p.textOrEmpty("SORT"), p.textOrEmpty("ORDER")));
        int start = (int) Math.max(0, Math.min(Integer.MAX_VALUE, p.phpInt("start")));
        ArrayNode page = JsonNodeFactory.instance.arrayNode();
        found.stream().skip(start).limit(PAGE_SIZE).forEach(page::add);
        return new ListResult(page, (long) start + PAGE_SIZE < found.size() ? start + PAGE_SIZE : null, found.size());
    }
}
