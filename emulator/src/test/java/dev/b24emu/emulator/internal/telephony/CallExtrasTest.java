package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.support.AppHarness;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** show / hide, attachRecord, attachTranscription and the application-scoped external lines. */
class CallExtrasTest extends AppHarness {
    private String register(long userId) {
        return call("telephony.externalcall.register", Map.of("USER_ID", userId, "PHONE_NUMBER", "+79990000001", "TYPE", 2,
                "SHOW", 0)).then().statusCode(200).extract().path("result.CALL_ID");
    }

    private String finished() {
        String callId = register(2);
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 10)).then().statusCode(200);
        return callId;
    }

    @Test
    void showAndHideOpenAndCloseCardsPerUser() {
        String callId = register(2);
        String open = "findAll { !it.closed }";
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards").then().body("size()", equalTo(0));
        call("telephony.externalcall.show", Map.of("CALL_ID", callId)).then().body("result", equalTo(true));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards").then().body(open + ".userId", equalTo(List.of(2)));
        given().contentType("application/x-www-form-urlencoded").body("CALL_ID=" + callId + "&USER_ID[0]=1&USER_ID[1]=3")
                .post(webhook + "telephony.externalcall.show.json").then().body("result", equalTo(true));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards").then().body(open + ".size()", equalTo(3));
        call("telephony.externalcall.hide", Map.of("CALL_ID", callId, "USER_ID", 1)).then().body("result", equalTo(true));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards").then().body(open + ".userId", equalTo(List.of(2, 3)));
        call("telephony.externalcall.show", Map.of("CALL_ID", "externalCall.none")).then().statusCode(200)
                .body("result", equalTo(false));
        call("telephony.externalcall.hide", Map.of()).then().statusCode(200).body("result", equalTo(false));
        // the real finish hides the finishing user's card only (D86): user 3's stays until he closes it
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2)).then().statusCode(200);
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards").then().body(open + ".userId", equalTo(List.of(3)));
    }

    /** A card shown to an ID that is no user reaches no one, as the real server's pull event does (D196). */
    @Test
    void showOpensCardsForTheUsersOfThePortalOnly() {
        String callId = register(2);
        List<Integer> users = new java.util.ArrayList<>(List.of(3, 999, -5));
        java.util.stream.IntStream.range(100_000, 300_000).forEach(users::add);
        call("telephony.externalcall.show", Map.of("CALL_ID", callId, "USER_ID", users)).then().statusCode(200)
                .body("result", equalTo(true));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards").then().body("userId", equalTo(List.of(3)));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards/" + callId + "/999").then().statusCode(404)
                .body("error", equalTo("CARD_NOT_FOUND"));
        call("telephony.externalcall.hide", Map.of("CALL_ID", callId, "USER_ID", List.of(999, 3))).then()
                .body("result", equalTo(true));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards").then()
                .body("findAll { !it.closed }.size()", equalTo(0));
    }

    @Test
    void finishHidesEveryCardWhenThePortalAsks() {
        given().contentType("application/json").body(Map.of("finishHidesAllCards", true))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        String callId = register(2);
        call("telephony.externalcall.show", Map.of("CALL_ID", callId, "USER_ID", List.of(2, 3))).then().body("result", equalTo(true));
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2)).then().statusCode(200);
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards").then()
                .body("findAll { !it.closed }.size()", equalTo(0));
    }

    @Test
    void recordsNeedAFinishedCallAndAWavOrMp3() {
        String open = register(3);
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", open, "FILENAME", "a.mp3")).then().statusCode(400)
                .body("error_description", equalTo("Call is not found in the statistic table. Looks like it is not finished yet."));
        // the parameters are checked before the call is looked up, as the real server does
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", open)).then().statusCode(400)
                .body("error_description", equalTo("Required parameters are not set. Request should contain or URL or FILENAME parameter"));
        String callId = finished();
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId)).then().statusCode(400)
                .body("error_description", equalTo("Required parameters are not set. Request should contain or URL or FILENAME parameter"));
        for (String refused : List.of("a.ogg", "a.MP3", "a.Wav", "mp3")) { // GetFileExtension keeps the case
            call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", refused, "FILE_CONTENT", "AAAA"))
                    .then().statusCode(400).body("error_description", equalTo("Wrong file extension. Only wav and mp3 are allowed"));
        }
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "a.mp3", "FILE_CONTENT", "%%%"))
                .then().statusCode(400).body("error_description", equalTo("File content is not properly encoded. Base64 encoding is expected."));
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "a.mp3", "FILE_CONTENT", "false"))
                .then().statusCode(400).body("error_description", equalTo("File content is empty."));
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "a.mp3",
                "FILE_CONTENT", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4}))).then().statusCode(200)
                .body("result.FILE_ID", equalTo(1)).header("X-B24-Emulator-Warning", org.hamcrest.Matchers.startsWith(
                        "FILE_CONTENT is no MP3, WAV, FLAC or Ogg audio")); // the server checks audio/* (audit 61c)
        // PHP's lenient base64_decode, as the real server's: the URL-safe alphabet's "-" and "_" are skipped
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "b.mp3", "FILE_CONTENT", "SUQz-_AA"))
                .then().statusCode(200).body("result.FILE_ID", equalTo(2))
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.nullValue()); // ID3: an MP3's tag
        // strict mode refuses what the real server refuses (audit 61d)
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"validation\":\"strict\"}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "c.mp3", "FILE_CONTENT", "dGVzdA=="))
                .then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", org.hamcrest.Matchers.startsWith("FILE_CONTENT is no MP3"));
        given().contentType(io.restassured.http.ContentType.JSON).body("{\"validation\":\"warn\"}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "RECORD_URL", "https://pbx.example/r/x.wav?k=1"))
                .then().statusCode(200).body("result.FILE_ID", equalTo(3))
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.nullValue())
                .header("X-B24-Emulator-Notice", startsWith("RECORD_URL: the emulator keeps the link and does not download"));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/records").then().statusCode(200)
                .body("records.size()", equalTo(1)).body("records[0].fileName", equalTo("x.wav"))
                .body("records[0].source", equalTo("url"))
                .body("records[0].attachedAt", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z"));
    }

    @Test
    void filenameAloneAnswersAnUploadUrl() {
        String callId = finished();
        String uploadUrl = call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "talk.wav"))
                .then().statusCode(200).body("result.fieldName", equalTo("file"))
                .body("result.uploadUrl", startsWith(base() + "/upload/record/")).extract().path("result.uploadUrl");
        given().multiPart("file", "talk.wav", new byte[] {9, 8, 7}).post(uploadUrl).then().statusCode(200)
                .body("result.FILE_ID", equalTo(1));
        // FILENAME alone answers the URL whatever its extension; the upload checks the file's
        String oggUrl = call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "talk.ogg"))
                .then().statusCode(200).extract().path("result.uploadUrl");
        given().multiPart("file", "talk.ogg", new byte[] {9}).post(oggUrl).then().statusCode(400)
                .body("error_description", equalTo("Wrong file extension. Only wav and mp3 are allowed"));
        given().multiPart("file", "TALK.WAV", new byte[] {9}).post(oggUrl).then().statusCode(400)
                .body("error_description", equalTo("Wrong file extension. Only wav and mp3 are allowed"));
        given().multiPart("other", "talk.mp3", new byte[] {9}).post(oggUrl).then().statusCode(400)
                .body("error_description", equalTo("Error: required parameter file is not found"));
        given().multiPart("file", "talk.wav", new byte[] {9}).post(uploadUrl).then().statusCode(404);
        given().get(base() + "/_emulator/portals/" + portal.id() + "/records").then()
                .body("records[0].size", equalTo(3)).body("records[0].source", equalTo("upload"));
    }

    @Test
    void transcriptionsAreCheckedMessageByMessage() {
        String callId = finished();
        call("telephony.call.attachTranscription", Map.of("MESSAGES", List.of())).then().statusCode(400)
                .body("error_description", equalTo("CALL_ID should be set"));
        call("telephony.call.attachTranscription", Map.of("CALL_ID", callId, "MESSAGES", "x")).then().statusCode(400)
                .body("error_description", equalTo("MESSAGES should be an array"));
        call("telephony.call.attachTranscription", Map.of("CALL_ID", callId, "MESSAGES",
                List.of(Map.of("SIDE", "Bot", "START_TIME", 0, "STOP_TIME", 2, "MESSAGE", "hi")))).then().statusCode(400)
                .body("error_description", equalTo("MESSAGES[0][SIDE] should be either Client or User"));
        call("telephony.call.attachTranscription", Map.of("CALL_ID", callId, "MESSAGES",
                List.of(Map.of("SIDE", "User", "START_TIME", 0, "STOP_TIME", 0, "MESSAGE", "hi")))).then().statusCode(400)
                .body("error_description", equalTo("MESSAGES[0][STOP_TIME] should be greater than zero"));
        // named by the key sent, as the server's foreach names it (audit 61a)
        given().formParam("CALL_ID", callId).formParam("MESSAGES[3][SIDE]", "bot").formParam("MESSAGES[3][STOP_TIME]", 2)
                .formParam("MESSAGES[3][MESSAGE]", "x").post(webhook + "telephony.call.attachTranscription").then()
                .statusCode(400).body("error_description", equalTo("MESSAGES[3][SIDE] should be either Client or User"));
        call("telephony.call.attachTranscription", Map.of("CALL_ID", "externalCall.x", "MESSAGES",
                List.of(Map.of("SIDE", "User", "START_TIME", 0, "STOP_TIME", 2, "MESSAGE", "hi")))).then().statusCode(400)
                .body("error_description", equalTo("Call externalCall.x is not found. Is it finished?"));
        call("telephony.call.attachTranscription", Map.of("CALL_ID", callId, "COST", 1.5, "COST_CURRENCY", "USD", "MESSAGES",
                List.of(Map.of("SIDE", "User", "START_TIME", 0, "STOP_TIME", 2, "MESSAGE", "Hello"),
                        Map.of("SIDE", "Client", "START_TIME", 2, "STOP_TIME", 5, "MESSAGE", "Hi")))).then().statusCode(200)
                .body("result.TRANSCRIPT_ID", equalTo(1));
    }

    /** A RECORD_URL no HTTP client can fetch is refused by a real portal's download: the client's deviation here. */
    @Test
    void aRecordUrlThatIsNoHttpUrlIsReported() {
        String callId = finished();
        for (String url : List.of("not a url", "ftp://pbx.example/r.mp3", "/r/x.mp3")) {
            call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "RECORD_URL", url)).then()
                    .statusCode(200).header("X-B24-Emulator-Warning", org.hamcrest.Matchers.containsString(
                            "is no http(s) URL: a real portal cannot download it"));
        }
    }

    /** D201: register reads CRM_CREATE alone; the line's CRM_AUTO_CREATE is click-to-call's (Helper::startCall). */
    @Test
    void registerCreatesItsLeadWhateverTheLinesAutoCreate() {
        call("telephony.externalLine.add", Map.of("NUMBER", "74950000601", "CRM_AUTO_CREATE", "N")).then().statusCode(200);
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995550601", "TYPE", 1,
                "CRM_CREATE", 1, "LINE_NUMBER", "74950000601")).then().statusCode(200)
                .body("result.CRM_CREATED_LEAD", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void linesBelongToTheApplicationThatMadeThem() {
        String a = telephonyApp("local.a").getString("access_token");
        String b = telephonyApp("local.b").getString("access_token");
        oauth(a, "telephony.externalLine.add", Map.of("NUMBER", "100", "NAME", "Sales", "CRM_AUTO_CREATE", "N"))
                .then().statusCode(200).body("result.ID", equalTo(1));
        oauth(a, "telephony.externalLine.add", Map.of("NUMBER", "100")).then().statusCode(400)
                .body("error_description", equalTo("Line already exists"));
        oauth(b, "telephony.externalLine.get", Map.of()).then().body("result.size()", equalTo(0));
        oauth(b, "telephony.externalLine.add", Map.of("NUMBER", "100", "CRM_AUTO_CREATE", "Y")).then().statusCode(200);
        oauth(a, "telephony.externalLine.get", Map.of()).then()
                .body("result", equalTo(List.of(Map.of("NUMBER", "100", "NAME", "Sales", "CRM_AUTO_CREATE", "N"))));
        oauth(a, "telephony.externalLine.update", Map.of("NUMBER", "100")).then().statusCode(400)
                .body("error_description", equalTo("There are no fields to update"));
        oauth(a, "telephony.externalLine.update", Map.of("NUMBER", "999", "NAME", "x")).then().statusCode(400)
                .body("error_description", equalTo("Could not find line with number 999"));
        oauth(a, "telephony.externalLine.update", Map.of("NUMBER", "100", "NAME", "Support")).then().statusCode(200)
                .body("result.ID", equalTo("1"));
        oauth(a, "telephony.externalLine.add", Map.of("NAME", "x")).then().statusCode(400)
                .body("error_description", equalTo("NUMBER should not be empty"));
        oauth(a, "telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+7999", "TYPE", 2,
                "LINE_NUMBER", "777")).then().statusCode(200);
        oauth(a, "telephony.externalLine.get", Map.of()).then().body("result.NUMBER", hasItem("777"));
        oauth(a, "telephony.externalLine.delete", Map.of("NUMBER", "100")).then().statusCode(200).body("result", equalTo(List.of()));
        oauth(a, "telephony.externalLine.delete", Map.of("NUMBER", "100")).then().statusCode(400);
        oauth(b, "telephony.externalLine.get", Map.of()).then().body("result.NUMBER", equalTo(List.of("100")));
        call("telephony.externalLine.get", Map.of()).then().body("result.size()", equalTo(0));
    }
}
