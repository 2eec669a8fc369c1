package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines, SIP connections, employees' phones, links and voices, rights and state of the built-in telephony. */
class VoximplantApiTest extends AppHarness {
    private static final Map<String, Object> CLOUD = Map.of("TYPE", "cloud", "TITLE", "SIP line 1",
            "SERVER", "https://sip.provider.com", "LOGIN", "sip_user", "PASSWORD", "secret");

    private String control(String path) {
        return base() + "/_emulator/portals/" + portal.id() + "/voximplant" + path;
    }

    private Response controlPatch(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).patch(control(path));
    }

    @Test
    void sipConnectionsAreTheApplicationsLinesAndTheFirstBecomesTheDefault() {
        // the demo portal rents one number, its default outgoing line
        call("voximplant.line.get", Map.of()).then().statusCode(200)
                .body("result", equalTo(Map.of("74951112233", "Moscow office")));
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("74951112233"));
        call("voximplant.line.outgoing.set", Map.of("LINE_ID", "LINK_BASE_NUMBER")).then().body("result", equalTo(1));
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("LINK_BASE_NUMBER"));

        Response added = call("voximplant.sip.add", CLOUD);
        added.then().statusCode(200).body("result.ID", equalTo("1")).body("result.CONFIG_ID", equalTo("2"))
                .body("result.REG_ID", equalTo(150001)).body("result.SERVER", equalTo("sip.provider.com"))
                .body("result.PASSWORD", equalTo("secret")).body("result.REGISTRATION_STATUS_CODE", nullValue())
                .body("result", not(hasKey("INCOMING_SERVER")));
        call("voximplant.sip.add", Map.of("TYPE", "office", "SERVER", "office.local", "LOGIN", "office_user"))
                .then().statusCode(200).body("result.INCOMING_LOGIN", equalTo("sip3"))
                .body("result.REGISTRATION_STATUS_CODE", equalTo(0)) // no registration to read: sip-get.md's "0"
                .body("result.INCOMING_SERVER", equalTo("ip." + portal.id().toLowerCase() + ".bitrixphone.com"))
                .body("result.INCOMING_PASSWORD", matchesPattern("[0-9a-f]{32}")).body("result", not(hasKey("REG_ID")))
                .body("result.TITLE", equalTo(""));

        call("voximplant.line.get", Map.of()).then().body("result", equalTo(Map.of("74951112233", "Moscow office",
                "reg150001", "SIP line 1", "sip3", "Office PBX (3)")));
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("reg150001"));
        call("voximplant.line.outgoing.sip.set", Map.of("CONFIG_ID", 3)).then().body("result", equalTo(1));
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("sip3"));
        call("voximplant.line.outgoing.set", Map.of("LINE_ID", "nowhere")).then().body("result", equalTo(1));
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("sip3"));
        call("voximplant.line.outgoing.sip.set", Map.of("CONFIG_ID", 99)).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("error_description", equalTo("Specified CONFIG_ID is not found"));

        call("voximplant.sip.get", Map.of("FILTER", Map.of("CONFIG_ID", List.of(2, 3)), "SORT", "CONFIG_ID", "ORDER", "DESC"))
                .then().body("total", equalTo(2)).body("result[0].CONFIG_ID", equalTo("3"))
                .body("result[1].REG_ID", equalTo("150001")).body("result[0]", not(hasKey("ID")));
        call("voximplant.sip.status", Map.of("REG_ID", 150001)).then().statusCode(200)
                .body("result.STATUS_RESULT", equalTo("success")).body("result.STATUS_CODE", equalTo(200))
                .body("result.LAST_UPDATED", matchesPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        call("voximplant.sip.get", Map.of("FILTER", Map.of("TYPE", "cloud"))).then()
                .body("result[0].REGISTRATION_STATUS_CODE", equalTo("200"));

        // an application sees none of the webhook's connections and cannot change them
        String token = telephonyApp("local.pbx").getString("access_token");
        // (sipGet answers a count of 0 with [] alone, no total: D143)
        oauth(token, "voximplant.sip.get", Map.of("FILTER", Map.of("APP_ID", ""))).then().body("result.size()", equalTo(0))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("total")));
        oauth(token, "voximplant.sip.update", Map.of("CONFIG_ID", 2, "TITLE", "mine")).then().statusCode(404)
                .body("error", equalTo("ERROR_NOT_FOUND"));
        oauth(token, "voximplant.sip.delete", Map.of("CONFIG_ID", 2)).then().statusCode(400)
                .body("error", equalTo("ERROR_NOT_FOUND"));

        call("voximplant.sip.update", Map.of("CONFIG_ID", 2, "TITLE", "Office PBX (3)")).then().statusCode(400)
                .body("error", equalTo("TITLE_EXISTS"));
        call("voximplant.sip.update", Map.of("CONFIG_ID", 2, "LOGIN", "other")).then().body("result", equalTo(1));
        call("voximplant.sip.get", Map.of("FILTER", Map.of("%LOGIN", "OTH"))).then().body("total", equalTo(1))
                .body("result[0].REGISTRATION_STATUS_CODE", equalTo("0"));
        // TYPE, read by sipUpdate though its page does not list it: checked as given when a field changes, never applied
        call("voximplant.sip.update", Map.of("CONFIG_ID", 2, "TYPE", "office", "TITLE", "Cloud still")).then()
                .body("result", equalTo(1)).header("X-B24-Emulator-Warning", nullValue());
        call("voximplant.sip.update", Map.of("CONFIG_ID", 2, "TYPE", "Cloud", "SERVER", "")).then().statusCode(400)
                .body("error", equalTo("CHECK_FIELDS_ERROR"));
        patchSettings("{\"validation\": \"off\"}");
        call("voximplant.sip.update", Map.of("CONFIG_ID", 2, "TYPE", "Cloud", "SERVER", "")).then().statusCode(400)
                .body("error_description", equalTo("Incorrect PBX type<br> Server address not specified"));
        patchSettings("{\"validation\": \"warn\"}");
        call("voximplant.sip.update", Map.of("CONFIG_ID", 2, "TYPE", "Cloud")).then().body("result", equalTo(1));
        call("voximplant.sip.get", Map.of("FILTER", Map.of("CONFIG_ID", 2))).then()
                .body("result[0].TYPE", equalTo("cloud")).body("result[0].TITLE", equalTo("Cloud still"));
        call("voximplant.sip.delete", Map.of("CONFIG_ID", 3)).then().body("result", equalTo(1));
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("LINK_BASE_NUMBER"));
        // any configuration of the portal, a rented number's too (SetPortalNumberByConfigId)
        call("voximplant.line.outgoing.sip.set", Map.of("CONFIG_ID", 1)).then().body("result", equalTo(1));
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("74951112233"));
    }

    @Test
    void aPortalWithoutLinesAnswersAnEmptyListAndTheServiceLine() {
        var empty = emulator.portals().create(new dev.b24emu.emulator.internal.portal.PortalRegistry.PortalSpec(
                null, null, null, null, emulator.portals().seeds().empty()));
        String hook = emulator.webhookUrl(empty);
        callOn(hook, "voximplant.line.get", Map.of()).then().statusCode(200).body("result", equalTo(List.of()));
        callOn(hook, "voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("LINK_BASE_NUMBER"));
        callOn(hook, "voximplant.statistic.get", Map.of()).then().body("result", equalTo(List.of()))
                .body("total", equalTo(0));
    }

    @Test
    void sipAddChecksFieldsTheCloudLimitAndNames() {
        Map<String, Object> noServer = new HashMap<>(CLOUD);
        noServer.remove("SERVER");
        call("voximplant.sip.add", noServer).then().statusCode(400).body("error", equalTo("CHECK_FIELDS_ERROR"))
                .body("error_description", equalTo("Server address not specified"));
        Map<String, Object> longPassword = new HashMap<>(CLOUD);
        longPassword.put("PASSWORD", "p".repeat(101));
        call("voximplant.sip.add", longPassword).then().statusCode(400)
                .body("error_description", equalTo("Password for connecting to the server cannot exceed 100 characters"));
        for (int i = 1; i <= 10; i++) {
            call("voximplant.sip.add", Map.of("SERVER", "s" + i, "LOGIN", "l")).then().statusCode(200);
        }
        call("voximplant.sip.add", Map.of("SERVER", "s11", "LOGIN", "l")).then().statusCode(400)
                .body("error", equalTo("MAX_CLOUD_PBX")).body("error_description", equalTo("You cannot connect more than 10 virtual PBXs."));
        call("voximplant.sip.add", Map.of("TYPE", "office", "SERVER", "s", "LOGIN", "l", "TITLE", "Moscow office"))
                .then().statusCode(400).body("error", equalTo("TITLE_EXISTS"));
        // with validation off the method's own checks answer every problem at once, as the server joins them
        patchSettings("{\"validation\": \"off\"}");
        call("voximplant.sip.add", Map.of("TYPE", "office")).then().statusCode(400).body("error_description",
                equalTo("Server address not specified<br> Login for connecting to the server not specified"));
    }

    @Test
    void theRegistrarCanLoseACloudPbx() {
        int regId = call("voximplant.sip.add", CLOUD).then().extract().path("result.REG_ID");
        controlPatch("/sip/" + regId + "/registration", "{\"result\": \"error\", \"statusCode\": 502, "
                + "\"errorMessage\": \"Unable to resolve hostname\"}").then().statusCode(200)
                .body("registration.result", equalTo("error"));
        call("voximplant.sip.status", Map.of("REG_ID", regId)).then().body("result.STATUS_RESULT", equalTo("error"))
                .body("result.ERROR_MESSAGE", equalTo("Unable to resolve hostname"));
        call("voximplant.sip.get", Map.of()).then().body("result[0].REGISTRATION_STATUS_CODE", equalTo("502"));
        controlPatch("/sip/" + regId + "/registration", "{\"lost\": true}").then().statusCode(200);
        call("voximplant.sip.status", Map.of("REG_ID", regId)).then().statusCode(400)
                .body("error", equalTo("REG_ID_NOT_FOUND")).body("error_description", equalTo("Settings not found"));
        call("voximplant.sip.delete", Map.of("CONFIG_ID", 2)).then().statusCode(400).body("error", equalTo("REG_ID_NOT_FOUND"));
        call("voximplant.sip.status", Map.of("REG_ID", 1)).then().statusCode(400).body("error", equalTo("REG_ID_NOT_FOUND"));
    }

    @Test
    void connectorStatusFollowsThePortalsSettings() {
        call("voximplant.sip.connector.status", Map.of()).then().body("result.FREE_MINUTES", equalTo(60))
                .body("result.PAID", equalTo(false)).body("result", not(hasKey("PAID_DATE_END")));
        controlPatch("/settings", "{\"sipConnector\": {\"paid\": true, \"freeMinutes\": 0, \"paidDateEnd\": \"2027-01-31\"}}")
                .then().statusCode(200).body("sipConnector.paid", equalTo(true));
        call("voximplant.sip.connector.status", Map.of()).then().body("result.PAID", equalTo(true))
                .body("result.PAID_DATE_END", equalTo("2027-01-31")).body("result.FREE_MINUTES", equalTo(0));
        controlPatch("/settings", "{\"sipConnector\": {\"paid\": \"yes\"}}").then().statusCode(400)
                .body("error_description", equalTo("sipConnector.paid must be true or false"));
    }

    @Test
    void theCallersDefaultLineIsTheirOwnWhileThePortalHasItElseThePortals() {
        // D182: no parameter, no right; the calling user's line
        call("voximplant.user.getDefaultLineId", Map.of()).then().statusCode(200)
                .body("result", equalTo(Map.of("defaultLineId", "74951112233")));
        Response added = call("voximplant.sip.add", CLOUD);
        String regLine = "reg" + added.path("result.REG_ID");
        controlPatch("/users/1", "{\"defaultLine\": \"" + regLine + "\"}").then().statusCode(200);
        call("voximplant.user.getDefaultLineId", Map.of("USER_ID", 2)).then()
                .body("result.defaultLineId", equalTo(regLine));
        // a line the portal no longer has falls back to the portal's, and to the service line without one
        call("voximplant.sip.delete", Map.of("CONFIG_ID", added.path("result.CONFIG_ID"))).then().statusCode(200);
        call("voximplant.user.getDefaultLineId", Map.of()).then().body("result.defaultLineId", equalTo("74951112233"));
        call("voximplant.line.outgoing.set", Map.of("LINE_ID", "LINK_BASE_NUMBER")).then().body("result", equalTo(1));
        call("voximplant.user.getDefaultLineId", Map.of()).then()
                .body("result.defaultLineId", equalTo("LINK_BASE_NUMBER"));
    }

    @Test
    void usersPhonesAreActivatedAndRead() {
        call("voximplant.user.get", Map.of("USER_ID", List.of(2, 3, 999))).then().statusCode(200)
                .body("result.size()", equalTo(2)).body("result[0].ID", equalTo("2"))
                .body("result[0].PHONE_ENABLED", equalTo("Y")).body("result[0].SIP_PASSWORD", equalTo("28fec473a88a"))
                .body("result[0].DEFAULT_LINE", nullValue()).body("result[0].INNER_NUMBER", equalTo("101"))
                .body("result[1].PHONE_ENABLED", equalTo("N")).body("result[1].SIP_LOGIN", equalTo("phone3"))
                .body("result[1].SIP_PASSWORD", nullValue());
        call("voximplant.user.activatePhone", Map.of("USER_ID", 3)).then().body("result", equalTo(1));
        call("voximplant.user.get", Map.of("USER_ID", 3)).then().body("result[0].PHONE_ENABLED", equalTo("Y"))
                .body("result[0].SIP_PASSWORD", matchesPattern("[0-9a-f]{12}"));
        call("voximplant.user.deactivatePhone", Map.of("USER_ID", 3)).then().body("result", equalTo(1));
        call("voximplant.user.get", Map.of("USER_ID", 3)).then().body("result[0].PHONE_ENABLED", equalTo("Y"));
        controlPatch("/settings", "{\"deactivatePhoneWorks\": true}").then().statusCode(200);
        call("voximplant.user.deactivatePhone", Map.of("USER_ID", 3)).then().body("result", equalTo(1));
        call("voximplant.user.get", Map.of("USER_ID", 3)).then().body("result[0].PHONE_ENABLED", equalTo("N"));
        call("voximplant.user.activatePhone", Map.of()).then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("Parameter USER_ID is not set"));
        call("voximplant.user.get", Map.of()).then().statusCode(400).body("error_description", equalTo("Parameter USER_ID is not set"));
        // only an absent USER_ID is refused (isset): 0, "abc" and ["abc"] are user 0, whom the query finds not (audit 61a)
        for (Object id : List.of(0, "abc", List.of("abc"))) {
            call("voximplant.user.get", Map.of("USER_ID", id)).then().statusCode(200).body("result", equalTo(List.of()));
        }
    }

    @Test
    void rightsRefuseOrNarrowAsTheServerDoes() {
        controlPatch("/users/1", "{\"rights\": {\"lineModify\": \"NONE\", \"outgoingCall\": \"NONE\", "
                + "\"userSettingsModify\": \"OWN\", \"callStatisticView\": \"NONE\"}}").then().statusCode(200)
                .body("rights.lineModify", equalTo("NONE"));
        for (String method : List.of("voximplant.line.get", "voximplant.line.outgoing.get", "voximplant.sip.get",
                "voximplant.sip.connector.status", "voximplant.statistic.get")) {
            call(method, Map.of()).then().statusCode(403).body("error", equalTo("ACCESS_DENIED"))
                    .body("error_description", equalTo("Access denied!"));
        }
        call("voximplant.callback.start", Map.of("FROM_LINE", "x", "TO_NUMBER", "1", "TEXT_TO_PRONOUNCE", "t"))
                .then().statusCode(403).body("error", equalTo("ACCESS_DENIED"));
        call("voximplant.user.activatePhone", Map.of("USER_ID", 2)).then().statusCode(400)
                .body("error_description", equalTo("You are not allowed to modify user's settings"));
        call("voximplant.user.activatePhone", Map.of("USER_ID", 1)).then().body("result", equalTo(1));
        call("voximplant.user.get", Map.of("USER_ID", 2)).then().statusCode(403)
                .body("error_description", equalTo("Access denied! You have no permission to query selected users"));
        call("voximplant.user.get", Map.of("USER_ID", List.of(1, 2))).then().statusCode(200).body("result.size()", equalTo(1));
        // anybody may read the links and voices
        call("voximplant.url.get", Map.of()).then().statusCode(200)
                .body("result.edit_config", equalTo(base() + "/telephony/edit.php?ID=#CONFIG_ID#"));
        call("voximplant.tts.voices.get", Map.of()).then().statusCode(200).body("result", aMapWithSize(42))
                .body("result.ruinternalfemale", equalTo("Russian (Female) (Default)"));
    }

    @Test
    void applicationsWaitForTheAdministratorsConfirmationOfUserGet() {
        String token = telephonyApp("local.conf").getString("access_token");
        controlPatch("/settings", "{\"userGetConfirmation\": \"pending\"}").then().statusCode(200);
        oauth(token, "voximplant.user.get", Map.of("USER_ID", 1)).then().statusCode(401)
                .body("error", equalTo("METHOD_CONFIRM_WAITING")).body("error_description", equalTo("Waiting for confirmation"));
        call("voximplant.user.get", Map.of("USER_ID", 1)).then().statusCode(200);
        controlPatch("/settings", "{\"userGetConfirmation\": \"denied\"}").then().statusCode(200);
        oauth(token, "voximplant.user.get", Map.of("USER_ID", 1)).then().statusCode(403)
                .body("error", equalTo("METHOD_CONFIRM_DENIED")).body("error_description", equalTo("Method call denied"));
        controlPatch("/settings", "{\"userGetConfirmation\": \"auto\"}").then().statusCode(200);
        oauth(token, "voximplant.user.get", Map.of("USER_ID", 1)).then().statusCode(200);
    }

    @Test
    void callStartersCheckLinesLimitsAndNumbers() {
        given().contentType(ContentType.JSON).body(Map.of("number", "74950001122")).post(control("/numbers"))
                .then().statusCode(201);
        Map<String, Object> params = new HashMap<>(Map.of("FROM_LINE", "reg000000", "TO_NUMBER", "+79990000001",
                "TEXT_TO_PRONOUNCE", "Hello"));
        call("voximplant.callback.start", params).then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("Could not find line reg000000"));
        // the line before the number, as the server checks them (an SDK's test sends an empty number to an unknown line)
        call("voximplant.callback.start", Map.of("FROM_LINE", "reg000000", "TO_NUMBER", "", "TEXT_TO_PRONOUNCE", ""))
                .then().statusCode(400).body("error_description", equalTo("Could not find line reg000000"));
        call("voximplant.infocall.startwithsound", Map.of("FROM_LINE", "reg000000", "TO_NUMBER", "", "URL", "x"))
                .then().statusCode(400).body("error_description", equalTo("Could not find config for number reg000000"));
        call("voximplant.infocall.startwithtext", params).then().statusCode(400)
                .body("error_description", equalTo("Could not find config for number reg000000"));
        params.put("FROM_LINE", "LINK_BASE_NUMBER");
        call("voximplant.callback.start", params).then().statusCode(400)
                .body("error_description", equalTo("Could not find config for number LINK_BASE_NUMBER"));
        call("voximplant.infocall.startwithtext", params).then().statusCode(400)
                .body("error_description", equalTo("Making infocall using LINK_BASE_NUMBER is not allowed"));
        params.put("FROM_LINE", "74950001122");
        params.put("TO_NUMBER", "call me");
        call("voximplant.callback.start", params).then().statusCode(400)
                .body("error_description", equalTo("Phone number is not correct"));
        controlPatch("/settings", "{\"infocallMonthlyLimit\": 1}").then().statusCode(200);
        Map<String, Object> sound = Map.of("FROM_LINE", "74950001122", "TO_NUMBER", "+79990000009",
                "URL", "https://example.com/notice.mp3");
        call("voximplant.infocall.startwithsound", sound).then().statusCode(200)
                .body("result.CALL_ID", matchesPattern("infocall\\.[0-9a-f]{32}\\.[0-9]+"));
        call("voximplant.infocall.startwithsound", sound).then().statusCode(400)
                .body("error_description", equalTo("Infocall limit for this month is exceeded"));
        patchSettings("{\"emptyErrorCode\": true}");
        call("voximplant.infocall.startwithsound", sound).then().statusCode(400).body("error", equalTo(""));
    }

    @Test
    void aCallbackOnAnApplicationsLineGoesToThatApplication() {
        String token = telephonyApp("local.cb").getString("access_token");
        bind(token, "OnExternalCallBackStart", handler.url("/cb"));
        String appId = given().get(base() + "/_emulator/portals/" + portal.id() + "/apps").then().extract()
                .path("find { it.clientId == 'local.cb' }.appId");
        call("voximplant.callback.start", Map.of("FROM_LINE", "REST_APP:" + appId, "TO_NUMBER", "+79990000001",
                "TEXT_TO_PRONOUNCE", "Call them")).then().statusCode(200).body("result.RESULT", equalTo(true))
                .body("result.CALL_ID", nullValue());
        var delivered = handler.awaitEvent("ONEXTERNALCALLBACKSTART").form();
        assertEquals("+79990000001", delivered.at("/data/PHONE_NUMBER").asText());
        assertEquals("Call them", delivered.at("/data/TEXT").asText());
        assertEquals("", delivered.at("/data/LINE_NUMBER").asText());
    }

    @Test
    void aCallbackOnALineOfTheIncomingWebhookGoesToTheOutgoingWebhooks() {
        call("telephony.externalLine.add", Map.of("NUMBER", "74950000000", "NAME", "Main")).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/hook"),
                "events", List.of("OnExternalCallBackStart"))).post(base() + "/_emulator/portals/" + portal.id()
                + "/outgoing-webhooks").then().statusCode(201);
        call("voximplant.callback.start", Map.of("FROM_LINE", "74950000000", "TO_NUMBER", "+79990000001",
                "TEXT_TO_PRONOUNCE", "Call them")).then().statusCode(200).body("result.RESULT", equalTo(true))
                .body("result.CALL_ID", nullValue());
        var delivered = handler.awaitEvent("ONEXTERNALCALLBACKSTART");
        assertEquals("/hook", delivered.path());
        assertEquals("74950000000", delivered.form().at("/data/LINE_NUMBER").asText());
        assertEquals("Call them", delivered.form().at("/data/TEXT").asText());
        // a built-in call's events reach the outgoing webhooks subscribed to them, as application handlers
        given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/calls"),
                "events", List.of("OnVoximplantCallInit"))).post(base() + "/_emulator/portals/" + portal.id()
                + "/outgoing-webhooks").then().statusCode(201);
        String callId = call("voximplant.callback.start", Map.of("FROM_LINE", "74951112233", "TO_NUMBER", "+79990000002",
                "TEXT_TO_PRONOUNCE", "Hello")).then().statusCode(200).extract().path("result.CALL_ID");
        var init = handler.awaitEvent("ONVOXIMPLANTCALLINIT");
        assertEquals("/calls", init.path());
        assertEquals(callId, init.form().at("/data/CALL_ID").asText());
        assertEquals("4", init.form().at("/data/CALL_TYPE").asText());
        assertEquals(false, init.form().at("/auth").has("access_token"));
        // the line is available as the default outgoing line too
        call("voximplant.line.outgoing.set", Map.of("LINE_ID", "74950000000")).then().body("result", equalTo(1));
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("74950000000"));
    }

    @Test
    void stateKeepsTheTelephonyAndRefusesABadSection() {
        call("voximplant.sip.add", CLOUD).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("number", "74950003344")).post(control("/numbers")).then().statusCode(201);
        controlPatch("/users/2", "{\"phoneEnabled\": true, \"rights\": {\"callStatisticView\": \"OWN\"}}").then().statusCode(200);
        String state = given().get(base() + "/_emulator/portals/" + portal.id() + "/state").then().statusCode(200)
                .extract().asString();
        given().post(base() + "/_emulator/portals/" + portal.id() + "/reset").then().statusCode(200);
        Map<String, String> seeded = Map.of("74951112233", "Moscow office");
        call("voximplant.line.get", Map.of()).then().body("result", equalTo(seeded));
        String broken = state.replace("\"regId\":150001", "\"regId\":null");
        given().contentType(ContentType.JSON).body(broken).put(base() + "/_emulator/portals/" + portal.id() + "/state")
                .then().statusCode(400).body("error_description", matchesPattern("/voximplant/sip/0: .*"));
        call("voximplant.line.get", Map.of()).then().body("result", equalTo(seeded));
        given().contentType(ContentType.JSON).body(state).put(base() + "/_emulator/portals/" + portal.id() + "/state")
                .then().statusCode(200);
        call("voximplant.line.get", Map.of()).then().body("result", equalTo(Map.of("74951112233", "Moscow office",
                "reg150001", "SIP line 1", "74950003344", "+74950003344")));
        given().get(control("")).then().statusCode(200).body("users.2.phoneEnabled", equalTo(true))
                .body("rights.2.callStatisticView", equalTo("OWN"));
    }
}
