package dev.b24emu.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Contracts CONTRACTS = Contracts.shared();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static String firstError(String method, String params) throws Exception {
        List<Contracts.Violation> violations = CONTRACTS.validateParams(method, json(params));
        assertFalse(violations.isEmpty(), "expected a violation for " + params);
        Contracts.DocumentedError error = violations.get(0).error().orElseThrow(() ->
                new AssertionError("no documented error for " + violations));
        return error.code() + ": " + error.message();
    }

    /** The first violation the real server answers with an error (others are deviations it accepts). */
    private static String firstRefusal(String method, String params) throws Exception {
        return CONTRACTS.validateParams(method, json(params)).stream().flatMap(v -> v.error().stream()).findFirst()
                .map(e -> e.code() + ": " + e.message()).orElseThrow(() -> new AssertionError("no refusal for " + params));
    }

    @Test
    void everyCatalogueSchemaCompiles() {
        CONTRACTS.compileAll();
        assertEquals(249, CONTRACTS.methods().size());
    }

    /**
     * Every method names its page as a path of the public docs (bitrix24/b24restdocs, mirrored in part in
     * ../shared/bitrix24-docs), never a site's URL, and every method taking parameters names them in its schema: a
     * schema without properties would have every parameter a caller sends reported as unknown (docs audit 46).
     */
    @Test
    void everyMethodNamesItsPageAndItsParameters() {
        for (Contracts.MethodContract method : CONTRACTS.methods()) {
            assertFalse(method.docs().contains("://"), method.method() + ": " + method.docs());
            boolean takesNone = method.params().equals("methods/no-params.json");
            assertEquals(takesNone, CONTRACTS.documentedParams(method.method()).isEmpty()
                    && !CONTRACTS.documentsParam(method.method(), "any_name_at_all"), method.method() + ": " + method.params());
        }
    }

    /**
     * validateParams answers an empty parameter object from the schema's document, without the validator, when the
     * schema obviously accepts it: for every method that answer must be the validator's own.
     */
    /** system-errors.md's catalogue (D151): each answer is one its schema accepts, and its code, status and text read back. */
    @Test
    void theSystemErrorsAreACatalogueOfAnswersTheirSchemaAccepts() {
        ObjectMapper page = new ObjectMapper();
        List<String> codes = List.of("INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER",
                "QUERY_LIMIT_EXCEEDED", "ERROR_BATCH_METHOD_NOT_ALLOWED", "ERROR_BATCH_LENGTH_EXCEEDED", "NO_AUTH_FOUND",
                "INVALID_REQUEST", "OVERLOAD_LIMIT", "ACCESS_DENIED", "INVALID_CREDENTIALS",
                "ERROR_MANIFEST_IS_NOT_AVAILABLE", "insufficient_scope", "expired_token", "user_access_error",
                "PORTAL_DELETED", "OPERATION_TIME_LIMIT");
        for (String code : codes) {
            Contracts.SystemError error = CONTRACTS.systemError(code).orElseThrow(() -> new AssertionError(code));
            var body = page.createObjectNode().put("error", code).put("error_description", error.message());
            assertEquals(List.of(), CONTRACTS.validate("common/system-errors.json", body), code);
            assertTrue(error.status() >= 400 && error.status() < 600, code);
        }
        assertEquals(503, CONTRACTS.systemError("OVERLOAD_LIMIT").orElseThrow().status());
        assertEquals("Https required", CONTRACTS.systemError("INVALID_REQUEST").orElseThrow().message());
        assertTrue(CONTRACTS.systemError("invalid_token").isEmpty()); // the page's codes only, in its case
        assertTrue(CONTRACTS.systemError("internal_server_error").isEmpty());
        var wrongText = page.createObjectNode().put("error", "OVERLOAD_LIMIT").put("error_description", "Overloaded");
        assertFalse(CONTRACTS.validate("common/system-errors.json", wrongText).isEmpty());
    }

    @Test
    void emptyParametersAreJudgedAsTheValidatorJudgesThem() {
        int accepted = 0;
        for (Contracts.MethodContract method : CONTRACTS.methods()) {
            boolean fast = CONTRACTS.validateParams(method.method(), JSON.createObjectNode()).isEmpty();
            boolean full = CONTRACTS.validate(method.params(), JSON.createObjectNode()).isEmpty();
            assertEquals(full, fast, method.method() + ": {} is " + (full ? "valid" : "invalid") + " for the validator");
            accepted += fast ? 1 : 0;
        }
        assertTrue(accepted > 20 && accepted < CONTRACTS.methods().size(), accepted + " methods take no parameters");
    }

    @Test
    void registerViolationsAnswerTheRealErrorsInTheRealOrder() throws Exception {
        assertEquals("ERROR_CORE: USER_ID or USER_PHONE_INNER should be set",
                firstError("telephony.externalcall.register", "{\"TYPE\":9,\"PHONE_NUMBER\":\"1\"}"));
        assertEquals("ERROR_CORE: Unknown TYPE",
                firstError("telephony.externalcall.register", "{\"USER_ID\":1,\"TYPE\":9,\"CALL_START_DATE\":\"x\"}"));
        assertEquals("ERROR_CORE: Unknown TYPE",
                firstError("telephony.externalcall.register", "{\"USER_ID\":1,\"PHONE_NUMBER\":\"1\"}"));
        // a date strtotime reads is no refusal of the schema: the method refuses what strtotime cannot read (D162)
        assertEquals("ERROR_CORE: Unsupported phone number format",
                firstRefusal("telephony.externalcall.register", "{\"USER_ID\":1,\"TYPE\":\"2\",\"CALL_START_DATE\":\"10.03.2026\"}"));
        assertEquals("ERROR_CORE: Unsupported phone number format",
                firstError("telephony.externalcall.register", "{\"USER_PHONE_INNER\":\"101\",\"TYPE\":2,\"PHONE_NUMBER\":\"abc\"}"));
        assertEquals("ERROR_CORE: Unsupported phone number format",
                firstError("telephony.externalcall.register", "{\"USER_ID\":\"5\",\"TYPE\":2}"));
    }

    @Test
    void validRegisterParamsPassInEveryEncodingAndAnyKeyCase() throws Exception {
        assertEquals(List.of(), CONTRACTS.validateParams("telephony.externalcall.register", json(
                "{\"USER_ID\":1269,\"PHONE_NUMBER\":\"79062195047\",\"TYPE\":2,\"CRM_ENTITY_TYPE\":\"CONTACT\","
                        + "\"CRM_ENTITY_ID\":797,\"SHOW\":1,\"LINE_NUMBER\":\"3\",\"EXTERNAL_CALL_ID\":\"asterisk-1710140185.18441\"}")));
        assertEquals(List.of(), CONTRACTS.validateParams("telephony.externalcall.register", json(
                "{\"user_id\":\"2\",\"phone_number\":\"+7 999\",\"type\":\"2\",\"show\":\"0\",\"crm_create\":\"1\","
                        + "\"CALL_START_DATE\":\"2026-03-07T10:20:30+03:00\"}")));
    }

    /** Names in any case, null and empty optionals, unknown names: each judged as the PHP server reads it. */
    @Test
    void parametersAreJudgedUnderTheirDeclaredNamesWithUnsetOptionalsLeftOut() throws Exception {
        String register = "telephony.externalcall.register";
        assertEquals(List.of(), CONTRACTS.validateParams(register, json(
                "{\"USER_ID\":2,\"PHONE_NUMBER\":\"+7999\",\"TYPE\":2,\"CRM_ENTITY_ID\":null,\"LINE_NUMBER\":\"\",\"auth\":\"x\"}")),
                "null and empty optionals are unset; an undeclared name is not the schema's to judge");
        assertEquals("ERROR_CORE: Unknown TYPE", firstError(register, "{\"user_id\":2,\"phone_number\":\"+7999\",\"type\":9}"),
                "a lower-cased name is judged as the declared one");
        assertEquals("ERROR_CORE: Unknown TYPE", firstError(register, "{\"USER_ID\":2,\"PHONE_NUMBER\":\"+7999\",\"TYPE\":9}"));
        assertEquals("ERROR_CORE: Unsupported phone number format",
                firstError(register, "{\"USER_ID\":2,\"PHONE_NUMBER\":\"\",\"TYPE\":2}"), "a required value left empty is judged");
        assertEquals("ERROR_CORE: Unknown TYPE", firstError(register, "{\"USER_ID\":2,\"PHONE_NUMBER\":\"+7999\",\"TYPE\":9,\"Show\":null}"),
                "the copy made for a null optional keeps the rest");
    }

    @Test
    void finishAndSearchErrors() throws Exception {
        assertEquals("INVALID_ARGUMENT: CALL_ID must be a string",
                firstError("telephony.externalcall.finish", "{\"USER_ID\":1,\"CALL_ID\":5}"));
        assertEquals("INVALID_ARGUMENT: CALL_ID must be a string", firstError("telephony.externalcall.finish", "{\"USER_ID\":1}"));
        assertEquals("ERROR_CORE: USER_ID or USER_PHONE_INNER should be set",
                firstError("telephony.externalcall.finish", "{\"CALL_ID\":5}"));
        assertEquals("ERROR_CORE: PHONE_NUMBER is empty", firstError("telephony.externalCall.searchCrmEntities", "{}"));
        // the server tests == '': a blank number is searched (and matches nothing)
        assertEquals(List.of(), CONTRACTS.validateParams("telephony.externalCall.searchCrmEntities",
                json("{\"PHONE_NUMBER\":\"  \"}")));
    }

    @Test
    void crmParamsFollowTheirSchemasWhateverTheCaseOfFields() throws Exception {
        assertEquals(List.of(), CONTRACTS.validateParams("crm.contact.add", json("{\"FIELDS\":{\"NAME\":\"x\"}}")));
        assertEquals("ERROR_CORE: Parameter 'fields' must be array.", firstError("crm.contact.add", "{\"fields\":\"x\"}"));
        assertEquals("ERROR_CORE: ID is not defined or invalid.", firstError("crm.deal.get", "{\"id\":0}"));
        assertEquals("ERROR_CORE: Parameter 'filter' must be array.", firstError("crm.lead.list", "{\"filter\":\"x\"}"));
    }

    @Test
    void theDocsExamplesMatchTheResultSchemas() throws Exception {
        assertEquals(List.of(), CONTRACTS.validateResult("telephony.externalcall.register", json(
                "{\"CALL_ID\":\"externalCall.716f1cb73def9700a23842adf9c4c568.1773130779\",\"CRM_CREATED_LEAD\":null,"
                        + "\"CRM_CREATED_ENTITIES\":[],\"CRM_ENTITY_TYPE\":\"CONTACT\",\"CRM_ENTITY_ID\":797}")));
        String finish = "{\"CALL_ID\":\"externalCall.716f1cb73def9700a23842adf9c4c568.1773130779\",\"EXTERNAL_CALL_ID\":null,"
                + "\"PORTAL_USER_ID\":1269,\"PHONE_NUMBER\":\"19062195047\",\"PORTAL_NUMBER\":\"3\",\"INCOMING\":\"2\","
                + "\"CALL_DURATION\":95,\"CALL_START_DATE\":{},\"CALL_STATUS\":1,\"CALL_VOTE\":5,\"COST\":0,\"COST_CURRENCY\":\"\","
                + "\"CALL_FAILED_CODE\":\"200\",\"CALL_FAILED_REASON\":\"\",\"REST_APP_ID\":\"3\",\"REST_APP_NAME\":\"REST API Documentation\","
                + "\"CRM_ACTIVITY_ID\":7943,\"COMMENT\":null,\"CRM_ENTITY_TYPE\":\"CONTACT\",\"CRM_ENTITY_ID\":797,\"ID\":7}";
        assertEquals(List.of(), CONTRACTS.validateResult("telephony.externalcall.finish", json(finish)));
        assertFalse(CONTRACTS.validateResult("telephony.externalcall.finish",
                json(finish.replace("\"INCOMING\":\"2\"", "\"INCOMING\":2"))).isEmpty(), "INCOMING is a string on the wire");
        assertEquals(List.of(), CONTRACTS.validateResult("telephony.externalCall.searchCrmEntities", json(
                "[{\"CRM_ENTITY_TYPE\":\"CONTACT\",\"CRM_ENTITY_ID\":651,\"ASSIGNED_BY_ID\":99,\"NAME\":\"John Doe\","
                        + "\"ASSIGNED_BY\":{\"ID\":\"99\",\"TIMEMAN_STATUS\":\"CLOSED\",\"USER_PHONE_INNER\":null,"
                        + "\"WORK_PHONE\":null,\"PERSONAL_PHONE\":null,\"PERSONAL_MOBILE\":\"19062195047\"}}]")));
    }

    /** The pages' own examples (docs-examples/<method>.json, copied verbatim) fit the result schemas. */
    @Test
    void theCommonMethodsPageExamplesMatchTheirResultSchemas() throws Exception {
        for (String method : List.of("profile", "server.time", "scope", "methods", "method.get", "app.info", "user.update",
                "user.add", "user.fields", "crm.lead.fields", "crm.contact.fields", "crm.company.fields", "crm.deal.fields",
                "crm.activity.fields", "crm.status.list", "crm.enum.settings.mode", "crm.activity.add",
                "crm.activity.update", "crm.timeline.comment.add")) {
            try (var in = ContractsTest.class.getResourceAsStream("/docs-examples/" + method + ".json")) {
                JsonNode example = JSON.readTree(in);
                assertEquals(List.of(), CONTRACTS.validateResult(method, example.get("result")), method);
            }
        }
        assertEquals(List.of(), CONTRACTS.validateResult("app.info", json("{\"SCOPE\":[\"crm\",\"user\"],\"LICENSE\":\"en_ent10000\"}")),
                "a webhook's answer (real server)");
        assertEquals(List.of(), CONTRACTS.validateResult("profile", json("[]")), "an inactive user's profile");
    }

    @Test
    void commonMethodsAnswerTheRealErrorsInTheRealOrder() throws Exception {
        assertEquals("ERROR_ARGUMENT: wrong_email", firstRefusal("user.add", "{\"NAME\":\"x\"}"));
        assertEquals("ERROR_ARGUMENT: wrong_email", firstRefusal("user.add", "{\"EMAIL\":\"not an address\"}"));
        assertEquals("ERROR_ARGUMENT: invalid_type_field", firstRefusal("user.add", "{\"EMAIL\":\"x\",\"WORK_PHONE\":7}"));
        assertEquals("WORK_PHONE", CONTRACTS.validateParams("user.add", json("{\"EMAIL\":\"a@b.c\",\"WORK_PHONE\":7}"))
                .get(0).error().orElseThrow().argument());
        assertEquals("ERROR_ARGUMENT: no_sonet_group_for_extranet",
                firstRefusal("user.add", "{\"EMAIL\":\"x\",\"WORK_PHONE\":7,\"EXTRANET\":\"Y\"}"));
        assertEquals(List.of(), CONTRACTS.validateParams("user.add", json("{\"EMAIL\":\" a@b.c \",\"UF_DEPARTMENT\":[1]}")));
        assertEquals("ERROR_CORE: access_denied", firstRefusal("user.update", "{\"NAME\":\"x\"}"));
        assertEquals("ERROR_CORE: access_denied", firstRefusal("user.update", "{\"ID\":0}"));
        assertEquals("ERROR_CORE: The field TYPE_ID is not defined or invalid.",
                firstRefusal("crm.activity.add", "{\"fields\":{\"SUBJECT\":\"\"}}"));
        assertEquals("ERROR_CORE: The field COMMUNICATIONS is not defined or invalid.",
                firstRefusal("crm.activity.add", "{\"fields\":{\"TYPE_ID\":2,\"SUBJECT\":\"x\",\"COMMUNICATIONS\":[]}}"));
        assertEquals("ERROR_CORE: The field SUBJECT is not defined or empty.",
                firstRefusal("crm.activity.add", "{\"fields\":{\"TYPE_ID\":2,\"COMMUNICATIONS\":[{\"VALUE\":\"1\"}]}}"));
        // what the server derives (RESPONSIBLE_ID, the owner) is a deviation without a documented error: a warning
        List<Contracts.Violation> derived = CONTRACTS.validateParams("crm.activity.add", json(
                "{\"fields\":{\"TYPE_ID\":2,\"SUBJECT\":\"x\",\"COMMUNICATIONS\":[{\"VALUE\":\"1\"}]}}"));
        assertFalse(derived.isEmpty());
        assertTrue(derived.stream().allMatch(v -> v.error().isEmpty()), derived.toString());
        assertEquals("ERROR_CORE: Parameter 'fields' must be array.", firstRefusal("crm.activity.update", "{\"id\":1,\"fields\":5}"));
        assertEquals(List.of(), CONTRACTS.validateParams("crm.activity.update", json("{\"id\":1,\"fields\":{\"DESCRIPTION\":\"x\"}}")));
        assertEquals("100: Required fields are not provided",
                firstRefusal("crm.timeline.comment.add", "{\"fields\":{\"ENTITY_TYPE\":\"deal\",\"COMMENT\":\"x\"}}"));
        assertEquals("INVALID_ARG_VALUE: Empty comment",
                firstRefusal("crm.timeline.comment.add", "{\"fields\":{\"ENTITY_ID\":1,\"ENTITY_TYPE\":\"deal\",\"COMMENT\":\"\"}}"));
        assertEquals("ERROR_CORE: Parameter 'filter' must be array.", firstRefusal("crm.status.list", "{\"filter\":\"SOURCE\"}"));
        assertEquals(List.of("order", "filter", "start"), List.copyOf(CONTRACTS.documentedParams("crm.status.list")));
    }

    /** A value inside an object parameter that the server casts is not answered with the object's own error. */
    @Test
    void anObjectsErrorAnswersOnlyForTheObjectItself() throws Exception {
        List<Contracts.Violation> violations = CONTRACTS.validateParams("crm.timeline.comment.add", json(
                "{\"fields\":{\"ENTITY_ID\":1,\"ENTITY_TYPE\":\"deal\",\"COMMENT\":\"x\",\"FILES\":[[\"a.gif\"]]}}"));
        assertFalse(violations.isEmpty());
        assertTrue(violations.stream().allMatch(v -> v.error().isEmpty()), violations.toString());
        List<Contracts.Violation> cast = CONTRACTS.validateParams("crm.contact.add", json("{\"fields\":{\"ASSIGNED_BY_ID\":\"abc\"}}"));
        assertFalse(cast.isEmpty());
        assertTrue(cast.stream().allMatch(v -> v.error().isEmpty()), "the server casts ASSIGNED_BY_ID: " + cast);
    }

    @Test
    void theDocsEventExamplesMatchTheEventSchemas() throws Exception {
        String auth = "\"auth\":{\"access_token\":\"s7p6\",\"expires_in\":\"3600\",\"scope\":\"telephony\","
                + "\"domain\":\"some-domain.bitrix24.com\",\"server_endpoint\":\"https://oauth.bitrix.info/rest/\",\"status\":\"F\","
                + "\"client_endpoint\":\"https://example.bitrix24.com/rest/\",\"member_id\":\"a223\",\"refresh_token\":\"4s38\","
                + "\"application_token\":\"5161\"}";
        assertEquals(List.of(), CONTRACTS.validateEvent("OnVoximplantCallEnd", json("{\"event\":\"ONVOXIMPLANTCALLEND\","
                + "\"event_handler_id\":\"1061\",\"data\":{\"CALL_ID\":\"externalCall.7b0c7de811455ef32b18dc5917e4306a.1773239327\","
                + "\"CALL_TYPE\":\"1\",\"PHONE_NUMBER\":\"+499061234567\",\"PORTAL_NUMBER\":\"REST_APP:\",\"PORTAL_USER_ID\":\"1269\","
                + "\"CALL_DURATION\":\"0\",\"CALL_START_DATE\":\"2026-03-11T17:28:46+03:00\",\"COST\":\"0\",\"COST_CURRENCY\":\"\","
                + "\"CALL_FAILED_CODE\":\"304\",\"CALL_FAILED_REASON\":\"Call canceled\",\"CRM_ACTIVITY_ID\":\"7953\"},"
                + "\"ts\":\"1773239624\"," + auth + "}")));
        assertEquals(List.of(), CONTRACTS.validateEvent("OnExternalCallStart", json("{\"event\":\"ONEXTERNALCALLSTART\","
                + "\"event_handler_id\":\"1055\",\"data\":{\"PHONE_NUMBER\":\"+494951234567\",\"PHONE_NUMBER_INTERNATIONAL\":\"+494951234567\","
                + "\"EXTENSION\":\"\",\"USER_ID\":\"1269\",\"CALL_LIST_ID\":\"0\",\"LINE_NUMBER\":\"7\",\"IS_MOBILE\":\"0\","
                + "\"CALL_ID\":\"externalCall.89350264e026dace3f2b14d1f438257c.1773236989\",\"CRM_ENTITY_TYPE\":\"CONTACT\","
                + "\"CRM_ENTITY_ID\":\"797\"},\"ts\":\"1773236988\"," + auth + "}")));
        assertFalse(CONTRACTS.validateEvent("OnVoximplantCallStart", json("{\"event\":\"ONVOXIMPLANTCALLSTART\","
                + "\"event_handler_id\":\"1\",\"data\":{\"CALL_ID\":\"externalCall.7b0c7de811455ef32b18dc5917e4306a.1\","
                + "\"USER_ID\":1269},\"ts\":\"1\"," + auth + "}")).isEmpty(), "a form-encoded event carries only strings");
    }

    @Test
    void placementExampleMatches() throws Exception {
        JsonNode options = json("{\"CALL_ID\":\"externalCall.c3ee67f1a63f6e6117c230ab59cc49ea.1723556778\",\"PHONE_NUMBER\":\"+4930123456\","
                + "\"LINE_NUMBER\":\"+49 30 000-00-00\",\"LINE_NAME\":\"+49 30 000-00-00\",\"CRM_ENTITY_TYPE\":\"COMPANY\",\"CRM_ENTITY_ID\":\"17\","
                + "\"CRM_ACTIVITY_ID\":\"undefined\",\"CRM_BINDINGS\":[{\"ENTITY_TYPE\":\"DEAL\",\"ENTITY_ID\":\"25\"},"
                + "{\"ENTITY_TYPE\":\"COMPANY\",\"ENTITY_ID\":\"17\"}],\"CALL_DIRECTION\":\"incoming\",\"CALL_STATE\":\"connected\","
                + "\"CALL_LIST_MODE\":\"false\",\"URI\":\"/crm/company/details/17/\"}");
        assertEquals(List.of(), CONTRACTS.validate("placements/CALL_CARD.options.json", options));
        assertEquals(List.of(), CONTRACTS.validate("callcard/CallCard.EntityChanged.json",
                json("{\"PHONE_NUMBER\":\"+19001234567\",\"CRM_ENTITY_TYPE\":\"CONTACT\",\"CRM_ENTITY_ID\":123}")));
    }

    @Test
    void envelopes() throws Exception {
        String time = "\"time\":{\"start\":1773130778,\"finish\":1773130779.120838,\"duration\":1.120837926864624,"
                + "\"processing\":1,\"date_start\":\"2026-03-10T11:19:38+03:00\",\"date_finish\":\"2026-03-10T11:19:39+03:00\","
                + "\"operating_reset_at\":1773131378,\"operating\":0.22185301780700684}";
        assertEquals(List.of(), CONTRACTS.validateResponse("crm.settings.mode.get", 200, json("{\"result\":1," + time + "}")));
        assertFalse(CONTRACTS.validateResponse("crm.settings.mode.get", 200, json("{\"result\":1}")).isEmpty());
        assertFalse(CONTRACTS.validateResponse("crm.settings.mode.get", 200, json("{\"result\":3," + time + "}")).isEmpty());
        assertEquals(List.of(), CONTRACTS.validateResponse("crm.settings.mode.get", 400,
                json("{\"error\":\"ERROR_CORE\",\"error_description\":\"x\"}")));
        assertTrue(CONTRACTS.validateResponse("crm.settings.mode.get", 400,
                json("{\"error\":\"ERROR_CORE\",\"error_description\":\"x\"," + time + "}")).size() > 0);
    }

    @Test
    void documentedParamsFollowRootReferences() {
        assertEquals(List.of("filter", "order", "select", "start"), List.copyOf(CONTRACTS.documentedParams("crm.lead.list")));
        assertTrue(CONTRACTS.documentedParams("telephony.externalcall.register").contains("EXTERNAL_CALL_ID"));
    }
}
