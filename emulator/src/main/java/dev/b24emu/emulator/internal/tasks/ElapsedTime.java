package dev.b24emu.emulator.internal.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Time spent on tasks (task.elapseditem.*, specs/DECISIONS.md D175), as CTaskElapsedItem and CTaskElapsedTime keep
 * it: an entry by a member of the task (its assignee, a participant, an administrator), its minutes the rounded
 * seconds, its source a person's entry; a list filtered and ordered by the columns the manifest allows.
 */
public final class ElapsedTime {
    /** the manifest's writable keys of task.elapseditem.add (MINUTES is read only) */
    public static final List<String> WRITABLE = List.of("USER_ID", "COMMENT_TEXT", "SECONDS", "SOURCE", "CREATED_DATE",
            "DATE_START", "DATE_STOP");
    public static final List<String> SORTABLE = List.of("ID", "TASK_ID", "USER_ID", "SECONDS", "MINUTES",
            "CREATED_DATE", "DATE_START", "DATE_STOP");
    public static final List<String> FILTERABLE = List.of("ID", "TASK_ID", "USER_ID", "CREATED_DATE");
    /** the readable keys, in the order the manifest lists them and the answer writes them */
    public static final List<String> READABLE = List.of("ID", "TASK_ID", "USER_ID", "COMMENT_TEXT", "SECONDS",
            "MINUTES", "SOURCE", "CREATED_DATE", "DATE_START", "DATE_STOP");
    public static final List<String> DATES = List.of("CREATED_DATE", "DATE_START", "DATE_STOP");
    /** CTaskElapsedItem::SOURCE_MANUAL: what every entry added through REST is */
    private static final int SOURCE_MANUAL = 2;

    private ElapsedTime() {
    }

    /**
     * task.elapseditem.add: a new entry on the task, by the caller when USER_ID is absent or 0; the fields' keys
     * already checked against {@link #WRITABLE}. Only the task's assignee, its participants and an administrator may
     * log time on it (CTaskElapsedTime::CanCurrentUserAdd).
     */
    public static ElapsedItem add(Portal portal, long taskId, long callerId, boolean admin, Map<String, JsonNode> fields) {
        Task task = portal.store(TaskStore.class).get(taskId).orElseThrow(ElapsedTime::taskNotFound);
        if (!admin && callerId != task.responsibleId() && !task.accomplices().contains(callerId)) {
            throw TasksFault.of(4, "ACTION_NOT_ALLOWED", "");
        }
        JsonNode seconds = fields.get("SECONDS");
        if (seconds == null || seconds.isNull()) { // neither SECONDS nor MINUTES: CTaskAssert::assert(false)
            throw TasksFault.core("TASKS_ERROR_ASSERT_EXCEPTION");
        }
        long given = fields.containsKey("USER_ID") ? Params.phpInt(fields.get("USER_ID")) : 0;
        long secs = Params.phpInt(seconds);
        String now = portal.isoNow();
        ElapsedStore store = portal.store(ElapsedStore.class);
        // each date the time of the call unless given: CTaskElapsedTime::Add makes DATE_START and DATE_STOP with
        // DateTime::createFromUserTime, which reads nothing given as now, as it does CREATED_DATE
        ElapsedItem item = new ElapsedItem(store.nextId(), taskId, given == 0 ? callerId : given,
                text(fields.get("COMMENT_TEXT")), secs, Math.round(secs / 60.0), SOURCE_MANUAL,
                dateOr(portal, fields.get("CREATED_DATE"), now), dateOr(portal, fields.get("DATE_START"), now),
                dateOr(portal, fields.get("DATE_STOP"), now));
        store.put(item);
        return item;
    }

    /** The task an entry of task.elapseditem.get or .getlist names, or TE_TASK_NOT_FOUND_OR_NOT_ACCESSIBLE. */
    public static Task task(Portal portal, long taskId) {
        return portal.store(TaskStore.class).get(taskId).orElseThrow(ElapsedTime::taskNotFound);
    }

    private static RestError taskNotFound() {
        return TasksFault.of(1, "TASK_NOT_FOUND_OR_NOT_ACCESSIBLE", "Task not found or not accessible");
    }

    /**
     * The entries the filter keeps, in the order asked (ID ascending without one): a key of {@link #FILTERABLE} after
     * its operator (!, <, <=, >, >=; none is equality), a list of values any of them; a date compared as a moment.
     */
    public static List<ElapsedItem> find(Portal portal, Map<String, JsonNode> filter, Map<String, JsonNode> order) {
        Predicate<ElapsedItem> kept = item -> true;
        for (Map.Entry<String, JsonNode> condition : filter.entrySet()) {
            kept = kept.and(condition(portal, condition.getKey(), condition.getValue()));
        }
        Comparator<ElapsedItem> sorted = null;
        for (Map.Entry<String, JsonNode> by : order.entrySet()) {
            Comparator<ElapsedItem> one = Comparator.comparingLong(column(by.getKey()));
            if (Params.scalarText(by.getValue()).orElse("").equalsIgnoreCase("desc")) {
                one = one.reversed();
            }
            sorted = sorted == null ? one : sorted.thenComparing(one);
        }
        Comparator<ElapsedItem> byId = Comparator.comparingLong(ElapsedItem::id);
        return portal.store(ElapsedStore.class).all().stream().filter(kept)
                .sorted(sorted == null ? byId : sorted.thenComparing(byId)).toList();
    }

    private static Predicate<ElapsedItem> condition(Portal portal, String key, JsonNode value) {
        String operator = key.replaceAll("[A-Z_]+$", "");
        ToLongFunction<ElapsedItem> column = column(key.substring(operator.length()));
        boolean date = DATES.contains(key.substring(operator.length()));
        List<Long> wanted = new ArrayList<>();
        for (String each : Params.scalars(value)) {
            Optional<Long> number = date ? PhpDates.strtotime(each, portal.settings().timeZone()).map(Instant::getEpochSecond)
                    : Optional.of(Params.phpInt(com.fasterxml.jackson.databind.node.TextNode.valueOf(each)));
            number.ifPresent(wanted::add); // a date strtotime cannot read is '', which no row equals or passes
        }
        return item -> {
            long actual = column.applyAsLong(item);
            boolean any = wanted.stream().anyMatch(w -> switch (operator) {
                case "<" -> actual < w;
                case "<=" -> actual <= w;
                case ">" -> actual > w;
                case ">=" -> actual >= w;
                default -> actual == w;
            });
            return operator.equals("!") ? !any && !wanted.isEmpty() : any;
        };
    }

    /** A column as a number to compare: an ID, the seconds or minutes, a date as epoch seconds (none the earliest). */
    private static ToLongFunction<ElapsedItem> column(String key) {
        return switch (key.toUpperCase(Locale.ROOT)) {
            case "TASK_ID" -> ElapsedItem::taskId;
            case "USER_ID" -> ElapsedItem::userId;
            case "SECONDS" -> ElapsedItem::seconds;
            case "MINUTES" -> ElapsedItem::minutes;
            case "CREATED_DATE" -> item -> epoch(item.createdDate());
            case "DATE_START" -> item -> epoch(item.dateStart());
            case "DATE_STOP" -> item -> epoch(item.dateStop());
            default -> ElapsedItem::id;
        };
    }

    private static long epoch(String iso) {
        return iso == null ? Long.MIN_VALUE : OffsetDateTime.parse(iso).toEpochSecond();
    }

    /** A date written to an entry, as createFromUserTime reads it: none when absent, empty or unreadable. */
    private static String dateOr(Portal portal, JsonNode given, String otherwise) {
        return given == null ? otherwise : Params.scalarText(given).flatMap(text ->
                PhpDates.strtotime(text, portal.settings().timeZone())).map(portal::iso).orElse(otherwise);
    }

    private static String text(JsonNode given) {
        return given == null || given.isNull() ? "" : Params.scalarText(given).orElse("Array");
    }
}
