package dev.b24emu.emulator.internal.disk;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A call record is a file of the portal's drive (D166): what a call-analytics tool reads after the call — the ID from
 * attachRecord, the statistic or the activity, disk.file.get, then the bytes at DOWNLOAD_URL.
 */
class DiskFilesTest extends AppHarness {
    private static final byte[] AUDIO = "ID3\u0004fake mp3 frames".getBytes(StandardCharsets.ISO_8859_1);

    /** A call of user 2 started at 08:00 and finished, with the extra parameters of its finish. */
    private String finishedCall(String phone, Map<String, Object> finish) {
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", phone, "TYPE", 2,
                "CALL_START_DATE", "2026-12-06T08:00:00+00:00")).then().statusCode(200).extract().path("result.CALL_ID");
        Map<String, Object> params = new java.util.HashMap<>(finish);
        params.putAll(Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 30));
        call("telephony.externalcall.finish", params).then().statusCode(200);
        return callId;
    }

    @Test
    void anAnalyticsToolDownloadsTheRecordOfACall() {
        String callId = finishedCall("+79990000001", Map.of());
        int fileId = call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "call 1.mp3",
                "FILE_CONTENT", Base64.getEncoder().encodeToString(AUDIO))).then().statusCode(200)
                .extract().path("result.FILE_ID");
        call("voximplant.statistic.get", Map.of("FILTER", Map.of("CALL_ID", callId))).then()
                .body("result[0].RECORD_FILE_ID", equalTo(fileId));
        Response file = call("disk.file.get", Map.of("id", fileId));
        file.then().statusCode(200).body("result.ID", equalTo(Integer.toString(fileId)))
                .body("result.NAME", equalTo("call 1.mp3")).body("result.TYPE", equalTo("file"))
                .body("result.SIZE", equalTo(Integer.toString(AUDIO.length))).body("result.CREATED_BY", equalTo("2"))
                .body("result.CODE", equalTo(null)).body("result.DELETE_TIME", equalTo(null))
                .body("result.DETAIL_URL", containsString("/Telephony - recorded calls/2026-12/call 1.mp3"));
        String download = file.then().extract().path("result.DOWNLOAD_URL");
        Response bytes = given().get(download);
        bytes.then().statusCode(200).header("Content-Type", "audio/mpeg")
                .header("Content-Disposition", "attachment; filename=\"call-1.mp3\"; filename*=utf-8''call%201.mp3");
        assertArrayEquals(AUDIO, bytes.asByteArray());
        // a changed link is refused as the server's signature check refuses it
        given().get(download.substring(0, download.length() - 2) + "xx").then().statusCode(403)
                .body("error", equalTo("ACCESS_DENIED")).body("error_description", equalTo("Access denied! Link check failed"));
        // the parameter is bound by its exact name, and an unknown ID is not found
        call("disk.file.get", Map.of("ID", fileId)).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"))
                .header("X-B24-Emulator-Warning", containsString("exact name id"));
        call("disk.file.get", Map.of("id", 999)).then().statusCode(400).body("error", equalTo("ERROR_NOT_FOUND"))
                .body("error_description", equalTo("Could not find entity with id '999'."));
        call("disk.file.get", Map.of("id", List.of(fileId, 2))).then().statusCode(400).body("error", equalTo("ERROR_NOT_FOUND"))
                .body("error_description", equalTo("Could not find entity with id 'Array'."))
                .header("X-B24-Emulator-Warning", containsString("id is an array"));
        // attached again, the record replaces the file: the old ID is gone, the activity holds the new one alone
        int again = call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "call 2.mp3",
                "FILE_CONTENT", Base64.getEncoder().encodeToString(AUDIO))).then().statusCode(200).extract().path("result.FILE_ID");
        call("disk.file.get", Map.of("id", fileId)).then().statusCode(400).body("error", equalTo("ERROR_NOT_FOUND"));
        given().get(download).then().statusCode(400).body("error", equalTo("ERROR_NOT_FOUND"));
        String activity = call("voximplant.statistic.get", Map.of("FILTER", Map.of("CALL_ID", callId))).then()
                .extract().jsonPath().getString("result[0].CRM_ACTIVITY_ID");
        call("crm.activity.get", Map.of("id", activity)).then().body("result.FILES.id", equalTo(List.of(again)));
    }

    @Test
    void aLinkedRecordIsNamedAsThePortalNamesItAndAnApplicationsLinkEndsWithItsHour() {
        String token = install("local.analytics", List.of("telephony", "call", "disk", "crm"), null, 2).getString("access_token");
        String callId = finishedCall("+79990000002", Map.of("RECORD_URL", "http://pbx.example/records/7731"));
        long fileId = call("voximplant.statistic.get", Map.of("FILTER", Map.of("CALL_ID", callId))).then()
                .extract().jsonPath().getLong("result[0].RECORD_FILE_ID");
        String download = oauth(token, "disk.file.get", Map.of("id", fileId)).then().statusCode(200)
                .body("result.NAME", equalTo("2026-12-06 08-00-00 +79990000002.mp3"))
                .extract().path("result.DOWNLOAD_URL");
        // the emulator keeps the link, not the file: the download sends the client there, and says so
        given().redirects().follow(false).get(download).then().statusCode(302)
                .header("Location", "http://pbx.example/records/7731")
                .header("X-B24-Emulator-Warning", containsString("does not download"));
        advancePortalClock("PT1H1S");
        given().redirects().follow(false).get(download).then().statusCode(401).body("error", equalTo("expired_token"));
        // another user's token cannot read user 2's record; an administrator's can
        String other = install("local.colleague", List.of("disk"), null, 3).getString("access_token");
        oauth(other, "disk.file.get", Map.of("id", fileId)).then().statusCode(403).body("error", equalTo("ACCESS_DENIED"));
        String admin = install("local.admin", List.of("disk"), null, 1).getString("access_token");
        oauth(admin, "disk.file.get", Map.of("id", fileId)).then().statusCode(200);
        String noDisk = install("local.nodisk", List.of("telephony"), null, 2).getString("access_token");
        assertEquals(401, oauth(noDisk, "disk.file.get", Map.of("id", fileId)).statusCode());
    }

    /** A public link to a record (D180): the same link on every call, opening the file's page for anyone. */
    @Test
    void aRecordsPublicLinkIsStableAndOpensItsPage() {
        String callId = finishedCall("+79990000003", Map.of());
        int fileId = call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "call <3>.mp3",
                "FILE_CONTENT", Base64.getEncoder().encodeToString(AUDIO))).then().statusCode(200)
                .extract().path("result.FILE_ID");
        String link = call("disk.file.getExternalLink", Map.of("id", fileId)).then().statusCode(200)
                .body("result", org.hamcrest.Matchers.startsWith(base() + "/~")).extract().path("result");
        call("disk.file.getExternalLink", Map.of("id", fileId)).then().body("result", equalTo(link));
        Response page = given().get(link);
        page.then().statusCode(200).header("Content-Type", containsString("text/html"))
                .body(containsString("<h1>call &lt;3&gt;.mp3</h1>"));
        String download = page.asString().replaceAll("(?s).*href=\"([^\"]+)\".*", "$1");
        assertArrayEquals(AUDIO, given().get(base() + download).asByteArray());
        // a link made up, and one of a file no longer kept, open nothing
        given().get(link.substring(0, link.length() - 3) + "abc").then().statusCode(404);
        call("disk.file.getExternalLink", Map.of("id", 999)).then().statusCode(400)
                .body("error", equalTo("ERROR_NOT_FOUND"))
                .body("error_description", equalTo("Could not find entity with id '999'."));
        call("disk.file.getExternalLink", Map.of()).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
    }
}
