package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.CallViews;
import dev.b24emu.emulator.internal.telephony.FinishedCall;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The portal's call statistics (voximplant.statistic.get): a record for every call that ended, external calls at
 * telephony.externalCall.finish and built-in ones when they end, bounded like the telephony store's finished calls.
 * Indexed for the filters clients use: by ID and CALL_START_DATE (ranges) and by CALL_ID, PORTAL_USER_ID, CALL_TYPE,
 * PHONE_NUMBER, PORTAL_NUMBER and CALL_FAILED_CODE (equality), so a filtered page of 100,000 records reads only the
 * records an index leaves. State files keep the built-in records; the external ones are rebuilt from the telephony
 * store's finished calls, which state files keep already.
 */
public final class CallStatistics implements Store<CallStatistics.Snapshot> {
    /** The fields an equality index exists for. */
    private static final List<StatField> HASHED = List.of(StatField.CALL_ID, StatField.PORTAL_USER_ID,
            StatField.CALL_TYPE, StatField.PHONE_NUMBER, StatField.PORTAL_NUMBER, StatField.CALL_FAILED_CODE);

    private final Portal portal;
    private final int capacity;
    /**
     * what the texts of the records weigh, in bytes at two a character, and its bound (D122, guarded by the lock):
     * a record shares its texts with the finished call it copies, and kept them alive after the telephony store's
     * weight dropped that call
     */
    private long textBytes;
    private final long maxTextBytes;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** the records by ID, in ID order */
    private final IdList rows = new IdList(true);
    /** maps an indexed field to its values (Long, or lower-cased text) and the IDs of the records that have them */
    private final Map<StatField, Map<Object, IdList>> hashed = new EnumMap<>(StatField.class);
    /** the records by CALL_START_DATE, then ID */
    private final TreeSet<StartKey> byStart = new TreeSet<>();
    /**
     * whether {@link #hashed} and {@link #byStart} hold the records: built by the first page asked for, kept from then
     * on. Until a client reads the statistics, a finished call costs no index upkeep (a twentieth of a register →
     * finish → search mix's time, by its profile).
     */
    private volatile boolean indexed;

    private record StartKey(long epochSecond, long id) implements Comparable<StartKey> {
        @Override
        public int compareTo(StartKey other) {
            int order = Long.compare(epochSecond, other.epochSecond);
            return order != 0 ? order : Long.compare(id, other.id);
        }
    }

    /** A page of matching records, and how many match in all. */
    public record Page(List<StatRow> rows, int total) {
    }

    /** What state files keep: the records of built-in calls (external ones come back with the telephony store). */
    public record Snapshot(List<StatRow> builtIn) {
    }

    public CallStatistics(Portal portal, int capacity, long maxTextBytes) {
        this.portal = portal;
        this.capacity = Math.max(1, capacity);
        this.maxTextBytes = maxTextBytes;
        HASHED.forEach(field -> hashed.put(field, new HashMap<>()));
    }

    /** Adds a record; the oldest go when the portal's bound is passed. */
    public void add(StatRow row) {
        write(() -> {
            put(row);
            trim();
            return null;
        });
    }

    /** Drops the oldest records beyond the count, and beyond the weight all but the newest. */
    private void trim() {
        while (rows.size() > capacity || (textBytes > maxTextBytes && rows.size() > 1)) {
            StatRow oldest = (StatRow) rows.value(0);
            rows.remove(oldest.id());
            textBytes -= weight(oldest);
            unindex(oldest);
        }
    }

    /** The texts a client or a call gave the record (numbers, IDs, reasons, URLs, the log), at two bytes a character. */
    private static long weight(StatRow row) {
        return 2L * (length(row.callId()) + length(row.externalCallId()) + length(row.portalNumber())
                + length(row.phoneNumber()) + length(row.callLog()) + length(row.recordUrl())
                + length(row.costCurrency()) + length(row.failedCode()) + length(row.failedReason()));
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }

    /** Whether a built-in call with the CALL_ID ended: attachRecord and attachTranscription take it, as the server does. */
    public boolean has(String callId) {
        return read(() -> {
            for (int i = rows.size() - 1; i >= 0; i--) {
                if (((StatRow) rows.value(i)).callId().equals(callId)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Every record, oldest first (the control API's view of calls). */
    public List<StatRow> all() {
        return read(() -> {
            List<StatRow> all = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                all.add((StatRow) rows.value(i));
            }
            return all;
        });
    }

    /** The records a query keeps, in its order, from {@code start} on; {@code size} at most. */
    public Page page(FilterQuery<StatField> query, StatLookup lookup, int start, int size) {
        if (!indexed) {
            write(() -> {
                if (!indexed) {
                    for (int i = 0; i < rows.size(); i++) {
                        index((StatRow) rows.value(i));
                    }
                    indexed = true;
                }
                return null;
            });
        }
        List<StatRow> matching = read(() -> {
            List<FilterQuery.Condition<StatField>> answered = new ArrayList<>();
            long[] candidates = candidates(query, answered);
            FilterQuery<StatField> joined = query.only(StatField::ofBinding);
            answered.addAll(joined.conditions());
            FilterQuery<StatField> rest = query.without(answered);
            BiFunction<StatField, StatRow, Object> value = (field, row) -> field.value(row, lookup);
            List<StatRow> found = new ArrayList<>();
            int position = 0;
            for (long id : candidates) {
                int at = rows.indexOf(id, position);
                if (at < 0) {
                    continue; // gone with the bound
                }
                position = at;
                StatRow row = (StatRow) rows.value(at);
                if (rest.matches(row, value) && bound(joined, row, lookup)) {
                    found.add(row);
                }
            }
            return found;
        });
        if (!query.keepsOrder(StatField.ID)) {
            matching.sort(query.order((field, row) -> field.value(row, lookup), Comparator.comparingLong(StatRow::id)));
        }
        int from = (int) Math.min(matching.size(), Math.max(0L, start));
        int to = (int) Math.min(matching.size(), (long) from + size);
        return new Page(List.copyOf(matching.subList(from, to)), matching.size());
    }

    /**
     * Whether one of the record's CRM bindings meets every condition on them (the ORM joins CRM_BINDINGS once, so
     * ENTITY_TYPE and ENTITY_ID hold of the same binding); a record without any is the left join's empty row.
     */
    private static boolean bound(FilterQuery<StatField> joined, StatRow row, StatLookup lookup) {
        if (joined.conditions().isEmpty()) {
            return true;
        }
        List<CrmRef> bindings = lookup.bindings(row);
        if (bindings.isEmpty()) {
            return joined.matches(field -> field.binding(null));
        }
        for (CrmRef ref : bindings) {
            if (joined.matches(field -> field.binding(ref))) {
                return true;
            }
        }
        return false;
    }

    private StatRow row(long id) {
        int at = rows.indexOf(id);
        return at < 0 ? null : (StatRow) rows.value(at);
    }

    /**
     * The IDs (ascending) that can match: those every equality index of the query holds, within its ID range; else
     * its CALL_START_DATE range; else every record. The equality conditions the indexes answered exactly are added
     * to {@code answered}; each candidate is still checked against the others.
     */
    private long[] candidates(FilterQuery<StatField> query, List<FilterQuery.Condition<StatField>> answered) {
        long[] indexed = null;
        long fromId = Long.MIN_VALUE;
        long toId = Long.MAX_VALUE;
        Instant fromDate = null;
        Instant toDate = null;
        for (FilterQuery.Condition<StatField> condition : query.conditions()) {
            FilterQuery.Op op = condition.op();
            List<Object> values = condition.values();
            if (op == FilterQuery.Op.EQ && hashed.containsKey(condition.field())) {
                long[] ids = lookUp(condition.field(), values);
                if (ids != null) {
                    indexed = indexed == null ? ids : IdList.intersect(indexed, ids);
                    answered.add(condition);
                }
            } else if (condition.field() == StatField.ID && values.stream().allMatch(Long.class::isInstance)) {
                long low = values.stream().mapToLong(v -> (Long) v).min().orElse(0);
                long high = values.stream().mapToLong(v -> (Long) v).max().orElse(0);
                switch (op) {
                    case EQ, BETWEEN -> {
                        fromId = Math.max(fromId, low);
                        toId = Math.min(toId, high);
                    }
                    case GT -> fromId = Math.max(fromId, low == Long.MAX_VALUE ? low : low + 1);
                    case GE -> fromId = Math.max(fromId, low);
                    case LT -> toId = Math.min(toId, high == Long.MIN_VALUE ? high : high - 1);
                    case LE -> toId = Math.min(toId, high);
                    default -> { }
                }
            } else if (condition.field() == StatField.CALL_START_DATE && values.stream().allMatch(Instant.class::isInstance)) {
                Instant low = values.stream().map(Instant.class::cast).min(Instant::compareTo).orElseThrow();
                Instant high = values.stream().map(Instant.class::cast).max(Instant::compareTo).orElseThrow();
                switch (op) {
                    case BETWEEN -> {
                        fromDate = later(fromDate, low);
                        toDate = earlier(toDate, high);
                    }
                    case GT, GE -> fromDate = later(fromDate, low);
                    case LT, LE -> toDate = earlier(toDate, high);
                    default -> { }
                }
            }
        }
        if (fromId > toId) {
            return new long[0];
        }
        if (indexed != null) {
            return within(indexed, fromId, toId);
        }
        if (fromId != Long.MIN_VALUE || toId != Long.MAX_VALUE) {
            return rows.range(rows.lowerBound(fromId), toId == Long.MAX_VALUE ? rows.size() : rows.lowerBound(toId + 1));
        }
        if (fromDate != null || toDate != null) {
            StartKey low = new StartKey(fromDate == null ? Long.MIN_VALUE : fromDate.getEpochSecond(), Long.MIN_VALUE);
            StartKey high = new StartKey(toDate == null ? Long.MAX_VALUE : toDate.getEpochSecond(), Long.MAX_VALUE);
            if (low.compareTo(high) > 0) {
                return new long[0];
            }
            long[] ids = byStart.subSet(low, true, high, true).stream().mapToLong(StartKey::id).toArray();
            Arrays.sort(ids);
            return ids;
        }
        return rows.toArray();
    }

    private static long[] within(long[] ids, long from, long to) {
        if (from == Long.MIN_VALUE && to == Long.MAX_VALUE) {
            return ids;
        }
        return Arrays.stream(ids).filter(id -> id >= from && id <= to).toArray();
    }

    /**
     * The IDs with any of the values, or null when a value cannot be looked up (null, "", unreadable). A value given
     * many times is looked up once, and the lists found are joined and sorted once, not merged per value (two million
     * values once took a minute and a half).
     */
    private long[] lookUp(StatField field, List<Object> values) {
        Map<Object, IdList> index = hashed.get(field);
        Set<Object> keys = new HashSet<>();
        List<long[]> found = new ArrayList<>();
        int total = 0;
        for (Object value : values) {
            Object key = key(field, value);
            if (key == null) {
                return null;
            }
            IdList ids = keys.add(key) ? index.get(key) : null;
            if (ids != null) {
                long[] some = ids.toArray();
                found.add(some);
                total += some.length;
            }
        }
        long[] union = new long[total];
        int at = 0;
        for (long[] some : found) {
            System.arraycopy(some, 0, union, at, some.length);
            at += some.length;
        }
        if (found.size() < 2) {
            return union;
        }
        Arrays.sort(union); // a record has one value of a field, so the lists are disjoint; kept exact regardless
        return Arrays.stream(union).distinct().toArray();
    }

    /** The index key of a value: a Long for numbers, lower-cased text; null for what no index holds. */
    private static Object key(StatField field, Object value) {
        if (field.kind() == FilterQuery.Field.Kind.TEXT) {
            return value instanceof String text && !text.isEmpty() ? text.toLowerCase(Locale.ROOT) : null;
        }
        return value instanceof Long ? value : null;
    }

    private void put(StatRow row) {
        StatRow previous = row(row.id());
        if (previous != null) {
            unindex(previous);
            textBytes -= weight(previous);
        }
        rows.put(row.id(), row);
        textBytes += weight(row);
        if (indexed) {
            index(row);
        }
    }

    private void index(StatRow row) {
        for (StatField field : HASHED) {
            Object key = key(field, field.value(row, StatLookup.NONE));
            if (key != null) {
                hashed.get(field).computeIfAbsent(key, k -> new IdList(false)).put(row.id(), null);
            }
        }
        byStart.add(new StartKey(row.startDate().getEpochSecond(), row.id()));
    }

    private void unindex(StatRow row) {
        if (!indexed) {
            return;
        }
        for (StatField field : HASHED) {
            Object key = key(field, field.value(row, StatLookup.NONE));
            if (key != null) {
                hashed.get(field).computeIfPresent(key, (k, ids) -> {
                    ids.remove(row.id());
                    return ids.size() == 0 ? null : ids;
                });
            }
        }
        byStart.remove(new StartKey(row.startDate().getEpochSecond(), row.id()));
    }

    /** The record of a finished external call (telephony.externalCall.finish). */
    public static StatRow external(FinishedCall finished) {
        Call call = finished.call();
        return new StatRow(finished.id(), call.callId(), call.externalCallId(), call.crm() ? "external" : "internal",
                finished.portalUserId(), CallViews.portalNumber(call), call.phoneNumber(), call.type(), finished.duration(),
                call.startDate(), null, null, finished.vote(), finished.cost(), finished.costCurrency(),
                finished.statusCode(), finished.failedReason(),
                call.primary() == null ? null : call.primary().type().name(),
                call.primary() == null ? null : call.primary().id(), finished.crmActivityId(), call.appKey(), null,
                null, true);
    }

    @Override
    public Snapshot snapshot() {
        return read(() -> new Snapshot(all().stream().filter(row -> !row.external()).toList()));
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.builtIn() == null) {
            throw new StateException("/voximplantStatistics/builtIn: must be a list");
        }
        for (int i = 0; i < snapshot.builtIn().size(); i++) {
            StatRow row = snapshot.builtIn().get(i);
            if (row == null || row.id() <= 0 || row.callId() == null || row.startDate() == null || row.external()
                    || (row.sessionId() != null && !row.sessionId().matches("[0-9]{1,18}"))) {
                throw new StateException("/voximplantStatistics/builtIn/" + i + ": a record needs a positive id, a"
                        + " callId, a startDate and a numeric sessionId or none, and is not external");
            }
        }
    }

    /** Runs after the telephony store was restored (areas restore in order): its finished calls come back too. */
    @Override
    public void restore(Snapshot snapshot) {
        write(() -> {
            clearRows();
            portal.store(TelephonyStore.class).finishedCalls().forEach(finished -> put(external(finished)));
            snapshot.builtIn().forEach(this::put);
            trim();
            return null;
        });
    }

    @Override
    public void clear() {
        write(() -> {
            clearRows();
            return null;
        });
    }

    private void clearRows() {
        rows.clear();
        textBytes = 0;
        hashed.values().forEach(Map::clear);
        byStart.clear();
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
