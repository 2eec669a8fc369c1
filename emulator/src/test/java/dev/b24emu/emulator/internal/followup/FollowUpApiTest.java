package dev.b24emu.emulator.internal.followup;

import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** call.followup.* over REST 3.0: the documented results, select, mentions, paging, access and errors. */
class FollowUpApiTest extends EmulatorHarness {
    /** The GET page's example, with users of the demo portal: 2 Ivan Operator and 3 Maria Sales took part. */
    static final String SPRINT = """
            {"callId": 12345, "startDate": "2026-01-15T10:00:00Z", "endDate": "2026-01-15T10:42:00+00:00",
             "initiatorId": 2, "language": "de",
             "participants": [{"userId": 2, "talkedSeconds": 600}, {"userId": 3, "talkedSeconds": 1200, "avatar": "https://x/a.png"}],
             "chatMembers": [5],
             "overview": {"topic": "Sprint planning", "actionItems": [{"actionItem": "[USER=2]Ivan Operator[/USER] deploys the MVP",
               "actionItemMentionLess": "Deploy the MVP", "quote": "..."}]},
             "evaluation": {"efficiencyValue": 75, "calendar": {"overhead": false}}}""";

    private String control(String path) {
        return base() + "/_emulator/portals/" + portal.id() + path;
    }

    private JsonPath seed(String followUp) {
        return given().contentType(ContentType.JSON).body(followUp).post(control("/followups")).then().statusCode(201)
                .extract().jsonPath();
    }

    /** The answer of finish to an incoming call from the demo contact, taken by user 2 for 65 s. */
    private JsonPath finishedCall() {
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2)).then().statusCode(200).extract().path("result.CALL_ID");
        return call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 65))
                .then().statusCode(200).extract().jsonPath().setRootPath("result");
    }

    private static final Map<String, Object> GREETING = Map.of("SIDE", "User", "START_TIME", 1, "STOP_TIME", 3,
            "MESSAGE", "Good afternoon");
    private static final Map<String, Object> REPLY = Map.of("SIDE", "Client", "START_TIME", 4, "STOP_TIME", 62,
            "MESSAGE", "Hello");

    /** A finished call with these transcription messages attached: what makes its follow-up (D71). */
    private JsonPath transcribedCall(List<Map<String, Object>> messages) {
        JsonPath finished = finishedCall();
        call("telephony.call.attachTranscription", Map.of("CALL_ID", finished.getString("CALL_ID"), "MESSAGES", messages))
                .then().statusCode(200);
        return finished;
    }

    /** A REST 3.0 call through the portal's incoming webhook (its user 1 is an administrator). */
    private Response v3(String method, String body) {
        return given().contentType(ContentType.JSON).body(body).post(webhook.replace("/rest/", "/rest/api/") + method);
    }

    /** A REST 3.0 call as an application installed by a user: the token goes in the body's auth. */
    private Response v3As(String token, String method, String body) {
        String withAuth = body.replaceFirst("^\\s*\\{", "{\"auth\":\"" + token + "\"" + (body.trim().equals("{}") ? "" : ","));
        return given().contentType(ContentType.JSON).body(withAuth).post(base() + "/rest/api/" + method);
    }

    /** An active user of the portal besides the demo ones. */
    private void addUser(long id, String name) {
        given().contentType(ContentType.JSON).body(Map.of("ID", id, "NAME", name)).post(control("/users"))
                .then().statusCode(201);
    }

    private String appOf(long userId) {
        return given().contentType(ContentType.JSON).body(Map.of("clientId", "local.fu" + userId, "clientSecret", "s",
                        "scopes", List.of("call", "telephony"), "userId", userId))
                .post(control("/apps")).then().statusCode(201).extract().path("access_token");
    }

    @Test
    void getWithoutSelectAnswersEveryRootFieldAndMissingDataAsNull() {
        seed(SPRINT);
        v3("call.followup.get", "{\"callId\":12345}").then().statusCode(200)
                .body("result.item.callId", equalTo(12345))
                .body("result.item.callType", equalTo(1))
                .body("result.item.startDate", equalTo("2026-01-15T10:00:00+00:00"))
                .body("result.item.endDate", equalTo("2026-01-15T10:42:00+00:00"))
                .body("result.item.durationSeconds", equalTo(2520))
                .body("result.item.language", equalTo("de"))
                .body("result.item.outcomes", contains("overview", "evaluation"))
                .body("result.item.participants[0].name", equalTo("Ivan Operator"))
                .body("result.item.participants[1]", not(hasKey("workPosition")))
                .body("result.item.participants[1].avatar", equalTo("https://x/a.png"))
                .body("result.item", hasKey("uuid")).body("result.item", hasKey("tracks"))
                .body("result.item.transcription", nullValue()).body("result.item.summary", nullValue())
                .body("result.item.overview.actionItems[0].actionItem", equalTo("[USER=2]Ivan Operator[/USER] deploys the MVP"))
                .body("result", not(hasKey("items"))).body("$", not(hasKey("next")));
        // a portal user's position when the follow-up names none
        call("user.update", Map.of("ID", 2, "WORK_POSITION", "Senior operator")).then().statusCode(200);
        v3("call.followup.get", "{\"callId\":12345}").then()
                .body("result.item.participants[0].workPosition", equalTo("Senior operator"));
        List<Object> keys = List.copyOf(v3("call.followup.get", "{\"callId\":12345}").jsonPath().getMap("result.item").keySet());
        assertEquals(FollowUpFields.ROOT.stream().map(FollowUpFields.Field::name).toList(), keys, "the documented order");
    }

    @Test
    void selectPicksRootFieldsAndBlockKeysAlwaysWithCallIdAndMentionsFollowTheFormat() {
        seed(SPRINT);
        JsonPath item = v3("call.followup.get", "{\"callId\":12345,\"select\":[\"overview.actionItems\",\"startDate\","
                + "\"summary\"],\"mentionFormat\":\"html\"}").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("callId", "startDate", "overview", "summary"), List.<Object>copyOf(item.getMap("result.item").keySet()));
        assertEquals(List.of("actionItems"), List.<Object>copyOf(item.getMap("result.item.overview").keySet()));
        assertEquals("<a href=\"/company/personal/user/2/\">Ivan Operator</a> deploys the MVP",
                item.getString("result.item.overview.actionItems[0].actionItem"));
        assertEquals("Deploy the MVP", item.getString("result.item.overview.actionItems[0].actionItemMentionLess"));
        v3("call.followup.get", "{\"callId\":12345,\"select\":[\"overview\"],\"mentionFormat\":\"none\"}").then()
                .body("result.item.overview.actionItems[0].actionItem", equalTo("Ivan Operator deploys the MVP"))
                .body("result.item.overview.topic", equalTo("Sprint planning"));
        v3("call.followup.get", "{\"callId\":12345,\"select\":[]}").then()
                .body("result.item.keySet()", contains("callId", "callType", "initiatorId", "startDate", "endDate",
                        "durationSeconds"));
        v3("call.followup.get", "{\"callId\":12345,\"select\":[\"participants.name\"]}").then().statusCode(400)
                .body("error.code", equalTo("invalid_select_field")).body("error.message", equalTo("Invalid field in `select`"));
        v3("call.followup.get", "{\"callId\":12345,\"mentionFormat\":\"markdown\"}").then().statusCode(400)
                .body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION"))
                .body("error.validation[0].field", equalTo("mentionFormat"));
    }

    @Test
    void getTellsAnUnknownCallFromOneTheUserMayNotSee() {
        seed(SPRINT);
        v3("call.followup.get", "{}").then().statusCode(400)
                .body("error.validation[0].message", equalTo("Mandatory field `callId` is missing"));
        v3("call.followup.get", "{\"callId\":\"12345\"}").then().statusCode(400)
                .body("error.validation[0].field", equalTo("callId"));
        v3("call.followup.get", "{\"callId\":999}").then().statusCode(400)
                .body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION"))
                .body("error.message", equalTo("Call not found")).body("$", not(hasKey("time")));
        // a participant, a member of the linked chat, and a user who is neither
        addUser(5, "Chat member");
        addUser(6, "Outsider");
        v3As(appOf(3), "call.followup.get", "{\"callId\":12345}").then().statusCode(200);
        v3As(appOf(5), "call.followup.get", "{\"callId\":12345}").then().statusCode(200);
        v3As(appOf(6), "call.followup.get", "{\"callId\":12345}").then().statusCode(403)
                .body("error.code", equalTo("access_denied")).body("error.message", equalTo("No access to Follow-up data"));
        v3As(appOf(6), "call.followup.get", "{\"callId\":999}").then().statusCode(400)
                .body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION"));
    }

    @Test
    void listPagesByCursorWithinThePeriodNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            seed("{\"callId\":" + (100 + i) + ",\"startDate\":\"2026-01-0" + i + "T09:00:00Z\",\"participants\":[{\"userId\":2}]}");
        }
        seed("{\"callId\":200,\"startDate\":\"2026-02-01T09:00:00Z\",\"participants\":[{\"userId\":2}]}");
        String period = "\"filter\":{\"startDate\":{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-31T23:59:59Z\"}}";
        JsonPath first = v3("call.followup.list", "{" + period + ",\"pagination\":{\"limit\":2}}").then().statusCode(200)
                .body("result.items.callId", contains(105, 104)).body("result.hasMore", equalTo(true))
                .body("result.items[0].keySet()", contains("callId", "callType", "initiatorId", "startDate", "endDate",
                        "durationSeconds"))
                .body("result.afterCursor.startDate", equalTo("2026-01-04T09:00:00.000000+00:00"))
                .body("result.afterCursor.id", equalTo(104)).extract().jsonPath();
        String cursor = "{\"startDate\":\"" + first.getString("result.afterCursor.startDate") + "\",\"id\":104}";
        v3("call.followup.list", "{" + period + ",\"pagination\":{\"limit\":2,\"afterCursor\":" + cursor + "}}").then()
                .body("result.items.callId", contains(103, 102)).body("result.hasMore", equalTo(true));
        v3("call.followup.list", "{" + period + ",\"pagination\":{\"limit\":2,\"afterCursor\":{\"startDate\":"
                        + "\"2026-01-02T09:00:00.000000+00:00\",\"id\":102}}}").then()
                .body("result.items.callId", contains(101)).body("result.hasMore", equalTo(false))
                .body("result.afterCursor", nullValue());
        v3("call.followup.list", "{" + period + ",\"order\":{\"startDate\":\"ASC\"},\"pagination\":{\"limit\":500}}").then()
                .body("result.items.callId", contains(101, 102, 103, 104, 105));
        v3("call.followup.list", "{\"filter\":{\"startDate\":{\"from\":\"2026-03-01T00:00:00Z\",\"to\":\"2026-03-31T00:00:00Z\"}}}")
                .then().body("result.items.size()", equalTo(0)).body("result.hasMore", equalTo(false));
    }

    @Test
    void heavyFieldsCapAPageAtTwenty() {
        for (int i = 1; i <= 21; i++) {
            seed("{\"callId\":" + i + ",\"startDate\":\"2026-01-10T10:" + String.format("%02d", i) + ":00Z\","
                    + "\"overview\":{\"topic\":\"T" + i + "\"}}");
        }
        String period = "\"filter\":{\"startDate\":{\"from\":\"2026-01-01\",\"to\":\"2026-01-31\"}}";
        v3("call.followup.list", "{" + period + ",\"select\":[\"overview.topic\"],\"pagination\":{\"limit\":50}}").then()
                .body("result.items.size()", equalTo(20)).body("result.hasMore", equalTo(true))
                .body("result.items[0].overview.topic", equalTo("T21"));
        v3("call.followup.list", "{" + period + ",\"select\":[\"evaluation\"],\"pagination\":{\"limit\":50}}").then()
                .body("result.items.size()", equalTo(21)).body("result.hasMore", equalTo(false));
    }

    @Test
    void aRegularUserListsOnlyTheirFollowUpsWhateverParticipantTheyAskFor() {
        seed(SPRINT);
        seed("{\"callId\":2,\"startDate\":\"2026-01-16T10:00:00Z\",\"participants\":[{\"userId\":3}]}");
        String period = "\"filter\":{\"startDate\":{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-31T00:00:00Z\"}";
        v3("call.followup.list", "{" + period + "}}").then().body("result.items.callId", contains(2, 12345));
        v3("call.followup.list", "{" + period + ",\"participantId\":2}}").then().body("result.items.callId", contains(12345));
        v3As(appOf(2), "call.followup.list", "{" + period + ",\"participantId\":3}}").then()
                .body("result.items.callId", contains(12345));
        addUser(5, "Chat member");
        v3As(appOf(5), "call.followup.list", "{" + period + "}}").then().body("result.items.callId", contains(12345));
    }

    @Test
    void listRefusesBadParametersWithTheDocumentedCodes() {
        v3("call.followup.list", "{\"filter\":{\"startDate\":{\"from\":\"2026-01-01T00:00:00Z\"}}}").then().statusCode(400)
                .body("error.code", equalTo("invalid_date_range"))
                .body("error.message", equalTo("Incorrect date range: both from and to are required"));
        v3("call.followup.list", "{\"filter\":{\"startDate\":{\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}}}").then()
                .statusCode(400).body("error.message", equalTo("Incorrect date range: from must be less than or equal to to"));
        String period = "\"filter\":{\"startDate\":{\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}";
        v3("call.followup.list", "{" + period + ",\"participantId\":\"two\"}}").then().statusCode(400)
                .body("error.validation[0].field", equalTo("filter.participantId"));
        v3("call.followup.list", "{" + period + "},\"order\":{\"id\":\"asc\"}}").then().statusCode(400)
                .body("error.code", equalTo("invalid_order"));
        v3("call.followup.list", "{" + period + "},\"pagination\":{\"afterCursor\":{\"startDate\":\"x\",\"id\":1}}}")
                .then().statusCode(400).body("error.code", equalTo("invalid_pagination"));
    }

    @Test
    void aTranscriptionAttachedToAFinishedCallMakesItsFollowUpAndTheControlApiAddsBlocks() {
        JsonPath finished = transcribedCall(List.of(GREETING, REPLY));
        String callId = finished.getString("CALL_ID");
        int statId = finished.getInt("ID");

        v3("call.followup.get", "{\"callId\":" + statId + "}").then().statusCode(200)
                .body("result.item.outcomes", contains("transcription"))
                .body("result.item.durationSeconds", equalTo(65))
                .body("result.item.initiatorId", nullValue())
                .body("result.item.participants[0].userId", equalTo(2))
                .body("result.item.transcription.segments[0].userName", equalTo("Ivan Operator"))
                .body("result.item.transcription.segments[0].start", equalTo("00:00:01"))
                .body("result.item.transcription.segments[1]", not(hasKey("userId")))
                .body("result.item.transcription.segments[1].userName", equalTo("+79990000001"))
                .body("result.item.transcription.segments[1].end", equalTo("00:01:02"));

        given().contentType(ContentType.JSON).body(Map.of("call", callId, "summary", Map.of("segments",
                        List.of(Map.of("start", "00:00:00", "end", "00:01:05", "title", "Greeting", "summary", "They greet")))))
                .post(control("/followups")).then().statusCode(201).body("CALL_ID", equalTo(callId))
                .body("item.outcomes", contains("transcription", "summary"));
        given().contentType(ContentType.JSON).body(Map.of("call", "externalCall.nope.1", "summary", Map.of()))
                .post(control("/followups")).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
        given().contentType(ContentType.JSON).body(Map.of("call", callId, "overview", Map.of("topic", 5)))
                .post(control("/followups")).then().statusCode(400)
                .body("error_description", org.hamcrest.Matchers.startsWith("overview does not fit fields.md"));
        given().get(control("/followups")).then().statusCode(200).body("size()", equalTo(1));
    }

    /**
     * A follow-up's tracks are its external call's recording, read when the follow-up is, so a record attached after
     * the transcription is there, and a replaced one replaced; without a recording the array is empty (D155).
     */
    @Test
    void aFollowUpsTracksAreItsCallsRecordings() {
        JsonPath finished = transcribedCall(List.of(GREETING));
        String callId = finished.getString("CALL_ID");
        int statId = finished.getInt("ID");
        v3("call.followup.get", "{\"callId\":" + statId + "}").then().statusCode(200)
                .body("result.item.tracks", org.hamcrest.Matchers.empty());

        String before = IsoTime.format(portal.now(), java.time.ZoneOffset.UTC);
        int linked = call("telephony.externalcall.attachRecord", Map.of("CALL_ID", callId,
                "RECORD_URL", "https://pbx.example/records/a.WAV")).then().statusCode(200).extract().path("result.FILE_ID");
        String after = IsoTime.format(portal.now(), java.time.ZoneOffset.UTC);
        v3("call.followup.get", "{\"callId\":" + statId + ",\"select\":[\"tracks\"]}").then().statusCode(200)
                .body("result.item.tracks", org.hamcrest.Matchers.hasSize(1))
                .body("result.item.tracks[0].trackId", equalTo(linked))
                .body("result.item.tracks[0].type", equalTo("record"))
                .body("result.item.tracks[0].diskFileId", equalTo(linked))
                .body("result.item.tracks[0].callId", equalTo(statId))
                .body("result.item.tracks[0].duration", equalTo(65))
                .body("result.item.tracks[0].fileName", equalTo("a.WAV"))
                .body("result.item.tracks[0].mimeType", equalTo("audio/wav"))
                .body("result.item.tracks[0].fileSize", nullValue())
                .body("result.item.tracks[0].relUrl", nullValue())
                .body("result.item.tracks[0].url", equalTo("https://pbx.example/records/a.WAV"))
                .body("result.item.tracks[0].dateCreate", org.hamcrest.Matchers.oneOf(before, after));

        portal.clock().advance(java.time.Duration.ofMinutes(5));
        String later = IsoTime.format(portal.now(), java.time.ZoneOffset.UTC);
        int sent = call("telephony.externalcall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "b.mp3",
                "FILE_CONTENT", "SUQzBAAAAAAAI1RTU0UAAAAP")).then().statusCode(200).extract().path("result.FILE_ID");
        var list = "{\"filter\":{\"startDate\":{\"from\":\"2000-01-01T00:00:00Z\",\"to\":\"2100-01-01T00:00:00Z\"}},"
                + "\"select\":[\"tracks\"]}";
        v3("call.followup.list", list).then().statusCode(200)
                .body("result.items[0].tracks", org.hamcrest.Matchers.hasSize(1))
                .body("result.items[0].tracks[0].fileId", equalTo(sent))
                .body("result.items[0].tracks[0].mimeType", equalTo("audio/mpeg"))
                .body("result.items[0].tracks[0].fileSize", equalTo(18))
                .body("result.items[0].tracks[0].url", nullValue())
                .body("result.items[0].tracks[0].dateCreate", org.hamcrest.Matchers.oneOf(later,
                        IsoTime.format(portal.now(), java.time.ZoneOffset.UTC)));
    }

    /** crm.activity.call.getTranscript reads what AI processing transcribed of a call activity's call (D134). */
    @Test
    void aCallActivitysTranscriptIsItsFollowUpsTranscriptionOrNull() {
        JsonPath finished = finishedCall();
        String callId = finished.getString("CALL_ID");
        int activity = finished.getInt("CRM_ACTIVITY_ID");
        call("crm.activity.call.getTranscript", Map.of("activityId", activity)).then().statusCode(200)
                .body("result", nullValue());
        call("telephony.call.attachTranscription", Map.of("CALL_ID", callId, "MESSAGES", List.of(GREETING, REPLY)))
                .then().statusCode(200);
        call("crm.activity.call.getTranscript", Map.of("activityId", Integer.toString(activity))).then().statusCode(200)
                .body("result.transcription", equalTo("Good afternoon\nHello"));
        // an activity of no transcribed call: null; no activity: NOT_FOUND; the parameter bound as a controller binds it
        int meeting = call("crm.activity.add", Map.of("fields", Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "TYPE_ID", 2,
                "SUBJECT", "Call back", "COMMUNICATIONS", List.of(Map.of("VALUE", "+79990000001")))))
                .then().statusCode(200).extract().path("result");
        call("crm.activity.call.getTranscript", Map.of("activityId", meeting)).then().statusCode(200)
                .body("result", nullValue());
        call("crm.activity.call.getTranscript", Map.of("activityId", 99999)).then().statusCode(400)
                .body("error", equalTo("NOT_FOUND")).body("error_description", equalTo("Element not found"));
        call("crm.activity.call.getTranscript", Map.of()).then().statusCode(400)
                .body("error", equalTo("100")).body("error_description", equalTo("Could not find value for parameter {activityId}"));
        call("crm.activity.call.getTranscript", Map.of("activityId", "first")).then().statusCode(400)
                .body("error_description", equalTo("Invalid value first to match with parameter {activityId}. Should be value of type int."));
        // a portal whose AI does not process calls
        given().contentType(ContentType.JSON).body(Map.of("aiCallProcessing", false))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("crm.activity.call.getTranscript", Map.of("activityId", activity)).then().statusCode(403)
                .body("error", equalTo("ACCESS_DENIED")).body("error_description", equalTo("Access denied."));
    }

    @Test
    void fieldListAndGetDescribeTheEighteenRootFields() {
        v3("call.followup.field.list", "{\"select\":[\"type\",\"name\",\"description\"]}").then().statusCode(200)
                .body("result.items.size()", equalTo(18))
                .body("result.items[0].keySet()", contains("name", "type", "description"))
                .body("result.items[0].description", equalTo("Bitrix24 call identifier (b_call.ID). Always present."))
                .body("result.items[12].name", equalTo("tracks"));
        v3("call.followup.field.get", "{\"name\":\"callId\",\"select\":[\"name\",\"type\",\"title\",\"description\","
                + "\"filterable\",\"sortable\",\"multiple\"]}").then().statusCode(200)
                .body("result.item.title", equalTo("callId")).body("result.item.type", equalTo("int"))
                .body("result.item.filterable", equalTo(false)).body("result.item", not(hasKey("editable")));
        v3("call.followup.field.get", "{\"name\":\"overview\"}").then().body("result.item.keySet().size()", equalTo(11));
        v3("call.followup.field.get", "{}").then().statusCode(400)
                .body("error.validation[0].message", equalTo("Mandatory field `name` is missing"));
        v3("call.followup.field.get", "{\"name\":\"topic\"}").then().statusCode(400)
                .body("error.code", equalTo("BITRIX_REST_V3_REALISATION_EXCEPTION_FIELDNOTFOUNDEXCEPTION"))
                .body("error.message", equalTo("Field `topic` not found"));
        v3("call.followup.field.list", "{\"select\":[\"name\",\"unknownField\"]}").then().statusCode(400)
                .body("error.message", equalTo("Unknown field `unknownField` for object `DtoFieldDto`"));
        v3("call.followup.field.list", "{\"select\":\"name\"}").then().statusCode(400)
                .body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION"))
                .body("error.message", equalTo("Unable to recognize select expression `name`"));
    }

    @Test
    void followUpsAreSeededAndKeptInTheStateAndABadSeedNamesItsItem() {
        String seeded = given().contentType(ContentType.JSON).body("{\"seed\":{\"followups\":[" + SPRINT + "]}}")
                .post(base() + "/_emulator/portals").then().statusCode(201).extract().path("webhookUrl");
        given().contentType(ContentType.JSON).body("{\"callId\":12345}")
                .post(seeded.replace("/rest/", "/rest/api/") + "call.followup.get").then().statusCode(200)
                .body("result.item.overview.topic", equalTo("Sprint planning"));
        given().contentType(ContentType.JSON).body("{\"seed\":{\"followups\":[{\"callId\":1}]}}")
                .post(base() + "/_emulator/portals").then().statusCode(400)
                .body("error_description", equalTo("Seed field 'followups', item 0: startDate is required"));

        seed(SPRINT);
        String state = given().get(control("/state")).then().statusCode(200).extract().asString();
        assertTrue(state.contains("\"followups\""), state);
        given().post(control("/reset")).then().statusCode(200);
        v3("call.followup.get", "{\"callId\":12345}").then().statusCode(400);
        given().contentType(ContentType.JSON).body(state).put(control("/state")).then().statusCode(200);
        v3("call.followup.get", "{\"callId\":12345,\"select\":[\"evaluation.efficiencyValue\"]}").then().statusCode(200)
                .body("result.item.evaluation.efficiencyValue", equalTo(75));
    }
}
