package dev.b24emu.emulator.internal.transport;

import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The REST transport as real clients meet it: URL forms, encodings, envelope, errors and auth. */
class TransportTest extends EmulatorHarness {
    private static final String SEARCH = "telephony.externalCall.searchCrmEntities";
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void webhookUrlsWorkWithJsonSuffixTrailingSlashAndAnyCase() {
        for (String path : new String[] {SEARCH, SEARCH + ".json", SEARCH + "/", SEARCH + ".json/",
                "TELEPHONY.EXTERNALCALL.SEARCHCRMENTITIES", "telephony.externalcall.searchcrmentities.JSON"}) {
            given().queryParam("PHONE_NUMBER", "+79990000001").get(webhook + path)
                    .then().statusCode(200).body("result[0].CRM_ENTITY_ID", equalTo(1));
        }
    }

    @Test
    void everyEncodingYieldsTheSameCall() {
        String form = "FIELDS[NAME]=Form&FIELDS[PHONE][0][VALUE]=%2B7+900+000-11-22&FIELDS[PHONE][0][VALUE_TYPE]=WORK";
        int formId = given().contentType("application/x-www-form-urlencoded").body(form)
                .post(webhook + "crm.contact.add.json").then().statusCode(200).extract().path("result");
        int queryId = given().urlEncodingEnabled(false).get(webhook + "crm.contact.add?" + form)
                .then().statusCode(200).extract().path("result");
        int jsonId = call("crm.contact.add", Map.of("FIELDS", Map.of("NAME", "Form",
                "PHONE", java.util.List.of(Map.of("VALUE", "+7 900 000-11-22", "VALUE_TYPE", "WORK")))))
                .then().statusCode(200).extract().path("result");
        int multipartId = given().multiPart("FIELDS[NAME]", "Form").multiPart("FIELDS[PHONE][0][VALUE]", "+7 900 000-11-22")
                .multiPart("FIELDS[PHONE][0][VALUE_TYPE]", "WORK").post(webhook + "crm.contact.add")
                .then().statusCode(200).extract().path("result");
        for (int id : new int[] {formId, queryId, jsonId, multipartId}) {
            call("crm.contact.get", Map.of("id", id)).then().statusCode(200)
                    .body("result.NAME", equalTo("Form"))
                    .body("result.PHONE[0].VALUE", equalTo("+7 900 000-11-22"))
                    .body("result.PHONE[0].VALUE_TYPE", equalTo("WORK"));
        }
        given().queryParam("PHONE_NUMBER", "79000001122").get(webhook + SEARCH).then()
                .body("result.size()", equalTo(4));
    }

    /**
     * A multipart form with a field past 8 KB or more than 256 fields is read whole, as PHP reads it (Python's
     * requests with files=, a browser's FormData, PHP curl with an array send one): Vert.x's own form limits
     * dropped every parameter, and the method ran with none (audit 60c).
     */
    @Test
    void aLargeMultipartFormIsReadWhole() {
        String comments = "x".repeat(20_000);
        int id = given().multiPart("fields[NAME]", "Big").multiPart("fields[COMMENTS]", comments)
                .post(webhook + "crm.contact.add").then().statusCode(200).extract().path("result");
        call("crm.contact.get", Map.of("id", id)).then().body("result.COMMENTS", equalTo(comments));
        var many = given();
        for (int i = 0; i < 300; i++) {
            many = many.multiPart("fields[UF_CRM_" + i + "]", "v" + i);
        }
        int second = many.multiPart("fields[NAME]", "Many").post(webhook + "crm.contact.add")
                .then().statusCode(200).extract().path("result");
        call("crm.contact.get", Map.of("id", second)).then().body("result.NAME", equalTo("Many"));
    }

    @Test
    void bodyParametersWinOverTheQueryStringAndSdkParametersAreIgnored() {
        given().contentType(ContentType.JSON).body(Map.of("PHONE_NUMBER", "+79990000002"))
                .post(webhook + SEARCH + "?PHONE_NUMBER=%2B79990000001&bx24_request_id=abc&bx24_sdk_ver=2.2.0")
                .then().statusCode(200).body("result[0].CRM_ENTITY_ID", equalTo(2));
        given().contentType(ContentType.JSON).body(Map.of("fields", Map.of("NAME", "X")))
                .post(webhook + "crm.contact.add?bx24_request_id=1").then().statusCode(200);
        given().get(webhook + "crm.contact.get?id=3").then().body("result", not(hasKey("bx24_request_id")));
    }

    @Test
    void successEnvelopeCarriesTheTimeBlock() {
        Response response = given().queryParam("PHONE_NUMBER", "+79990000001").get(webhook + SEARCH);
        response.then().statusCode(200)
                .header("Content-Type", equalTo("application/json; charset=utf-8"))
                .body("time.start", instanceOf(Integer.class))
                .body("time.processing", instanceOf(Integer.class))
                .body("time.finish", notNullValue())
                .body("time.duration", notNullValue())
                .body("time.date_start", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"))
                .body("time.date_finish", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"));
        String raw = response.asString();
        assertEquals(-1, raw.indexOf("E9"), "times are plain decimals: " + raw);
    }

    @Test
    void listMethodsPutNextAndTotalBesideTheResult() {
        for (int i = 0; i < 55; i++) {
            call("crm.lead.add", Map.of("fields", Map.of("TITLE", "Lead " + i)));
        }
        call("crm.lead.list", Map.of()).then().body("total", equalTo(56)).body("next", equalTo(50))
                .body("result.size()", equalTo(50));
        call("crm.lead.list", Map.of("start", 50)).then().body("total", equalTo(56)).body("$", not(hasKey("next")))
                .body("result.size()", equalTo(6));
    }

    @Test
    void errorsUseTheEnvelopeWithoutTimeAndTheRealStatuses() {
        given().get(webhook + "no.such.method").then().statusCode(404)
                .body("error", equalTo("ERROR_METHOD_NOT_FOUND")).body("error_description", equalTo("Method not found!"))
                .body("$", not(hasKey("time")));
        given().get(base() + "/rest/1/wrong-token/user.current").then().statusCode(401).body("error", equalTo("NO_AUTH_FOUND"));
        given().get(base() + "/rest/2/" + portal.webhook().token() + "/user.current").then().statusCode(401)
                .body("error", equalTo("NO_AUTH_FOUND"));
        given().get(base() + "/rest/user.current").then().statusCode(401).body("error", equalTo("NO_AUTH_FOUND"));
        given().get(base() + "/rest/user.current?auth=unknown").then().statusCode(401).body("error", equalTo("invalid_token"));
        // the token is found wherever the query holds it, its name escaped or not; a query without it reads as none
        given().urlEncodingEnabled(false).get(base() + "/rest/user.current?X=1&%61uth=unknown").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().get(base() + "/rest/user.current?X=1&AUTHOR=2&auth=unknown").then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().get(base() + "/rest/user.current?X=1").then().statusCode(401).body("error", equalTo("NO_AUTH_FOUND"));
        given().queryParam("TYPE", 9).queryParam("USER_ID", 1).get(webhook + "telephony.externalcall.register")
                .then().statusCode(400).body("error", equalTo("ERROR_CORE")).body("error_description", equalTo("Unknown TYPE"));
    }

    @Test
    void malformedBodiesGetACleanBadRequest() {
        given().contentType(ContentType.JSON).body("{\"PHONE_NUMBER\": ").post(webhook + SEARCH).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("error_description", containsString("Malformed JSON"));
        // a JSON list is parameters 0, 1, ... as PHP decodes it: here without the PHONE_NUMBER the method needs
        given().contentType(ContentType.JSON).body("[1,2]").post(webhook + SEARCH).then().statusCode(400)
                .body("error_description", equalTo("PHONE_NUMBER is empty"));
        // past the parser's limits: the reason, not the Java setting that holds it ("from `StreamReadConstraints…`")
        given().contentType(ContentType.JSON).body("{" + "\"a\":[".repeat(2000) + "]".repeat(2000) + "}")
                .post(webhook + SEARCH).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
        given().contentType(ContentType.JSON).body("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                .post(webhook + SEARCH).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", allOf(containsString("Malformed JSON body: Document nesting depth"),
                        not(containsString("StreamReadConstraints"))));
        given().contentType(ContentType.JSON).body("{\"PHONE_NUMBER\": " + "9".repeat(5000) + "}")
                .post(webhook + SEARCH).then().statusCode(400).body("error_description", allOf(
                        containsString("Number value length (5000) exceeds the maximum allowed (1000)"),
                        not(containsString("StreamReadConstraints"))));
        // text after the JSON: json_decode reads none of it (it was dropped silently)
        given().contentType(ContentType.JSON).body("{\"PHONE_NUMBER\": \"+79990000001\"}x").post(webhook + SEARCH)
                .then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", startsWith("Malformed JSON body"));
        given().contentType("application/x-www-form-urlencoded").body("PHONE_NUMBER=%FF%FE").post(webhook + SEARCH)
                .then().statusCode(400).body("error", equalTo("WRONG_ENCODING"));
        // a POST body of another type is read as a form, as getRequestData parse_str's all but JSON (audit 60c:
        // it was ignored), and reported; the query string is still read beside it
        given().contentType("application/octet-stream").body(new byte[] {1, 2, 3}).post(webhook + SEARCH)
                .then().statusCode(400).body("error_description", equalTo("PHONE_NUMBER is empty"));
        given().contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .post(webhook + SEARCH + "?PHONE_NUMBER=%2B79990000001").then().statusCode(200);
        given().contentType("application/xml").body("PHONE_NUMBER=%2B79990000001").post(webhook + SEARCH).then()
                .statusCode(200).body("result[0].CRM_ENTITY_ID", equalTo(1)).header("X-B24-Emulator-Warning",
                        startsWith("The body was read as a form, but its Content-Type is application/xml"));
    }

    /**
     * A request line past a portal's nginx buffer (8 KB) is read, as GET-only clients put whole batches there, but
     * reported: a portal most likely answers 414, and in strict mode so does the emulator (a batch of 50 adds in a
     * query string passed here and failed in production: audit 60e).
     */
    @Test
    void aRequestLineAPortalWouldNotReadIsReported() {
        String comments = "x".repeat(8_500);
        given().queryParam("fields[NAME]", "Long").queryParam("fields[COMMENTS]", comments)
                .get(webhook + "crm.contact.add").then().statusCode(200)
                .header("X-B24-Emulator-Warning", startsWith("The request line is "))
                .header("X-B24-Emulator-Warning", containsString("most likely answers 414 Request-URI Too Large"));
        given().queryParam("fields[NAME]", "Short").get(webhook + "crm.contact.add").then().statusCode(200)
                .header("X-B24-Emulator-Warning", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("validation", "strict"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        given().queryParam("fields[NAME]", "Long").queryParam("fields[COMMENTS]", comments)
                .get(webhook + "crm.contact.add").then().statusCode(414).body("error", equalTo("REQUEST_URI_TOO_LARGE"));
        given().contentType(ContentType.JSON).body(Map.of("fields", Map.of("NAME", "Long", "COMMENTS", comments)))
                .post(webhook + "crm.contact.add").then().statusCode(200); // the same in a body is fine
    }

    /**
     * The real server reads a body only with POST (CRestUtil::getRequestData under isPost(); PHP's $_POST): a PUT's
     * or a GET's body is left unread, as there, and reported. A PUT register succeeded here and failed on a portal
     * (audit 60c).
     */
    @Test
    void onlyAPostsBodyIsRead() {
        String register = "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79990005566\",\"TYPE\":2}";
        given().contentType(ContentType.JSON).body(register).put(webhook + "telephony.externalcall.register").then()
                .statusCode(400).body("error_description", equalTo("USER_ID or USER_PHONE_INNER should be set"))
                .header("X-B24-Emulator-Warning", startsWith("The body of this PUT request was not read"));
        given().contentType("application/x-www-form-urlencoded").body("PHONE_NUMBER=%2B79990000001")
                .queryParam("PHONE_NUMBER", "+79990000002").patch(webhook + SEARCH).then().statusCode(200)
                .body("result[0].CRM_ENTITY_ID", equalTo(2));
        given().contentType(ContentType.JSON).body(register).post(webhook + "telephony.externalcall.register").then()
                .statusCode(200).header("X-B24-Emulator-Warning", nullValue());
    }

    @Test
    void invalidUtf8InAJsonBodyIsAWrongEncoding() throws Exception {
        byte[] body = "{\"PHONE_NUMBER\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(URI.create(webhook + SEARCH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertEquals(true, response.body().contains("WRONG_ENCODING"), response.body());
    }

    @Test
    void oversizedBodiesAreRefusedWithABitrixStyleError() throws Exception {
        byte[] huge = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(URI.create(webhook + SEARCH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals(true, response.body().contains("REQUEST_TOO_LARGE"), response.body());
        given().queryParam("PHONE_NUMBER", "+79990000001").get(webhook + SEARCH).then().statusCode(200);
    }

    @Test
    void longGetRequestsAreServed() {
        String longName = "x".repeat(20_000);
        given().queryParam("fields[NAME]", longName).get(webhook + "crm.contact.add").then().statusCode(200);
    }

    @Test
    void scopesAreEnforcedForWebhooks() {
        var limited = emulator.portals().create(new PortalRegistry.PortalSpec(null, null, null, Set.of("crm"), null));
        String url = emulator.webhookUrl(limited);
        given().queryParam("PHONE_NUMBER", "1").get(url + SEARCH).then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        given().get(url + "crm.lead.list").then().statusCode(200);
    }

    @Test
    void appContextOnlyMakesTelephonyRefuseWebhooks() {
        Map<String, Object> params = Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2);
        call("telephony.externalcall.register", params).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"appContextOnly\":true}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("telephony.externalcall.register", params).then().statusCode(403).body("error", equalTo("WRONG_AUTH_TYPE"));
        call("telephony.externalcall.finish", Map.of("CALL_ID", "x", "USER_ID", 2)).then().statusCode(403);
        given().queryParam("PHONE_NUMBER", "+79990000001").get(webhook + SEARCH).then().statusCode(200);
    }

    @Test
    void emptyErrorCodeIsSelectablePerPortal() {
        given().contentType(ContentType.JSON).body("{\"emptyErrorCode\":true}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        given().get(webhook + SEARCH).then().statusCode(400).body("error", equalTo(""))
                .body("error_description", equalTo("PHONE_NUMBER is empty"));
        // a batch copies each command's error as its call answers it (CRestProvider::methodsBatch)
        given().contentType(ContentType.JSON).body("{\"cmd\":{\"bad\":\"" + SEARCH + "\",\"none\":\"no.such.method\"}}")
                .post(webhook + "batch").then().statusCode(200)
                .body("result.result_error.bad.error", equalTo(""))
                .body("result.result_error.bad.error_description", equalTo("PHONE_NUMBER is empty"))
                .body("result.result_error.none.error", equalTo("ERROR_METHOD_NOT_FOUND"));
    }

    @Test
    void browserPreflightsAreAnswered() {
        given().options(webhook + SEARCH).then().statusCode(204).header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void expectContinueIsHonoured() throws Exception {
        HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(URI.create(webhook + SEARCH))
                .expectContinue(true).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("PHONE_NUMBER=%2B79990000001")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void eachRequestIsJournaledWithItsOutcome() {
        given().queryParam("PHONE_NUMBER", "+79990000001").get(webhook + SEARCH);
        given().get(webhook + "no.such.method");
        given().get(base() + "/_emulator/portals/" + portal.id() + "/requests").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].method", equalTo(SEARCH)).body("[0].status", equalTo(200))
                .body("[0].params.PHONE_NUMBER", equalTo("+79990000001")).body("[0].auth", equalTo("webhook"))
                .body("[1].status", equalTo(404)).body("[1].error", equalTo("ERROR_METHOD_NOT_FOUND"));
    }
}
