package dev.b24emu.emulator.internal.im.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.im.ImUsers;
import dev.b24emu.emulator.internal.im.MessengerStructure;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Department;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The messenger's users and structure (CIMRestService::userGet, userList, departmentGet, departmentColleaguesList;
 * specs/DECISIONS.md D185): the caller or other users as the messenger describes them, the departments named with
 * their heads, and the caller's colleagues, what a call card widget or a click-to-call app shows of the operator.
 */
final class ImUserMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final RestError INVALID_FORMAT = RestError.of("INVALID_FORMAT", "A wrong format for the ID field is passed");
    /** Department::getStructure answers at most this many departments (its array_slice's default limit) */
    private static final int DEPARTMENTS = 50;
    /** departmentColleaguesList's page: LIMIT, 10 without one, never above 50 */
    private static final int COLLEAGUES = 10;
    private static final int MAX_COLLEAGUES = 50;

    private ImUserMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("im.user.get", ImUserMethods::user)
                .add("im.user.list.get", ImUserMethods::users)
                .add("im.department.get", ImUserMethods::departments)
                .add("im.department.colleagues.list", ImUserMethods::colleagues);
    }

    /**
     * The caller, or ID's user (intval: 0 or less ID_EMPTY, a user the portal lacks USER_NOT_EXISTS), inactive ones too;
     * avatar_hr with AVATAR_HR Y, then desktop_last_date (false: no desktop application is online).
     */
    private static JsonNode user(RestCall call) {
        Params params = call.params();
        long id = call.userId();
        if (params.has("ID")) { // isset: absent or null is the caller
            id = params.phpInt("ID");
            if (id <= 0) {
                throw RestError.of("ID_EMPTY", "User ID can't be empty");
            }
        }
        JsonNode view = ImUsers.of(call.portal(), id);
        if (view.isNull()) {
            throw RestError.of("USER_NOT_EXISTS", "User is not exists");
        }
        return withAvatarHr((ObjectNode) view, params).put("desktop_last_date", false);
    }

    /**
     * {"id": user} for each ID in the order given, null for a user the portal lacks; RESULT_TYPE "array" (any case) a
     * list of the same. ID as the department methods read it; none: INVALID_FORMAT.
     */
    private static JsonNode users(RestCall call) {
        Params params = call.params();
        Set<Long> ids = IdList.of(params);
        if (ids.isEmpty()) {
            throw INVALID_FORMAT;
        }
        ObjectNode byId = NODES.objectNode();
        for (long id : ids) {
            JsonNode view = ImUsers.of(call.portal(), id);
            byId.set(Long.toString(id), view.isNull() ? view : withAvatarHr((ObjectNode) view, params));
        }
        if (params.text("RESULT_TYPE").orElse("").toLowerCase(Locale.ROOT).equals("array")) {
            ArrayNode list = NODES.arrayNode();
            byId.forEach(list::add);
            return list;
        }
        return byId;
    }

    /** AVATAR_HR Y adds the large photo's address: "", as the emulator keeps no photos. */
    private static ObjectNode withAvatarHr(ObjectNode view, Params params) {
        return params.isY("AVATAR_HR") ? view.put("avatar_hr", "") : view;
    }

    /**
     * The departments ID names, in the structure's order and not the request's, at most 50; one the portal lacks is
     * left out. With USER_DATA Y, manager_user_data: the head as the messenger describes them, the caller where the
     * department has no head (getInstance(0) is the current user), null for a head no longer there.
     */
    private static JsonNode departments(RestCall call) {
        Set<Long> ids = IdList.of(call.params());
        if (ids.isEmpty()) {
            throw INVALID_FORMAT;
        }
        boolean userData = call.params().isY("USER_DATA");
        Portal portal = call.portal();
        MessengerStructure structure = MessengerStructure.of(portal);
        List<Department> asked = structure.departments().stream().filter(d -> ids.contains(d.id())).limit(DEPARTMENTS)
                .toList();
        Map<Long, String> fullNames = structure.fullNames(asked);
        ArrayNode result = NODES.arrayNode();
        asked.forEach(department -> {
            long head = department.head() == null ? 0 : department.head();
            ObjectNode entry = result.addObject().put("id", department.id()).put("name", department.name())
                    .put("full_name", fullNames.get(department.id())).put("manager_user_id", head);
            if (userData) {
                entry.set("manager_user_data", ImUsers.of(portal, head > 0 ? head : call.userId()));
            }
        });
        return result;
    }

    /**
     * The caller's colleagues (MessengerStructure.colleagues), a page of LIMIT (10, at most 50) from start or else
     * OFFSET, with total, and next while more remain.
     */
    private static ListResult colleagues(RestCall call) {
        Portal portal = call.portal();
        List<Long> all = MessengerStructure.of(portal).colleagues(call.userId());
        Params params = call.params();
        long start = params.start(); // the REST engine's start: the lower-case key only
        long offset = start > 0 ? start : Math.max(0, params.phpInt("OFFSET"));
        long limit = params.node("LIMIT").isPresent() ? Math.min(params.phpInt("LIMIT"), MAX_COLLEAGUES) : COLLEAGUES;
        List<Long> page = slice(all, offset, limit);
        boolean userData = params.isY("USER_DATA");
        ArrayNode result = NODES.arrayNode();
        page.forEach(id -> result.add(userData ? ImUsers.of(portal, id) : NODES.numberNode(id)));
        long next = offset + page.size();
        return new ListResult(result, next < all.size() ? (int) next : null, all.size());
    }

    /** PHP's array_slice: a negative length stops that many before the end. */
    private static List<Long> slice(List<Long> all, long offset, long length) {
        int from = (int) Math.min(offset, all.size());
        long end = length >= 0 ? Math.min(all.size(), from + length) : all.size() + length;
        return end <= from ? List.of() : all.subList(from, (int) end);
    }
}
