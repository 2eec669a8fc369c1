package dev.b24emu.emulator.internal.users.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Access;
import dev.b24emu.emulator.internal.users.AccessCodes;
import dev.b24emu.emulator.internal.users.Department;
import dev.b24emu.emulator.internal.users.DepartmentStore;
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
 * user.get and user.search (filter by any user field, 50 per page), user.current, user.fields, user.update, user.add,
 * profile, and the global user.admin, user.access and access.name. A caller with only user_basic or user_brief sees
 * the fields of that level (specs/DECISIONS.md D54).
 */
final class UserMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** the search field user.search finds users by their departments' names with */
    private static final String DEPARTMENT_NAME = "UF_DEPARTMENT_NAME";

    private UserMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("user.current", UserMethods::current)
                .add("user.get", call -> get(call, false))
                .add("user.search", call -> get(call, true))
                .add("user.admin", call -> NODES.booleanNode(Access.isAdmin(call.caller())))
                .add("user.access", UserMethods::access)
                .add("access.name", UserMethods::accessName)
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
                .map(user -> seen(call, user, UserFieldSet.of(call.caller().scopes())))
                .orElseThrow(() -> RestError.of("ERROR_CORE", "User is not found"));
    }

    /** A user as the caller sees it at the portal's present moment (IS_ONLINE). */
    private static ObjectNode seen(RestCall call, User user, UserFieldSet visible) {
        return UserFields.toJson(user, visible, call.portal().now(), call.portal().settings().timeZone());
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
     * user.get, and user.search with {@code search}, as the real User::userGet serves both: the FILTER object, or
     * without one the request's own keys, filter the users (UserQuery); SORT with ORDER orders them; SELECT keeps the
     * fields it names ("*" all, "UF_*" the UF_ ones).
     */
    private static ListResult get(RestCall call, boolean search) {
        Params p = call.params();
        ObjectNode filter = p.phpArray("FILTER").orElse(p.tree()); // FILTER: [] is no filter (D149)
        Map<String, JsonNode> keys = new java.util.LinkedHashMap<>();
        filter.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue()));
        UserFieldSet visible = UserFieldSet.of(call.caller().scopes());
        Predicate<JsonNode> matches = UserQuery.filter(keys, visible, search);
        DepartmentStore structure = call.portal().store(DepartmentStore.class);
        List<ObjectNode> found = new ArrayList<>();
        for (User user : call.portal().store(UserStore.class).all()) {
            ObjectNode json = seen(call, user, visible);
            if (search) { // what user.search's UF_DEPARTMENT_NAME searches: the names of the user's departments
                json.put(DEPARTMENT_NAME, String.join(" ", user.departments().stream()
                        .flatMap(id -> structure.get(id).map(Department::name).stream()).toList()));
            }
            boolean matched = matches.test(json);
            json.remove(DEPARTMENT_NAME);
            if (matched) {
                found.add(json);
            }
        }
        found.sort(UserQuery.order(p.textOrEmpty("SORT"), p.textOrEmpty("ORDER")));
        List<String> select = p.node("SELECT").filter(JsonNode::isContainerNode).map(Params::scalars).orElse(List.of());
        if (found.isEmpty()) { // \Bitrix\Rest\Api\User::userGet counts first, and without a match answers [] alone
            return ListResult.uncounted(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());
        }
        return ListResult.page(found.stream().map(user -> selected(user, select)).toList(), p.start());
    }

    /**
     * prepareSelectedAllowedFields: no SELECT, or "*", keeps every field; otherwise the named ones and, for "UF_*",
     * the UF_ ones.
     */
    private static ObjectNode selected(ObjectNode user, List<String> select) {
        if (select.isEmpty() || select.contains("*")) {
            return user;
        }
        boolean userFields = select.contains("UF_*");
        List<String> dropped = new ArrayList<>();
        user.fieldNames().forEachRemaining(name -> {
            if (!select.contains(name) && !(userFields && name.startsWith("UF_"))) {
                dropped.add(name);
            }
        });
        return user.remove(dropped);
    }

    /**
     * user.access (api-reference/common/users/user-access.md): true for an administrator whatever the codes, else
     * whether the user holds one of them (User::hasAccess, CUser::CanAccess); ACCESS that is not a list is one code.
     */
    private static JsonNode access(RestCall call) {
        if (Access.isAdmin(call.caller())) {
            return NODES.booleanNode(true);
        }
        List<String> codes = AccessCodes.requested(call.params().node("ACCESS").orElse(null));
        return NODES.booleanNode(call.portal().store(UserStore.class).get(call.userId())
                .map(user -> AccessCodes.holdsAny(user, codes, call.portal().store(DepartmentStore.class)))
                .orElse(false));
    }

    /** access.name (api-reference/common/system/access-name.md): false without a list of codes, else their names. */
    private static JsonNode accessName(RestCall call) {
        JsonNode access = call.params().node("ACCESS").orElse(null);
        if (access == null || !access.isContainerNode() || access.isEmpty()) {
            return NODES.booleanNode(false);
        }
        ObjectNode names = AccessCodes.names(AccessCodes.requested(access), call.portal().store(UserStore.class));
        return names.isEmpty() ? NODES.arrayNode() : names; // no code named: PHP's empty array
    }
}
