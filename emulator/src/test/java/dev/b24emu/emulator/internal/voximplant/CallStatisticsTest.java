package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.support.DomainPortals;
import dev.b24emu.emulator.support.FuzzSeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** FILTER, SORT and paging of voximplant.statistic.get on the domain, and the indexes against a plain scan. */
class CallStatisticsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneOffset.ofHours(3);
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String[] PHONES = {"+79990000001", "+79990000002", "74950000000", "+4930123456"};
    private static final String[] CODES = {"200", "304", "486", "603-S", "OTHER"};

    private Portal portal;
    private CallStatistics statistics;

    @BeforeEach
    void setUp() {
        portal = DomainPortals.demo();
        statistics = new CallStatistics(portal, 100_000, Long.MAX_VALUE);
    }

    private static StatRow row(long id, long user, int type, long duration, Instant start, String phone, String code,
                               double cost, String crmType) {
        return new StatRow(id, "externalCall." + String.format("%032x", id) + "." + start.getEpochSecond(), null,
                "external", user == 0 ? null : user, "reg150001", phone, type, duration, start, null, "",
                null, cost, "EUR", code, "", crmType, crmType == null ? null : id, null, null, null, null, false);
    }

    private List<Long> ids(String filter) {
        return ids(filter, null, null);
    }

    private List<Long> ids(String filter, String sort, String order) {
        FilterQuery<StatField> query = FilterQuery.of(StatField.class, json(filter), sort == null ? null : JSON.valueToTree(sort),
                order == null ? null : JSON.valueToTree(order), ZONE);
        return statistics.page(query, StatLookup.NONE, 0, 1000).rows().stream().map(StatRow::id).toList();
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void addTen() {
        for (int i = 1; i <= 10; i++) {
            statistics.add(row(i, i % 3 + 1, i % 2 + 1, i * 10L, T0.plusSeconds(3600L * i), PHONES[i % PHONES.length],
                    CODES[i % CODES.length], i / 4.0, i % 2 == 0 ? "CONTACT" : null));
        }
    }

    /**
     * What checkStatisticFilter keeps beyond the documented fields (audit 60d): the table's columns (INCOMING,
     * CALL_WEBDAV_ID, HAS_RECORD), CRM_BINDINGS.ENTITY_TYPE / ENTITY_ID of one and the same binding, sub-filters
     * joined with AND, dates as strtotime reads them, and a SORT with spaces about it.
     */
    @Test
    void whatTheServersFilterKeepsBeyondThePage() {
        addTen();
        // rows 2, 4, 6, 8, 10 have a CONTACT (their own ID), row 4 also a COMPANY 7; row 6 is an external call's,
        // with a record file
        StatRow six = row(6);
        statistics.add(new StatRow(6, six.callId(), null, "external", six.portalUserId(), six.portalNumber(),
                six.phoneNumber(), six.callType(), six.duration(), six.startDate(), null, null, null, six.cost(), "EUR",
                six.failedCode(), "", six.crmEntityType(), six.crmEntityId(), null, "", null, null, true));
        StatLookup lookup = new StatLookup() {
            public Long recordFileId(String callId) { return callId.equals(six.callId()) ? 600L : null; }
            public String recordUrl(String callId) { return null; }
            public Long transcriptId(String callId) { return null; }
            public String appName(String appKey) { return null; }
            @Override
            public List<CrmRef> bindings(String callId) {
                return callId.equals(six.callId()) ? List.of(new CrmRef(CrmEntityType.CONTACT, 6)) : List.of();
            }
            @Override
            public List<CrmRef> bindings(StatRow row) {
                return row.id() == 4 ? List.of(new CrmRef(CrmEntityType.CONTACT, 4), new CrmRef(CrmEntityType.COMPANY, 7))
                        : StatLookup.super.bindings(row);
            }
        };
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L), ids("{\"INCOMING\": 1}"));
        assertEquals(ids("{\"CALL_TYPE\": 2}"), ids("{\"incoming\": \"2\"}"));
        assertEquals(List.of(6L), ids("{\"HAS_RECORD\": \"Y\"}", lookup));
        assertEquals(List.of(6L), ids("{\"CALL_WEBDAV_ID\": 600}", lookup));
        assertEquals(9, ids("{\"HAS_RECORD\": \"N\"}", lookup).size());
        assertEquals(List.of(4L), ids("{\"CRM_BINDINGS.ENTITY_TYPE\": \"CONTACT\", \"CRM_BINDINGS.ENTITY_ID\": 4}"));
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L), ids("{\"crm_bindings.entity_type\": \"contact\"}", lookup));
        assertEquals(List.of(), ids("{\"CRM_BINDINGS.ENTITY_TYPE\": \"LEAD\", \"CRM_BINDINGS.ENTITY_ID\": 4}"));
        // type and ID of one binding: row 4's CONTACT 4 and COMPANY 7 make no CONTACT 7
        assertEquals(List.of(4L), ids("{\"CRM_BINDINGS.ENTITY_TYPE\": \"COMPANY\", \"CRM_BINDINGS.ENTITY_ID\": 7}", lookup));
        assertEquals(List.of(6L), ids("{\"CRM_BINDINGS.ENTITY_ID\": 6}", lookup)); // an external call's own bindings
        assertEquals(List.of(), ids("{\"CRM_BINDINGS.ENTITY_TYPE\": \"CONTACT\", \"CRM_BINDINGS.ENTITY_ID\": 7}", lookup));
        // a sub-filter (FILTER[0][...]) is more conditions; its LOGIC names no field and is dropped
        assertEquals(ids("{\"CALL_TYPE\": 1, \">CALL_DURATION\": 50}"),
                ids("{\"CALL_TYPE\": 1, \"0\": {\"LOGIC\": \"OR\", \">CALL_DURATION\": 50}}"));
        // FILTER[0][CALL_TYPE]=1 alone, as a form sends it, is a list: each item a sub-filter all the same
        assertEquals(ids("{\"CALL_TYPE\": 1, \">CALL_DURATION\": 50}"),
                ids("[{\"CALL_TYPE\": 1}, {\">CALL_DURATION\": 50}]"));
        // the portal's 01.03.2026 and 2026/03/01 12:00 read in the filter's zone (+03:00), as the ISO form is
        assertEquals(List.of(9L, 10L), ids("{\">=CALL_START_DATE\": \"2026-03-01T12:00:00\"}"));
        assertEquals(List.of(9L, 10L), ids("{\">=CALL_START_DATE\": \"01.03.2026 12:00\"}"));
        assertEquals(List.of(9L, 10L), ids("{\">=CALL_START_DATE\": \"2026/03/01 12:00\"}"));
        assertEquals(List.of(10L, 9L, 8L), ids("{\">CALL_DURATION\": 70}", " CALL_DURATION ", "DESC "));
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L, 1L, 3L, 5L, 7L, 9L), ids(null, "INCOMING", "ASC"));
    }

    private StatRow row(long id) {
        return statistics.all().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    private List<Long> ids(String filter, StatLookup lookup) {
        FilterQuery<StatField> query = FilterQuery.of(StatField.class, json(filter), null, null, ZONE);
        return statistics.page(query, lookup, 0, 1000).rows().stream().map(StatRow::id).toList();
    }

    @Test
    void everyDocumentedOperator() {
        addTen();
        assertEquals(List.of(1L, 7L), ids("{\"ID\": [1, 7]}"));
        assertEquals(List.of(3L), ids("{\"=ID\": 3}"));
        assertEquals(List.of(1L, 2L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), ids("{\"!ID\": 3}"));
        assertEquals(List.of(1L, 2L, 4L, 5L, 7L, 8L, 10L), ids("{\"!=ID\": [3, 6, 9]}"));
        assertEquals(List.of(9L, 10L), ids("{\">CALL_DURATION\": 80}"));
        assertEquals(List.of(8L, 9L, 10L), ids("{\">=CALL_DURATION\": 80}"));
        assertEquals(List.of(1L), ids("{\"<CALL_DURATION\": 20}"));
        assertEquals(List.of(1L, 2L), ids("{\"<=CALL_DURATION\": \"20\"}"));
        assertEquals(List.of(3L, 4L, 5L), ids("{\"><CALL_DURATION\": [30, 50]}"));
        assertEquals(List.of(1L, 2L, 6L, 7L, 8L, 9L, 10L), ids("{\"!><CALL_DURATION\": [30, 50]}"));
        assertEquals(List.of(2L, 6L, 10L), ids("{\"%PHONE_NUMBER\": \"4950\"}"));
        assertEquals(List.of(2L, 6L, 10L), ids("{\"?PHONE_NUMBER\": \"4950\"}"));
        assertEquals(List.of(1L, 3L, 4L, 5L, 7L, 8L, 9L), ids("{\"!%PHONE_NUMBER\": \"4950\"}"));
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L), ids("{\"CRM_ENTITY_TYPE\": \"contact\"}"), "text ignores case");
        assertEquals(List.of(1L, 3L, 5L, 7L, 9L), ids("{\"CRM_ENTITY_TYPE\": null}"), "null matches the empty field");
        assertEquals(List.of(3L, 8L), ids("{\"CALL_FAILED_CODE\": \"603-s\"}"));
        assertEquals(List.of(4L, 8L), ids("{\"COST\": [1, 2.0]}"), "decimals compare as numbers");
        assertEquals(List.of(2L, 5L, 8L), ids("{\"portal_user_id\": 3}"), "keys in any case");
    }

    @Test
    void datesCompareByInstantInAnyZone() {
        addTen();
        // row 3 starts at 03:00Z = 06:00+03:00
        assertEquals(List.of(3L, 4L), ids("{\"><CALL_START_DATE\": [\"2026-03-01T06:00:00+03:00\", \"2026-03-01T04:00:00Z\"]}"));
        assertEquals(List.of(1L, 2L), ids("{\"<CALL_START_DATE\": \"2026-03-01T06:00:00\"}"), "no offset: the zone given");
        assertEquals(List.of(), ids("{\"CALL_START_DATE\": \"yesterday\"}"), "an unreadable date matches nothing");
    }

    @Test
    void unknownKeysAndEmptyListsAreDroppedAndSortingNeedsSortAndOrder() {
        addTen();
        assertEquals(10, ids("{\"@ID\": [1], \"NOPE\": 1, \"ID\": [], \"RECORD_FILE_ID\": 5}").size());
        assertEquals(List.of(10L, 9L, 8L), ids("{\">ID\": 7}", "ID", "DESC"));
        assertEquals(List.of(8L, 9L, 10L), ids("{\">ID\": 7}", "ID", null), "SORT without ORDER sorts nothing");
        assertEquals(List.of(8L, 9L, 10L), ids("{\">ID\": 7}", "id", "DESC"), "SORT must be upper case");
        assertEquals(List.of(8L, 9L, 10L), ids("{\">ID\": 7}", "CALL_TYPE", "DESC"), "CALL_TYPE is not a SORT field");
        assertEquals(List.of(2L, 5L, 8L, 1L, 4L, 7L, 10L, 3L, 6L, 9L),
                ids(null, "PORTAL_USER_ID", "DESC").subList(0, 10), "ties by ID");
    }

    @Test
    void pagesOfFiftyWithTheTotal() {
        for (int i = 1; i <= 120; i++) {
            statistics.add(row(i, 2, 2, i, T0.plusSeconds(i), PHONES[0], "200", 0, null));
        }
        FilterQuery<StatField> query = FilterQuery.of(StatField.class, json("{\"PORTAL_USER_ID\": 2}"), null, null, ZONE);
        CallStatistics.Page last = statistics.page(query, StatLookup.NONE, 100, 50);
        assertEquals(120, last.total());
        assertEquals(20, last.rows().size());
        assertEquals(101, last.rows().get(0).id());
        assertEquals(0, statistics.page(query, StatLookup.NONE, 500, 50).rows().size());
    }

    @Test
    void theOldestRecordsGoAtTheBoundAndLeaveTheIndexes() {
        CallStatistics small = new CallStatistics(portal, 5, Long.MAX_VALUE);
        for (int i = 1; i <= 8; i++) {
            small.add(row(i, 2, 2, 0, T0.plusSeconds(i), PHONES[0], "304", 0, null));
        }
        FilterQuery<StatField> query = FilterQuery.of(StatField.class, json("{\"PHONE_NUMBER\": \"+79990000001\"}"),
                null, null, ZONE);
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L), small.page(query, StatLookup.NONE, 0, 50).rows().stream()
                .map(StatRow::id).toList());
    }

    /** D122: the records' texts are bounded too, the oldest going first; they kept the texts of dropped calls alive. */
    @Test
    void theOldestRecordsGoPastTheWeightOfTheirTexts() {
        CallStatistics light = new CallStatistics(portal, 100, 1_000);
        String phone = "+7" + "1".repeat(127); // with the record's other texts, 200 characters: 400 bytes
        for (int i = 1; i <= 5; i++) {
            light.add(row(i, 2, 2, 0, T0.plusSeconds(i), phone, "304", 0, null));
        }
        assertEquals(List.of(4L, 5L), light.all().stream().map(StatRow::id).toList());
        StatRow heavy = row(6, 2, 2, 0, T0.plusSeconds(6), "+7" + "2".repeat(600), "304", 0, null);
        light.add(heavy);
        assertEquals(List.of(6L), light.all().stream().map(StatRow::id).toList(), "the newest stays, alone");
    }

    /** Random records and random queries: what the indexes select equals a scan of every record. */
    @Test
    void indexesAnswerWhatAScanAnswers() {
        long seed = FuzzSeed.get();
        Random random = new Random(seed);
        List<StatRow> rows = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            StatRow row = randomRow(random, i);
            rows.add(row);
            statistics.add(row);
        }
        answerAsAScan(statistics, rows, random, seed, 300);
    }

    /**
     * The indexes are built by the first page asked for: records added and dropped at the bound after that are
     * indexed and unindexed as they come and go.
     */
    @Test
    void recordsAddedAndDroppedAfterTheFirstPageAreIndexedAsTheyCome() {
        long seed = FuzzSeed.get();
        Random random = new Random(seed);
        CallStatistics bounded = new CallStatistics(portal, 1000, Long.MAX_VALUE);
        List<StatRow> rows = new ArrayList<>();
        for (int phase = 0; phase < 3; phase++) {
            for (int i = 1; i <= 700; i++) {
                StatRow row = randomRow(random, phase * 700 + i);
                rows.add(row);
                bounded.add(row);
            }
            answerAsAScan(bounded, rows.subList(Math.max(0, rows.size() - 1000), rows.size()), random, seed, 100);
        }
    }

    private static StatRow randomRow(Random random, long id) {
        return row(id, random.nextInt(6), 1 + random.nextInt(5), random.nextInt(300),
                T0.plusSeconds(random.nextInt(30 * 86400)), PHONES[random.nextInt(PHONES.length)],
                CODES[random.nextInt(CODES.length)], random.nextInt(400) / 100.0,
                random.nextBoolean() ? "LEAD" : null);
    }

    private static void answerAsAScan(CallStatistics statistics, List<StatRow> rows, Random random, long seed, int queries) {
        String[] sorts = {null, "ID", "CALL_DURATION", "CALL_START_DATE", "PHONE_NUMBER", "COST", "PORTAL_USER_ID"};
        for (int q = 0; q < queries; q++) {
            StringBuilder filter = new StringBuilder("{");
            int conditions = 1 + random.nextInt(3);
            for (int c = 0; c < conditions; c++) {
                filter.append(c == 0 ? "" : ",").append(condition(random, c));
            }
            String sort = sorts[random.nextInt(sorts.length)];
            String order = random.nextBoolean() ? "ASC" : "DESC";
            FilterQuery<StatField> query = FilterQuery.of(StatField.class, json(filter.append("}").toString()),
                    sort == null ? null : JSON.valueToTree(sort), JSON.valueToTree(order), ZONE);
            List<Long> scanned = rows.stream().filter(r -> query.matches(f -> f.value(r, StatLookup.NONE)))
                    .sorted(query.order((f, r) -> f.value(r, StatLookup.NONE), Comparator.comparingLong(StatRow::id)))
                    .map(StatRow::id).toList();
            int start = random.nextInt(3) * 50;
            CallStatistics.Page page = statistics.page(query, StatLookup.NONE, start, 50);
            assertEquals(scanned.size(), page.total(), () -> "seed " + seed + ": " + filter);
            assertEquals(scanned.subList(Math.min(start, scanned.size()), Math.min(start + 50, scanned.size())),
                    page.rows().stream().map(StatRow::id).toList(), () -> "seed " + seed + ": " + filter + " " + sort);
        }
    }

    private static String condition(Random random, int index) {
        String prefix = new String[] {"", "=", "!", ">", ">=", "<", "<=", "!="}[random.nextInt(8)];
        return switch (random.nextInt(7)) {
            case 0 -> "\"" + prefix + "PORTAL_USER_ID\": " + (random.nextBoolean() ? random.nextInt(6)
                    : someOf(random, () -> String.valueOf(random.nextInt(6))));
            case 1 -> "\"" + prefix + "CALL_TYPE\": " + (1 + random.nextInt(5));
            case 2 -> "\"" + prefix + "PHONE_NUMBER\": " + (random.nextBoolean()
                    ? "\"" + PHONES[random.nextInt(PHONES.length)] + "\""
                    : someOf(random, () -> "\"" + PHONES[random.nextInt(PHONES.length)] + "\""));
            case 3 -> "\"" + (random.nextBoolean() ? "><" : "!><") + "CALL_START_DATE\": [\""
                    + T0.plusSeconds(random.nextInt(15 * 86400)) + "\", \"" + T0.plusSeconds(15L * 86400 + random.nextInt(15 * 86400)) + "\"]";
            case 4 -> "\"" + prefix + "ID\": " + random.nextInt(3000);
            case 5 -> "\"" + prefix + "CALL_FAILED_CODE\": \"" + CODES[random.nextInt(CODES.length)] + "\"";
            default -> "\"" + prefix + "CALL_START_DATE\": \"" + T0.plusSeconds(random.nextInt(30 * 86400)) + "\"";
        } + (index > 0 && random.nextInt(4) == 0 ? ", \"CRM_ENTITY_TYPE\": \"LEAD\"" : "");
    }

    /** A list of one to five values, repeats likely (a value given twice is looked up once). */
    private static String someOf(Random random, java.util.function.Supplier<String> value) {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            values.add(value.get());
        }
        return "[" + String.join(",", values) + "]";
    }
}
