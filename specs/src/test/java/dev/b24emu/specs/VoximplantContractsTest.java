package dev.b24emu.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The voximplant.* contracts accept the examples of their pages (api-reference/telephony/voximplant/) and no less. */
class VoximplantContractsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Contracts CONTRACTS = Contracts.shared();
    private static final String RECORD = "{\"ID\":\"7\",\"PORTAL_USER_ID\":\"1269\",\"PORTAL_NUMBER\":\"3\",\"PHONE_NUMBER\":\"19061234568\","
            + "\"CALL_ID\":\"externalCall.716f1cb73def9700a23842adf9c4c568.1773130779\",\"EXTERNAL_CALL_ID\":null,"
            + "\"CALL_CATEGORY\":\"external\",\"CALL_LOG\":null,\"CALL_DURATION\":\"95\",\"CALL_START_DATE\":\"2026-03-10T11:19:38+01:00\","
            + "\"CALL_RECORD_URL\":null,\"CALL_VOTE\":\"5\",\"COST\":\"0.0000\",\"COST_CURRENCY\":\"\",\"CALL_FAILED_CODE\":\"200\","
            + "\"CALL_FAILED_REASON\":\"\",\"CRM_ENTITY_TYPE\":\"CONTACT\",\"CRM_ENTITY_ID\":\"797\",\"CRM_ACTIVITY_ID\":\"7943\","
            + "\"REST_APP_ID\":\"3\",\"REST_APP_NAME\":\"REST API Documentation\",\"TRANSCRIPT_ID\":\"1\",\"TRANSCRIPT_PENDING\":\"N\","
            + "\"SESSION_ID\":null,\"REDIAL_ATTEMPT\":null,\"COMMENT\":null,\"RECORD_DURATION\":null,\"RECORD_FILE_ID\":9079,\"CALL_TYPE\":\"2\"}";

    private static List<Contracts.Violation> result(String method, String json) throws Exception {
        return CONTRACTS.validateResult(method, JSON.readTree(json));
    }

    @Test
    void statisticsExampleAndFilters() throws Exception {
        String builtIn = "{\"ID\":\"1\",\"PORTAL_USER_ID\":\"1\",\"PORTAL_NUMBER\":\"reg133788\",\"PHONE_NUMBER\":\"+19061234567\","
                + "\"CALL_ID\":\"11018129443EB80D.1754478570.11438214\",\"EXTERNAL_CALL_ID\":null,\"CALL_CATEGORY\":\"external\","
                + "\"CALL_LOG\":\"https://storage-gw-com-02.voximplant.com/voximplant-logs/2025/08/06/x?sessionid=3841557776\","
                + "\"CALL_DURATION\":\"0\",\"CALL_START_DATE\":\"2025-08-06T14:08:40+01:00\",\"CALL_RECORD_URL\":\"\",\"CALL_VOTE\":null,"
                + "\"COST\":\"0.0000\",\"COST_CURRENCY\":\"EUR\",\"CALL_FAILED_CODE\":\"603-S\",\"CALL_FAILED_REASON\":\"Decline self\","
                + "\"CRM_ENTITY_TYPE\":\"CONTACT\",\"CRM_ENTITY_ID\":\"275\",\"CRM_ACTIVITY_ID\":\"7739\",\"REST_APP_ID\":null,"
                + "\"REST_APP_NAME\":null,\"TRANSCRIPT_ID\":null,\"TRANSCRIPT_PENDING\":\"N\",\"SESSION_ID\":\"3841557776\","
                + "\"REDIAL_ATTEMPT\":null,\"COMMENT\":null,\"RECORD_DURATION\":null,\"RECORD_FILE_ID\":null,\"CALL_TYPE\":\"1\"}";
        assertEquals(List.of(), result("voximplant.statistic.get", "[" + builtIn + "," + RECORD + "]"));
        assertFalse(result("voximplant.statistic.get", "[" + RECORD.replace("\"RECORD_FILE_ID\":9079", "\"RECORD_FILE_ID\":\"9079\"")
                + "]").isEmpty(), "RECORD_FILE_ID is an integer");
        assertFalse(result("voximplant.statistic.get", "[" + RECORD.replace("\"ID\":\"7\"", "\"ID\":7") + "]").isEmpty(),
                "IDs are strings");
        assertEquals(List.of(), CONTRACTS.validateParams("voximplant.statistic.get", JSON.readTree(
                "{\"FILTER\":{\"ID\":[1,7],\">=CALL_START_DATE\":\"2025-01-01T00:00:00+01:00\",\"!><CALL_DURATION\":[1,5],"
                        + "\"%phone_number\":\"906\"},\"SORT\":\"ID\",\"ORDER\":\"ASC\",\"start\":50}")));
        for (String bad : List.of("{\"FILTER\":{\"@ID\":[1]}}", "{\"FILTER\":{\"NO_SUCH\":1}}", "{\"SORT\":\"CALL_TYPE\",\"ORDER\":\"ASC\"}",
                "{\"ORDER\":{\"ID\":\"DESC\"}}")) {
            List<Contracts.Violation> violations = CONTRACTS.validateParams("voximplant.statistic.get", JSON.readTree(bad));
            assertFalse(violations.isEmpty(), bad);
            assertEquals(0, violations.stream().filter(v -> v.error().isPresent()).count(),
                    bad + ": the server drops it, so a warning, never a refusal (D61)");
        }
    }

    @Test
    void linesSipAndUsersExamples() throws Exception {
        assertEquals(List.of(), result("voximplant.line.get", "{\"reg150907\":\"SIP line\",\"sip7\":\"Office PBX 1\"}"));
        assertEquals(List.of(), result("voximplant.line.get", "[]"));
        assertEquals(List.of(), result("voximplant.line.outgoing.get", "\"reg150907\""));
        assertEquals(List.of(), result("voximplant.line.outgoing.set", "1"));
        assertEquals(List.of(), result("voximplant.sip.add", "{\"ID\":\"5\",\"TYPE\":\"cloud\",\"CONFIG_ID\":\"5\",\"REG_ID\":151082,"
                + "\"TITLE\":\"SIP line 1\",\"SERVER\":\"sip.provider.com\",\"LOGIN\":\"sip_user\",\"PASSWORD\":\"secret\","
                + "\"AUTH_USER\":null,\"OUTBOUND_PROXY\":null,\"DETECT_LINE_NUMBER\":\"N\",\"LINE_DETECT_HEADER_ORDER\":\"diversion;to\","
                + "\"REGISTRATION_STATUS_CODE\":null,\"REGISTRATION_ERROR_MESSAGE\":null}"));
        assertEquals(List.of(), result("voximplant.sip.add", "{\"ID\":\"7\",\"TYPE\":\"office\",\"CONFIG_ID\":\"7\","
                + "\"SERVER\":\"office.provider.local\",\"LOGIN\":\"office_user\",\"PASSWORD\":\"secret\","
                + "\"INCOMING_SERVER\":\"ip.b24-6058-1587535982.bitrixphone.com\",\"INCOMING_LOGIN\":\"sip7\","
                + "\"INCOMING_PASSWORD\":\"71747503265fb091223eb31776a4a225\",\"AUTH_USER\":null,\"OUTBOUND_PROXY\":null,"
                + "\"DETECT_LINE_NUMBER\":\"N\",\"LINE_DETECT_HEADER_ORDER\":\"diversion;to\",\"REGISTRATION_STATUS_CODE\":null,"
                + "\"REGISTRATION_ERROR_MESSAGE\":null,\"TITLE\":\"Office PBX 1\"}"));
        assertEquals(List.of(), result("voximplant.sip.get", "[{\"TYPE\":\"cloud\",\"CONFIG_ID\":\"3\",\"REG_ID\":\"150907\","
                + "\"SERVER\":\"sipnet.com\",\"LOGIN\":\"0045281811\",\"PASSWORD\":\"N7K4mCG9\",\"AUTH_USER\":\"\",\"OUTBOUND_PROXY\":\"\","
                + "\"DETECT_LINE_NUMBER\":\"N\",\"LINE_DETECT_HEADER_ORDER\":\"diversion;to\",\"REGISTRATION_STATUS_CODE\":\"200\","
                + "\"REGISTRATION_ERROR_MESSAGE\":\"\",\"TITLE\":\"SIP line\"}]"));
        assertEquals(List.of(), result("voximplant.sip.status", "{\"REG_ID\":150907,\"LAST_UPDATED\":\"2026-03-12 09:10:51\","
                + "\"ERROR_MESSAGE\":\"\",\"STATUS_CODE\":200,\"STATUS_RESULT\":\"success\"}"));
        assertEquals(List.of(), result("voximplant.sip.connector.status", "{\"FREE_MINUTES\":60,\"PAID\":false}"));
        assertEquals(List.of(), result("voximplant.user.get", "[{\"ID\":\"1269\",\"DEFAULT_LINE\":null,\"PHONE_ENABLED\":\"Y\","
                + "\"SIP_SERVER\":\"ip.b24-6059-1584795982.bitrixphone.com\",\"SIP_LOGIN\":\"phone1269\",\"SIP_PASSWORD\":\"28fec473a88a\","
                + "\"INNER_NUMBER\":null}]"));
        assertEquals(List.of(), result("voximplant.url.get", "{\"detail_statistics\":\"https://test.bitrix24.com/telephony/detail.php\","
                + "\"buy_connector\":\"https://test.bitrix24.com/settings/license_phone_sip.php\","
                + "\"edit_config\":\"https://test.bitrix24.com/telephony/edit.php?ID=#CONFIG_ID#\","
                + "\"lines\":\"https://test.bitrix24.com/telephony/lines.php\"}"));
        assertEquals(List.of(), result("voximplant.callback.start",
                "{\"RESULT\":true,\"CALL_ID\":\"callback.72f42b118e019a4cc47629ff60525f43.1773736077\"}"));
        assertEquals(List.of(), result("voximplant.infocall.startwithtext",
                "{\"RESULT\":true,\"CALL_ID\":\"infocall.4aa8f8e35bb6ece352fec0537b58ac42.1773740701\"}"));
    }

    @Test
    void theDocumentedParameterErrors() throws Exception {
        assertEquals("CHECK_FIELDS_ERROR: Server address not specified (400)", firstError("voximplant.sip.add", "{\"LOGIN\":\"l\"}"));
        assertEquals("ERROR_NOT_FOUND: Specified CONFIG_ID is not found (404)", firstError("voximplant.sip.update", "{}"));
        assertEquals("REG_ID_NOT_FOUND: Settings not found (400)", firstError("voximplant.sip.status", "{\"REG_ID\":0}"));
        // only an absent USER_ID (isset): an empty list is the method's "no permission", 0 or "abc" find nobody
        assertEquals("ERROR_CORE: Parameter USER_ID is not set (400)", firstError("voximplant.user.get", "{}"));
        assertEquals(List.of(), CONTRACTS.validateParams("voximplant.user.get", JSON.readTree("{\"USER_ID\":[]}")));
        // the lines and numbers of callbacks and infocalls are the method's to check, after the right and in the
        // server's order (an unknown line before an empty number): the schema leaves them alone
        assertEquals(List.of(), CONTRACTS.validateParams("voximplant.infocall.startwithtext",
                JSON.readTree("{\"FROM_LINE\":\"LINK_BASE_NUMBER\",\"TO_NUMBER\":\"\",\"TEXT_TO_PRONOUNCE\":\"t\"}")));
        assertEquals(List.of(), CONTRACTS.validateParams("voximplant.callback.start",
                JSON.readTree("{\"FROM_LINE\":74951112233,\"TO_NUMBER\":79991234567,\"TEXT_TO_PRONOUNCE\":\"t\"}")));
    }

    @Test
    void theBuiltInInitExampleMatchesTheEvent() throws Exception {
        String auth = "\"auth\":{\"access_token\":\"s7p6\",\"expires_in\":\"3600\",\"scope\":\"telephony\","
                + "\"domain\":\"some-domain.bitrix24.com\",\"server_endpoint\":\"https://oauth.bitrix.info/rest/\",\"status\":\"F\","
                + "\"client_endpoint\":\"https://example.bitrix24.com/rest/\",\"member_id\":\"a223\",\"refresh_token\":\"4s38\","
                + "\"application_token\":\"5261\"}";
        assertEquals(List.of(), CONTRACTS.validateEvent("OnVoximplantCallInit", JSON.readTree("{\"event\":\"ONVOXIMPLANTCALLINIT\","
                + "\"event_handler_id\":\"1057\",\"data\":{\"CALL_ID\":\"5E316880469A6376.1773306964.8740011\",\"CALL_TYPE\":\"1\","
                + "\"ACCOUNT_SEARCH_ID\":\"reg150908\",\"PHONE_NUMBER\":\"+499999996666\",\"CALLER_ID\":\"reg150908\"},"
                + "\"ts\":\"1773306964\"," + auth + "}")));
    }

    private static String firstError(String method, String params) throws Exception {
        List<Contracts.Violation> violations = CONTRACTS.validateParams(method, JSON.readTree(params));
        assertFalse(violations.isEmpty(), "expected a violation for " + params);
        Contracts.DocumentedError error = violations.get(0).error().orElseThrow(() ->
                new AssertionError("no documented error for " + violations));
        return error.code() + ": " + error.message() + " (" + error.status() + ")";
    }
}
