package dev.b24emu.emulator.internal.tasks.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.tasks.ElapsedItem;
import dev.b24emu.emulator.internal.tasks.ElapsedStore;
import dev.b24emu.emulator.internal.tasks.ElapsedTime;
import dev.b24emu.emulator.internal.tasks.TasksFault;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * task.elapseditem.getlist, .get and .add (specs/DECISIONS.md D175), the legacy task.* convention of
 * CTaskRestService: the arguments are the parameters' values in the order sent, whatever their names (TASKID,
 * ORDER, FILTER… or order, filter), checked against CTaskElapsedItem's manifest as _parseRestParams checks them.
 * Every value of an entry is a string, its dates ISO 8601; a list without a task is a page of 50 with total and next.
 */
final class ElapsedItemMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CLASS = "ctaskelapseditem";
    private static final int PAGE = 50;
    /** _parseRestParams strips these from a filter's keys (str_replace, in this order) before it checks them */
    private static final List<String> FILTER_PREFIXES = List.of("!", "<=", "<", ">=", ">");
    private static final Set<String> AGGREGATIONS = Set.of("MAX", "MIN", "COUNT", "SUM", "AVG");
    private static final Set<String> AGGREGATABLE = Set.of("ID", "USER_ID", "SECONDS", "MINUTES");

    void register(MethodTable methods) {
        methods.add("task.elapseditem.getlist", ElapsedItemMethods::getList)
                .add("task.elapseditem.get", ElapsedItemMethods::get)
                .add("task.elapseditem.add", ElapsedItemMethods::add);
    }

    /** getlist(taskId, order, filter, select, params): a first argument that is an array means all tasks (0 first). */
    private static ListResult getList(RestCall call) {
        List<JsonNode> args = arguments(call);
        if (!args.isEmpty() && args.get(0).isContainerNode()) {
            args.add(0, IntNode.valueOf(0));
        }
        long taskId = args.isEmpty() ? 0 : integer(args, 0, "taskId", "getlist");
        Map<String, JsonNode> order = keyed(args, 1, "order", "getlist", ElapsedTime.SORTABLE, List.of());
        Map<String, JsonNode> filter = keyed(args, 2, "filter", "getlist", ElapsedTime.FILTERABLE, FILTER_PREFIXES);
        List<String> select = select(call, args);
        Map<String, JsonNode> params = keyed(args, 4, "params", "getlist", List.of("NAV_PARAMS"), List.of());
        Portal portal = call.portal();
        boolean byTask = taskId != 0;
        if (byTask) {
            ElapsedTime.task(portal, taskId);
            filter.put("TASK_ID", LongNode.valueOf(taskId));
        }
        JsonNode nav = params.get("NAV_PARAMS");
        long size;
        long offset = 0;
        if (nav != null && nav.isContainerNode()) {
            size = nav.has("nPageSize") ? Math.min(PAGE, Params.phpInt(nav.get("nPageSize"))) : PAGE;
            long page = nav.has("iNumPage") ? Params.phpInt(nav.get("iNumPage")) : 0;
            offset = page > 0 ? (page - 1) * Math.max(0, size) : 0;
        } else {
            size = byTask ? 0 : PAGE; // a task's entries all at once, everyone's by pages of 50
        }
        List<ElapsedItem> found = ElapsedTime.find(portal, filter, order);
        ArrayNode rows = NODES.arrayNode();
        found.stream().skip(offset).limit(size > 0 ? size : Long.MAX_VALUE).forEach(item -> rows.add(row(item, select)));
        long next = offset + rows.size();
        return new ListResult(rows, next < found.size() ? (int) next : null, found.size());
    }

    /** get(taskId, itemId): the entry by its ID, of whichever task (fetchDataFromDb reads the ID alone). */
    private static JsonNode get(RestCall call) {
        List<JsonNode> args = arguments(call);
        mandatory(args, 2, "get", "taskId", "itemId");
        long taskId = integer(args, 0, "taskId", "get");
        long itemId = integer(args, 1, "itemId", "get");
        ElapsedTime.task(call.portal(), taskId);
        return call.portal().store(ElapsedStore.class).get(itemId).map(item -> row(item, List.of()))
                .orElseThrow(() -> TasksFault.core("TASKS_ERROR_UNKNOWN"));
    }

    /** add(taskId, fields): the new entry's ID. */
    private static JsonNode add(RestCall call) {
        List<JsonNode> args = arguments(call);
        mandatory(args, 2, "add", "taskId", "fields");
        long taskId = integer(args, 0, "taskId", "add");
        Map<String, JsonNode> fields = keyed(args, 1, "fields", "add", ElapsedTime.WRITABLE, List.of());
        Portal portal = call.portal();
        ElapsedItem item = portal.exclusive(() -> ElapsedTime.add(portal, taskId, call.userId(),
                Access.isAdmin(call.caller()), fields));
        return LongNode.valueOf(item.id());
    }

    /** The parameters' values in the order sent (CTaskRestService::__callStatic), start taken out by the REST server. */
    private static List<JsonNode> arguments(RestCall call) {
        List<JsonNode> args = new ArrayList<>();
        call.params().tree().fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals("start")) {
                args.add(entry.getValue());
            }
        });
        return args;
    }

    private static void mandatory(List<JsonNode> args, int count, String method, String... names) {
        if (args.size() < count) {
            int missing = args.size();
            throw TasksFault.wrongArguments("Param #" + missing + " (" + names[missing] + ") expected by method " + CLASS
                    + "::" + method + "(), but not given.");
        }
    }

    /** An integer argument (CTaskAssert::isLaxIntegers: an integer or its digits). */
    private static long integer(List<JsonNode> args, int index, String name, String method) {
        JsonNode value = args.get(index);
        boolean lax = value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?[0-9]+");
        if (!lax) {
            throw wrongType(index, name, method, "integer");
        }
        return Params.phpInt(value);
    }

    /**
     * An array argument whose keys must be among the allowed ones once the prefixes are stripped (case counts), a key
     * 0 with an empty value dropped ("skip this argument"); empty when not given.
     */
    private static Map<String, JsonNode> keyed(List<JsonNode> args, int index, String name, String method,
                                               List<String> allowed, List<String> prefixes) {
        Map<String, JsonNode> keyed = new LinkedHashMap<>();
        if (index >= args.size()) {
            return keyed;
        }
        JsonNode value = args.get(index);
        ObjectNode array = Params.phpArray(value).orElseThrow(() -> wrongType(index, name, method, "array"));
        array.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            if (key.equals("0") && (entry.getValue().isNull() || entry.getValue().asText().isEmpty()
                    && entry.getValue().isValueNode())) {
                return;
            }
            String bare = key;
            for (String prefix : prefixes) {
                bare = bare.replace(prefix, "");
            }
            if (!allowed.contains(bare)) {
                throw TasksFault.wrongArguments("Param #" + index + " (" + name + ") for method " + CLASS + "::"
                        + method + "() must not contain key \"" + key + "\".");
            }
            keyed.put(key, entry.getValue());
        });
        return keyed;
    }

    /**
     * select: '', '*', a readable key, or an aggregate of one (SECONDS_SUM); the columns asked for, none for all. An
     * aggregate is accepted as the server accepts it, but the emulator computes none: reported.
     */
    private static List<String> select(RestCall call, List<JsonNode> args) {
        List<String> columns = new ArrayList<>();
        if (args.size() <= 3) {
            return columns;
        }
        ObjectNode select = Params.phpArray(args.get(3)).orElseThrow(() -> wrongType(3, "select", "getlist", "array"));
        for (JsonNode each : select) {
            String value = each.isNull() || each.isBoolean() ? null : Params.scalarText(each).orElse("Array");
            boolean aggregate = value != null && value.lastIndexOf('_') > 0
                    && AGGREGATIONS.contains(value.substring(value.lastIndexOf('_') + 1))
                    && AGGREGATABLE.contains(value.substring(0, value.lastIndexOf('_')));
            if (value == null || !(value.isEmpty() || value.equals("*") || ElapsedTime.READABLE.contains(value)
                    || aggregate)) {
                throw TasksFault.wrongArguments("Param #3 (select) for method " + CLASS + "::getlist() must not contain"
                        + " value \"" + (value == null ? "" : value) + "\".");
            }
            if (aggregate) {
                call.limitation("select " + value + ": the emulator computes no aggregate of time entries; the rows are"
                        + " answered without it");
            } else if (value.equals("*")) {
                return List.of();
            } else if (!value.isEmpty()) {
                columns.add(value);
            }
        }
        return columns;
    }

    private static RestError wrongType(int index, String name, String method, String type) {
        return TasksFault.wrongArguments("Param #" + index + " (" + name + ") for method " + CLASS + "::" + method
                + "() expected to be of type \"" + type + "\", but given something else.");
    }

    /** An entry as the manifest's readable keys give it, in their order: strings, dates ISO 8601 or "". */
    private static ObjectNode row(ElapsedItem item, List<String> select) {
        ObjectNode row = NODES.objectNode();
        for (String key : ElapsedTime.READABLE) {
            if (!select.isEmpty() && !select.contains(key)) {
                continue;
            }
            row.put(key, switch (key) {
                case "ID" -> Long.toString(item.id());
                case "TASK_ID" -> Long.toString(item.taskId());
                case "USER_ID" -> Long.toString(item.userId());
                case "COMMENT_TEXT" -> item.commentText();
                case "SECONDS" -> Long.toString(item.seconds());
                case "MINUTES" -> Long.toString(item.minutes());
                case "SOURCE" -> Integer.toString(item.source());
                case "CREATED_DATE" -> item.createdDate();
                case "DATE_START" -> item.dateStart() == null ? "" : item.dateStart();
                default -> item.dateStop() == null ? "" : item.dateStop();
            });
        }
        return row;
    }
}
