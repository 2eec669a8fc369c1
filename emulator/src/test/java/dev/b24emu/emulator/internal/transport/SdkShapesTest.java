package dev.b24emu.emulator.internal.transport;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.support.RawHttp;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request shapes real SDKs send, answered as the real server (PHP behind nginx) answers them: PHP SDKs build
 * {@code <webhook>/<method>/} from a webhook ending in '/', send {@code []} for calls without parameters and every
 * optional parameter, null when unset; the official JS SDK in OAuth mode appends {@code /<method>} to
 * {@code client_endpoint}.
 */
class SdkShapesTest extends AppHarness {

    @Test
    void repeatedSlashesInRestPathsReadAsOneAsNginxMergesThem() throws Exception {
        // sent with the JDK client: REST Assured would tidy the path before sending it
        assertTrue(post(webhook + "/telephony.externalLine.add/", "{\"NUMBER\":\"74950001111\",\"NAME\":\"Main\"}")
                .contains("\"result\":{\"ID\":1}"));
        assertTrue(post(webhook + "//telephony.externalline.get/", "[]").contains("\"NUMBER\":\"74950001111\""));
        String token = telephonyApp("local.js").getString("access_token");
        assertTrue(post(base() + "/rest//user.current", "{\"auth\":\"" + token + "\"}").contains("\"ID\":\"1\""));
        // accepted as the real portal accepts it, and reported: the documented URL has single slashes
        java.net.http.HttpResponse<String> answered = send(webhook + "/user.current", "{}");
        assertTrue(answered.headers().allValues("X-B24-Emulator-Warning").stream().anyMatch(w -> w.startsWith("Repeated slashes")),
                answered.headers().map().toString());
        // a base URL ending in '/' before "/rest/...": the router merges these, and the deviation is reported too
        java.net.http.HttpResponse<String> leading = send(base() + "/" + webhook.substring(base().length()) + "user.current", "{}");
        assertEquals(200, leading.statusCode(), leading.body());
        assertTrue(leading.headers().allValues("X-B24-Emulator-Warning").stream().anyMatch(w -> w.startsWith("Repeated slashes")),
                leading.headers().map().toString());
    }

    /**
     * What reading the request noticed follows the portal's mode, as the parameters' deviations do (D27): reported in
     * warn, refused in strict, not checked in off.
     */
    @Test
    void theRequestsFormFollowsThePortalsValidationMode() throws Exception {
        java.net.http.HttpResponse<String> warned = send(webhook + "/user.current", "{}");
        assertEquals(200, warned.statusCode());
        given().contentType(ContentType.JSON).body(Map.of("validation", "strict"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        java.net.http.HttpResponse<String> refused = send(webhook + "/user.current", "{}");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("\"ERROR_ARGUMENT\"") && refused.body().contains("Repeated slashes")
                && refused.body().contains("the real portal would have accepted it (strict mode)"), refused.body());
        given().contentType(ContentType.JSON).body(Map.of("validation", "off"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        java.net.http.HttpResponse<String> unchecked = send(webhook + "/user.current", "{}");
        assertEquals(200, unchecked.statusCode());
        assertEquals(List.of(), unchecked.headers().allValues("X-B24-Emulator-Warning"));
    }

    /**
     * A method the real server keeps for applications refuses a webhook before anything of the request is read, so
     * strict mode's refusal of its form, and the documented refusal of a missing parameter, do not hide it: a client
     * told "would have accepted it" would fix its form and still be refused.
     */
    @Test
    void aWebhookIsRefusedAnApplicationsMethodBeforeItsRequestIsChecked() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("validation", "strict"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        for (String method : List.of("event.bind", "event.offline.get", "placement.bind")) {
            java.net.http.HttpResponse<String> refused = send(webhook + "/" + method, "{\"event\":[1]}");
            assertEquals(403, refused.statusCode(), method + ": " + refused.body());
            assertTrue(refused.body().contains("\"error\":\"WRONG_AUTH_TYPE\""), method + ": " + refused.body());
        }
        given().contentType(ContentType.JSON).body(Map.of("validation", "warn"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").post(webhook + "placement.bind").then().statusCode(403)
                .body("error", equalTo("WRONG_AUTH_TYPE"))
                .body("error_description", equalTo("Current authorization type is denied for this method Application context required"));
        // in a batch too, and an application is still let through to the method's own checks
        given().contentType(ContentType.JSON).body("{\"cmd\":{\"a\":\"event.get\"}}").post(webhook + "batch").then()
                .statusCode(200).body("result.result_error.a.error", equalTo("WRONG_AUTH_TYPE"));
        String token = telephonyApp("local.events").getString("access_token");
        given().contentType(ContentType.JSON).body(Map.of("auth", token)).post(base() + "/rest/event.get").then()
                .statusCode(200).body("result", equalTo(List.of()));
    }

    /**
     * JSON the real server would not decode, read all the same and reported: it decodes JSON only under
     * application/json, and its json_decode fails on a byte order mark (D7); either way it finds no parameters.
     */
    @Test
    void jsonTheServerWouldNotDecodeIsReported() {
        String register = "{\"USER_ID\":2,\"PHONE_NUMBER\":\"+79990000041\",\"TYPE\":2,\"SHOW\":0}";
        for (String type : List.of("text/json", "application/octet-stream", "Application/JSON")) {
            given().contentType(type).body(register.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post(webhook + "telephony.externalcall.register").then()
                    .statusCode(200).header("X-B24-Emulator-Warning", org.hamcrest.Matchers.startsWith(
                            "The body was read as JSON, but its Content-Type is " + type));
        }
        given().contentType("application/json; charset=utf-8").body(register)
                .post(webhook + "telephony.externalcall.register").then().statusCode(200)
                .header("X-B24-Emulator-Warning", nullValue());
        given().contentType(ContentType.JSON).body("null").post(webhook + "user.current").then().statusCode(200)
                .header("X-B24-Emulator-Warning", startsWith("The JSON body is null, not an object of parameters"));
        byte[] bom = ("\ufeff" + register).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().contentType(ContentType.JSON).body(bom).post(webhook + "telephony.externalcall.register").then()
                .statusCode(200).header("X-B24-Emulator-Warning", org.hamcrest.Matchers.startsWith(
                        "The JSON body starts with a byte order mark"));
    }

    /**
     * A header carries printable ASCII only: a character outside it is written as backslash-u and four hex digits, so
     * a Cyrillic name stays readable (it used to be "???"), and the journal keeps the text as sent.
     */
    @Test
    void aWarningsNonAsciiTextIsEscapedInItsHeaderAndKeptInTheJournal() {
        given().contentType(ContentType.JSON).body("{\"\u0418\u041c\u042f\":\"\u0418\u0432\u0430\u043d\"}")
                .post(webhook + "user.current").then().statusCode(200).header("X-B24-Emulator-Warning",
                        startsWith("Unknown parameter \\u0418\\u041c\\u042f: user.current does not document it"));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?limit=1").then().statusCode(200)
                .body("[0].warnings[0]", startsWith("Unknown parameter \u0418\u041c\u042f: "));
    }

    /** A form name PHP reads otherwise ("USER.ID" as USER_ID) is read as it reads it, and reported. */
    @Test
    void formNamesAreReadAsPhpReadsThem() {
        given().contentType("application/x-www-form-urlencoded").body("USER.ID=2&PHONE_NUMBER=%2B79990000051&TYPE=2&SHOW=0")
                .post(webhook + "telephony.externalcall.register").then().statusCode(200)
                .header("X-B24-Emulator-Warning", startsWith("The form name \"USER.ID\" was read as USER_ID"));
    }

    private static String post(String url, String json) throws Exception {
        java.net.http.HttpResponse<String> response = send(url, json);
        assertEquals(200, response.statusCode(), url + " -> " + response.body());
        return response.body();
    }

    private static java.net.http.HttpResponse<String> send(String url, String json) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response;
    }

    @Test
    void anEmptyJsonListIsNoParametersAsPhpDecodesIt() {
        for (String method : List.of("user.current", "telephony.externalLine.get", "crm.settings.mode.get")) {
            given().contentType(ContentType.JSON).body("[]").post(webhook + method + "/").then().statusCode(200);
        }
        // a list with items is parameters named 0, 1, ... as json_decode(..., true) gives them
        given().contentType(ContentType.JSON).body("[\"+79990000001\"]").post(webhook + "telephony.externalCall.searchCrmEntities")
                .then().statusCode(400).body("error_description", equalTo("PHONE_NUMBER is empty"));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?limit=1").then()
                .body("[0].params", hasKey("0"));
        // a scalar or null body carries no parameters
        given().contentType(ContentType.JSON).body("null").post(webhook + "user.current").then().statusCode(200);
        given().contentType(ContentType.JSON).body("42").post(webhook + "user.current").then().statusCode(200);
    }

    @Test
    void arrayParametersSentAsJsonListsAreReadAsPhpDecodesThem() throws Exception {
        // PHP's json_encode writes an empty array as [], so PHP SDKs send "fields": [], "params": [], "FILTER": [];
        // the server's is_array takes a list as it takes an object (D149): both shapes get one answer, in both modes
        for (String validation : List.of("warn", "strict", "off")) {
            given().contentType(ContentType.JSON).body(Map.of("validation", validation))
                    .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
            for (String[] shape : new String[][]{{"crm.lead.add", "{\"fields\":%s}"},
                    {"crm.contact.add", "{\"fields\":{\"NAME\":\"Ivan\"},\"params\":%s}"},
                    {"crm.lead.update", "{\"id\":1,\"fields\":%s}"}, {"crm.activity.add", "{\"fields\":%s}"},
                    {"crm.activity.update", "{\"id\":1,\"fields\":%s}"}, {"crm.status.add", "{\"fields\":%s}"},
                    {"crm.timeline.comment.add", "{\"fields\":%s}"}}) {
                java.net.http.HttpResponse<String> object = send(webhook + shape[0], shape[1].formatted("{}"));
                java.net.http.HttpResponse<String> list = send(webhook + shape[0], shape[1].formatted("[]"));
                String what = validation + " " + shape[0] + ": " + object.body() + " / " + list.body();
                assertEquals(object.statusCode(), list.statusCode(), what);
                assertEquals(outcome(object.body()), outcome(list.body()), what);
            }
        }
        given().contentType(ContentType.JSON).body(Map.of("validation", "warn"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        // a lead from an empty array, as from an empty object: the server's defaults
        String lead = post(webhook + "crm.lead.add", "{\"fields\":[]}").replaceAll(".*\"result\":(\\d+).*", "$1");
        call("crm.lead.get", Map.of("id", lead)).then().body("result.STATUS_ID", equalTo("NEW"));
        // FILTER: [] is an empty filter (User::userGet: isset and is_array), not the request's own keys
        int users = call("user.get", Map.of()).then().statusCode(200).extract().path("total");
        given().contentType(ContentType.JSON).body("{\"FILTER\":[]}").post(webhook + "user.get").then().statusCode(200)
                .body("total", equalTo(users));
        // a list with items is keyed 0, 1, …: no field of the object, dropped and reported as the server ignores it
        java.net.http.HttpResponse<String> keyed = send(webhook + "crm.contact.add", "{\"fields\":[\"Ivan\"]}");
        assertEquals(200, keyed.statusCode(), keyed.body());
        assertTrue(keyed.headers().allValues("X-B24-Emulator-Warning").stream().anyMatch(w -> w.contains("fields 0")),
                keyed.headers().map().toString());
        // a scalar is still no array
        given().contentType(ContentType.JSON).body("{\"fields\":\"Ivan\"}").post(webhook + "crm.contact.add").then()
                .statusCode(400).body("error_description", equalTo("Parameter 'fields' must be array."));
    }

    /** The error and its text, or "result" for a success: what a client branches on. */
    private static String outcome(String body) throws Exception {
        com.fasterxml.jackson.databind.JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        return answer.has("error") ? answer.path("error").asText() + ": " + answer.path("error_description").asText()
                : "result";
    }

    @Test
    void nullOptionalsAreUnsetInEveryMethod() {
        Map<String, Object> register = new HashMap<>();
        register.put("USER_ID", 2);
        register.put("USER_PHONE_INNER", null);
        register.put("PHONE_NUMBER", "+79990000001");
        register.put("TYPE", 2);
        register.put("CALL_START_DATE", null);
        register.put("CRM_CREATE", null);
        register.put("CRM_SOURCE", null);
        register.put("CRM_ENTITY_TYPE", null);
        register.put("CRM_ENTITY_ID", null);
        register.put("SHOW", null);
        register.put("CALL_LIST_ID", null);
        register.put("LINE_NUMBER", null);
        register.put("EXTERNAL_CALL_ID", null);
        String callId = call("telephony.externalcall.register", register).then().statusCode(200)
                .body("result.CRM_ENTITY_ID", equalTo(1)).extract().path("result.CALL_ID");

        Map<String, Object> finish = new HashMap<>();
        finish.put("CALL_ID", callId);
        finish.put("USER_ID", 2);
        finish.put("DURATION", 30);
        finish.put("COST", null);
        finish.put("COST_CURRENCY", null);
        finish.put("STATUS_CODE", null);
        finish.put("FAILED_REASON", null);
        finish.put("RECORD_URL", null);
        finish.put("VOTE", null);
        finish.put("ADD_TO_CHAT", null);
        call("telephony.externalcall.finish", finish).then().statusCode(200).body("result.CALL_FAILED_CODE", equalTo("200"));

        Map<String, Object> record = new HashMap<>();
        record.put("CALL_ID", callId);
        record.put("FILENAME", "call.mp3");
        record.put("FILE_CONTENT", null);
        record.put("RECORD_URL", null);
        call("telephony.externalCall.attachRecord", record).then().statusCode(200)
                .body("result.uploadUrl", startsWith(base()));
        // an empty value from a form is unset too, where PHP's empty() reads it so
        given().contentType("application/x-www-form-urlencoded")
                .body("USER_ID=2&PHONE_NUMBER=%2B79990000002&TYPE=2&CRM_SOURCE=&CRM_ENTITY_ID=&CALL_LIST_ID=&SHOW=")
                .post(webhook + "telephony.externalcall.register.json").then().statusCode(200);
    }

    /** The methods SDKs call first, sent as PHP SDKs send them: [] for no parameters, null for each unset optional. */
    @Test
    void theCommonMethodsTakeWhatPhpSdksSend() {
        for (String method : List.of("profile", "server.time", "scope", "methods", "method.get", "app.info", "user.fields",
                "crm.lead.fields", "crm.contact.fields", "crm.company.fields", "crm.deal.fields", "crm.activity.fields",
                "crm.status.list", "crm.enum.settings.mode")) {
            given().contentType(ContentType.JSON).body("[]").post(webhook + method + "/").then().statusCode(200)
                    .header("X-B24-Emulator-Warning", nullValue());
        }
        sdk("scope", "{\"full\":null}").then().body("result.size()", equalTo(13));
        sdk("methods", "{\"full\":null,\"scope\":null}").then().body("result", hasItem("user.get"));
        sdk("method.get", "{\"name\":null}").then().body("result.isExisting", equalTo(false));
        sdk("crm.status.list", "{\"order\":null,\"filter\":{\"ENTITY_ID\":\"SOURCE\"},\"start\":null}").then()
                .body("total", equalTo(12));
        sdk("user.update", "{\"ID\":2,\"NAME\":\"Ivan\",\"LAST_NAME\":null,\"EMAIL\":null,\"ACTIVE\":null,"
                + "\"UF_PHONE_INNER\":null,\"UF_DEPARTMENT\":null,\"PERSONAL_PHOTO\":null}").then().body("result", equalTo(true));
        call("user.get", Map.of("ID", 2)).then().body("result[0].LAST_NAME", equalTo("Operator"))
                .body("result[0].UF_PHONE_INNER", equalTo("101")).body("result[0].ACTIVE", equalTo(true));
        sdk("user.add", "{\"EMAIL\":\"sdk@example.com\",\"NAME\":null,\"PERSONAL_PHONE\":null,\"WORK_PHONE\":null,"
                + "\"UF_DEPARTMENT\":[1],\"EXTRANET\":null,\"SONET_GROUP_ID\":null}").then().body("result", equalTo(5));
        // inside fields, null is unset for the server too (isset): answered alike, if reported
        given().contentType(ContentType.JSON).body("{\"fields\":{\"OWNER_TYPE_ID\":3,\"OWNER_ID\":1,\"TYPE_ID\":2,"
                + "\"SUBJECT\":\"SDK call\",\"RESPONSIBLE_ID\":2,\"COMMUNICATIONS\":[{\"VALUE\":\"+79990000001\","
                + "\"ENTITY_ID\":1,\"ENTITY_TYPE_ID\":3,\"TYPE\":null}],\"START_TIME\":null,\"END_TIME\":null,"
                + "\"DESCRIPTION\":null,\"PRIORITY\":null,\"FILES\":null},\"params\":null}")
                .post(webhook + "crm.activity.add").then().statusCode(200).body("result", equalTo(1));
        given().contentType(ContentType.JSON).body("{\"id\":1,\"fields\":{\"COMPLETED\":\"Y\",\"DESCRIPTION\":null}}")
                .post(webhook + "crm.activity.update").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"fields\":{\"ENTITY_ID\":1,\"ENTITY_TYPE\":\"contact\","
                + "\"COMMENT\":\"SDK\",\"FILES\":null}}").post(webhook + "crm.timeline.comment.add").then().statusCode(200);
    }

    private io.restassured.response.Response sdk(String method, String json) {
        io.restassured.response.Response response = given().contentType(ContentType.JSON).body(json).post(webhook + method);
        response.then().statusCode(200).header("X-B24-Emulator-Warning", nullValue());
        return response;
    }

    @Test
    void formVariablesBeyondPhpsMaxInputVarsAreDropped() {
        StringBuilder body = new StringBuilder("PHONE_NUMBER=%2B79990000001");
        for (int i = 0; i < 40_000; i++) {
            body.append("&a[]=").append(i);
        }
        given().contentType("application/x-www-form-urlencoded").body(body.toString())
                .post(webhook + "telephony.externalCall.searchCrmEntities").then().statusCode(200)
                .body("result[0].CRM_ENTITY_ID", equalTo(1));
        List<Object> kept = given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?limit=1")
                .then().extract().path("[0].params.a");
        assertEquals(1000, kept.size(), "PHONE_NUMBER and 1000 items of a[]: PHP's POST reader counts a variable"
                + " after reading it, so it keeps 1001");
        given().contentType("application/x-www-form-urlencoded").body("&&&&&" + body)
                .post(webhook + "telephony.externalCall.searchCrmEntities").then().statusCode(200);
        kept = given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?limit=1")
                .then().extract().path("[0].params.a");
        assertEquals(995, kept.size(), "five empty pieces count as variables there");
        given().queryParam("q", "1").contentType("text/plain").body(body.toString())
                .post(webhook + "telephony.externalCall.searchCrmEntities").then().statusCode(200);
        kept = given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?limit=1")
                .then().extract().path("[0].params.a");
        assertEquals(999, kept.size(), "parse_str, which reads a text/plain body, keeps 1000 variables");
    }

    /**
     * A body's odd corners as PHP 8.2 reads them (audits 60c and 60f, each checked against php -S): a urlencoded
     * body is $_POST, untrimmed; any other body is trim()med of PHP's six characters only, a JSON one too (a C client
     * sending its buffer's NUL works on a portal); a multipart type in any case is multipart.
     */
    @Test
    void bodiesAreTrimmedAndTypedAsPhpReadsThem() throws Exception {
        int id = given().contentType("application/x-www-form-urlencoded").body("fields[NAME]=Lf%0A&fields[LAST_NAME]=x\n")
                .post(webhook + "crm.contact.add").then().statusCode(200).extract().path("result");
        given().get(webhook + "crm.contact.get?id=" + id).then().body("result.NAME", equalTo("Lf\n"))
                .body("result.LAST_NAME", equalTo("x\n"));
        id = given().contentType("text/plain").body("fields[NAME]=Text\n\u000b")
                .post(webhook + "crm.contact.add").then().statusCode(200).extract().path("result");
        given().get(webhook + "crm.contact.get?id=" + id).then().body("result.NAME", equalTo("Text"));
        for (String padded : List.of("{\"PHONE_NUMBER\":\"+79990000002\"}\u0000", "\u0000\u000b {\"PHONE_NUMBER\":\"+79990000002\"}")) {
            given().contentType(ContentType.JSON).body(padded.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post(webhook + "telephony.externalCall.searchCrmEntities").then().statusCode(200)
                    .body("result[0].CRM_ENTITY_ID", equalTo(2));
        }
        given().contentType(ContentType.JSON).body("{\"PHONE_NUMBER\":\"+79990000002\"}\u0001")
                .post(webhook + "telephony.externalCall.searchCrmEntities").then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"));
        String multipart = "--BNDRY\r\nContent-Disposition: form-data; name=\"PHONE_NUMBER\"\r\n\r\n+79990000002\r\n"
                + "--BNDRY--\r\n";
        String answer = raw("POST " + path(webhook) + "telephony.externalCall.searchCrmEntities HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: Multipart/Form-Data; boundary=BNDRY\r\nContent-Length: "
                + multipart.length() + "\r\nConnection: close\r\n\r\n" + multipart);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\"CRM_ENTITY_ID\":2"), answer);
    }

    /**
     * The telephony methods' server (vi_rest.php) reads {@code $params['USER_ID']} as written: a lower-case name is
     * not read there, whatever the validation mode, and reported; the CRM methods resolve either spelling, and
     * voximplant.sip.* and statistic.get upper-case the keys (D29, audit 61a: register took user_id here).
     */
    @Test
    void telephonyMethodsReadTheirParametersOnlyAsDocumented() {
        for (String mode : List.of("warn", "off")) {
            given().contentType(ContentType.JSON).body(Map.of("validation", mode))
                    .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
            var refused = given().contentType(ContentType.JSON)
                    .body("{\"user_id\":1,\"PHONE_NUMBER\":\"+79990000061\",\"TYPE\":2}")
                    .post(webhook + "telephony.externalcall.register").then().statusCode(400)
                    .body("error_description", equalTo("USER_ID or USER_PHONE_INNER should be set"));
            if (mode.equals("warn")) {
                refused.header("X-B24-Emulator-Warning", equalTo("Parameter user_id was not read: the real server"
                        + " reads telephony.externalcall.register's parameters only as documented (USER_ID), and"
                        + " ignores it"));
            }
            given().formParam("phone_number", "+79990000001").post(webhook + "telephony.externalCall.searchCrmEntities")
                    .then().statusCode(400).body("error_description", equalTo("PHONE_NUMBER is empty"));
            given().formParam("fields[NAME]", "Lower").post(webhook + "crm.contact.add").then().statusCode(200);
            given().formParam("Fields[NAME]", "Mixed").post(webhook + "crm.contact.add").then().statusCode(200);
            given().formParam("filter[CONFIG_ID]", "1").post(webhook + "voximplant.sip.get").then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body("{\"halt\":0,\"cmd\":{\"a\":"
                        + "\"telephony.externalCall.searchCrmEntities?phone_number=%2B79990000001\"}}")
                .post(webhook + "batch").then().statusCode(200)
                .body("result.result_error.a.error_description", equalTo("PHONE_NUMBER is empty"));
    }

    /**
     * A method path as nginx and the portal read it: nginx resolves dot segments, and the page path is
     * rawurldecode'd, so user%2Ecurrent runs user.current there (audit 60c); read so, and reported.
     */
    @Test
    void aMethodPathIsReadAsNginxAndThePortalReadIt() throws Exception {
        for (String method : List.of("user%2Ecurrent", "us%65r.current", "x/../user.current", "./user.current",
                "%2e%2e/" + path(webhook).substring("/rest/".length()) + "user.current")) {
            String answer = raw("GET " + path(webhook) + method + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200"), method + ": " + answer);
            assertTrue(answer.contains("Percent-escapes or dot segments in the path were resolved"), answer);
        }
        String plain = raw("GET " + path(webhook) + "user.current HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertFalse(plain.contains("Percent-escapes"), plain);
        // a path that resolves to no method is 404, reported unless the portal validates nothing (audit 61e)
        String nowhere = "GET " + path(webhook) + "user.current/.. HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        assertTrue(raw(nowhere).contains("Percent-escapes or dot segments"), raw(nowhere));
        given().contentType(ContentType.JSON).body(Map.of("validation", "off"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        String silent = raw(nowhere);
        assertTrue(silent.startsWith("HTTP/1.1 404"), silent);
        assertFalse(silent.contains("X-B24-Emulator-Warning"), silent);
        given().contentType(ContentType.JSON).body(Map.of("validation", "warn"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
    }

    @Test
    void anH2cUpgradeWithoutConnectionUpgradeIsAnsweredInHttp11() throws Exception {
        String response = raw("GET " + path(webhook) + "user.current HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.contains("\"ID\":\"1\""), response);
    }

    @Test
    void wrongCredentialsAreRefusedWithoutWaitingForTheBody() throws Exception {
        // headers announce 10 MB that never come: the refusal must not wait for them
        String response = raw("POST /rest/1/wrong-token/user.current HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\na=1");
        assertTrue(response.startsWith("HTTP/1.1 401"), response);
        assertTrue(response.contains("NO_AUTH_FOUND"), response);
    }

    /**
     * A refusal judged from the URL is answered once the body is read, as the real server reads it, and the
     * connection stays open: the next request on it is answered, and the refused body, though it looks like a
     * request, is never taken for one.
     */
    @Test
    void aRefusedRequestsBodyIsReadAndTheConnectionServesTheNextRequest() throws Exception {
        String smuggled = "GET " + path(webhook) + "user.current HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String response = raw("POST /rest/1/wrong-token/user.current HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + smuggled.length() + "\r\n\r\n"
                + smuggled
                + "GET " + path(webhook) + "profile HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String[] answers = response.split("(?=HTTP/1\\.1 )");
        assertEquals(2, answers.length, response);
        assertTrue(answers[0].startsWith("HTTP/1.1 401") && answers[0].contains("NO_AUTH_FOUND"), answers[0]);
        assertFalse(answers[0].toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answers[0]);
        assertTrue(answers[1].startsWith("HTTP/1.1 200") && answers[1].contains("\"ADMIN\""), answers[1]);
    }

    @Test
    void aClockMovedBeyondTheRepresentableRangeIsRefusedAndNothingBreaks() {
        given().contentType(ContentType.JSON).body(Map.of("advance", "PT2562047788015215H"))
                .post(base() + "/_emulator/clock").then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", equalTo("The clock must stay between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z"));
        given().contentType(ContentType.JSON).body(Map.of("advance", "P3000000D"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/clock").then().statusCode(400);
        given().get(base() + "/_emulator/portals").then().statusCode(200);
        call("user.current", Map.of()).then().statusCode(200);
    }

    @Test
    void urlsInAnswersFollowTheHostEachRequestNamed() throws Exception {
        String register = "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79990001122\",\"TYPE\":2}";
        String registered = raw("POST " + path(webhook) + "telephony.externalcall.register HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + register.length() + "\r\nConnection: close\r\n\r\n"
                + register);
        String callId = registered.replaceAll("(?s).*\"CALL_ID\":\"([^\"]+)\".*", "$1");
        String finish = "{\"CALL_ID\":\"" + callId + "\",\"USER_ID\":1,\"DURATION\":30}";
        assertTrue(raw("POST " + path(webhook) + "telephony.externalcall.finish HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + finish.length() + "\r\nConnection: close\r\n\r\n"
                + finish).startsWith("HTTP/1.1 200"));
        String attach = "{\"CALL_ID\":\"" + callId + "\",\"FILENAME\":\"talk.wav\"}";
        // alternating hosts, each answered with its own address; a Host that is no host name gets the default one
        String[][] hosts = {{"a.example:1111", "http://a.example:1111/"}, {"b.example", "http://b.example/"},
                {"a.example:1111", "http://a.example:1111/"}, {"a.example:2222", "http://a.example:2222/"},
                {"b.example:2222", "http://b.example:2222/"}, {"bad host!", base() + "/"}, {"b.example", "http://b.example/"}};
        for (String[] host : hosts) {
            String answer = raw("POST " + path(webhook) + "telephony.externalCall.attachRecord HTTP/1.1\r\nHost: " + host[0]
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + attach.length()
                    + "\r\nConnection: close\r\n\r\n" + attach);
            assertTrue(answer.contains("\"uploadUrl\":\"" + host[1] + "upload/record/"), host[0] + " -> " + answer);
        }
    }

    /**
     * What SDKs of other shapes send: a batch whose commands carry the application's auth (MikoPBX's module), which
     * the server's batch takes as the command's auth key, never a parameter; a list's START in upper case, which the
     * server does not read as start (first page, reported); an ORDER sent in other case, reported as it was given.
     */
    @Test
    void batchCommandAuthAndUpperCaseStartAreReadAsTheServerReadsThem() {
        String token = telephonyApp("local.miko").getString("access_token");
        for (String validation : List.of("warn", "strict")) {
            given().contentType(ContentType.JSON).body(Map.of("validation", validation))
                    .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
            oauth(token, "batch", Map.of("halt", 0, "cmd", Map.of(
                    "users", "user.get?FILTER[ACTIVE]=Y&auth=" + token,
                    "stale", "crm.contact.list?select[]=ID&auth=an-old-token")))
                    .then().statusCode(200).header("X-B24-Emulator-Warning", nullValue())
                    .body("result.result_error", equalTo(List.of()))
                    .body("result.result.stale[0].ID", equalTo("1"));
        }
        given().contentType(ContentType.JSON).body(Map.of("validation", "warn"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        for (int i = 0; i < 55; i++) {
            call("crm.lead.add", Map.of("fields", Map.of("TITLE", "lead " + i)));
        }
        call("crm.lead.list", Map.of("start", 50, "select", List.of("ID"))).then().body("result[0].ID", not(equalTo("1")));
        String first = call("crm.lead.list", Map.of("select", List.of("ID"))).then().extract().path("result[0].ID");
        io.restassured.response.Response upper = call("crm.lead.list", Map.of("START", 50, "select", List.of("ID")));
        upper.then().body("result[0].ID", equalTo(first)).body("next", equalTo(50));
        assertTrue(upper.headers().getValues("X-B24-Emulator-Warning").stream()
                .anyMatch(w -> w.startsWith("Parameter START is not start")), upper.headers().toString());
        io.restassured.response.Response ordered = call("voximplant.statistic.get", Map.of("order", Map.of("ID", "ASC")));
        ordered.then().statusCode(200);
        assertTrue(ordered.headers().getValues("X-B24-Emulator-Warning").stream()
                .anyMatch(w -> w.contains("{\"ID\":\"ASC\"} given")), ordered.headers().toString());
    }

    private static String raw(String request) throws Exception {
        return RawHttp.exchange(base(), request);
    }

    private static String path(String url) {
        return java.net.URI.create(url).getPath();
    }
}
