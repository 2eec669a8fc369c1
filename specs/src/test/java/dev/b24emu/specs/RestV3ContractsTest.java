package dev.b24emu.specs;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST 3.0 contracts of call.followup.*: the docs examples fit them, and each documented error is stated. */
class RestV3ContractsTest {
    private static final Contracts CONTRACTS = Contracts.shared();
    private static final String TIME = "\"time\":{\"start\":1784017027,\"finish\":1784017027.356922,"
            + "\"duration\":0.356921911239624,\"processing\":0,\"date_start\":\"2026-07-14T11:17:07+03:00\","
            + "\"date_finish\":\"2026-07-14T11:17:07+03:00\",\"operating_reset_at\":1784017627,\"operating\":0}";

    /** The first violation's documented answer, as "status code message [field: message]". */
    private static String firstError(String method, String params) throws Exception {
        List<Contracts.Violation> violations = CONTRACTS.validateParams(method, ContractsTest.json(params));
        assertFalse(violations.isEmpty(), "expected a violation for " + params);
        Contracts.DocumentedError error = violations.get(0).error().orElseThrow(() ->
                new AssertionError("no documented error for " + violations));
        return error.status() + " " + error.code() + " " + error.message()
                + (error.validation() == null ? "" : " [" + error.validation().field() + ": " + error.validation().message() + "]");
    }

    @Test
    void theFourMethodsAreRestV3InScopeCall() {
        for (String method : List.of("call.followup.list", "call.followup.get", "call.followup.field.list",
                "call.followup.field.get")) {
            Contracts.MethodContract contract = CONTRACTS.method(method).orElseThrow();
            assertTrue(contract.v3(), method);
            assertEquals("call", contract.scope());
            assertFalse(contract.appContextOnly());
        }
        assertFalse(CONTRACTS.method("telephony.externalcall.register").orElseThrow().v3());
    }

    @Test
    void theDocsRequestExamplesAreValidParameters() throws Exception {
        assertEquals(List.of(), CONTRACTS.validateParams("call.followup.list", ContractsTest.json("{\"filter\":{\"startDate\":"
                + "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-31T23:59:59Z\"}},\"select\":[\"callId\",\"startDate\","
                + "\"participants\",\"overview.topic\",\"overview.actionItems\"],\"order\":{\"startDate\":\"desc\"},"
                + "\"pagination\":{\"limit\":20},\"mentionFormat\":\"html\"}")));
        assertEquals(List.of(), CONTRACTS.validateParams("call.followup.get", ContractsTest.json("{\"callId\":12345,\"mentionFormat\":\"html\"}")));
        assertEquals(List.of(), CONTRACTS.validateParams("call.followup.field.list", ContractsTest.json("{\"select\":[\"name\",\"type\",\"description\"]}")));
        assertEquals(List.of(), CONTRACTS.validateParams("call.followup.field.get", ContractsTest.json("{\"name\":\"callId\","
                + "\"select\":[\"name\",\"type\",\"title\",\"description\",\"filterable\",\"sortable\",\"multiple\"]}")));
    }

    @Test
    void theDocsResponseExamplesFitTheEnvelopeAndResult() throws Exception {
        assertEquals(List.of(), CONTRACTS.validateResponse("call.followup.list", 200, ContractsTest.json("{\"result\":{\"items\":[{"
                + "\"callId\":12345,\"startDate\":\"2026-01-15T10:00:00+00:00\",\"participants\":[{\"userId\":7,\"name\":"
                + "\"Klaus Weber\",\"avatar\":\"https://...\",\"talkedSeconds\":600},{\"userId\":42,\"name\":\"Maria Schmidt\","
                + "\"talkedSeconds\":1200}],\"overview\":{\"topic\":\"Sprint planning\",\"actionItems\":[{\"actionItem\":"
                + "\"Deploy MVP by Friday\",\"quote\":\"...\"}]}}],\"hasMore\":true,\"afterCursor\":{\"startDate\":"
                + "\"2026-01-12T14:30:00.000000+00:00\",\"id\":12330}}," + TIME + "}")));
        assertEquals(List.of(), CONTRACTS.validateResponse("call.followup.field.get", 200, ContractsTest.json("{\"result\":{\"item\":"
                + "{\"name\":\"callId\",\"type\":\"int\",\"title\":\"callId\",\"description\":\"Bitrix24 call identifier "
                + "(b_call.ID). Always present.\",\"filterable\":false,\"sortable\":false,\"multiple\":false}}," + TIME + "}")));
        assertFalse(CONTRACTS.validateResponse("call.followup.list", 200, ContractsTest.json("{\"result\":{\"items\":[],"
                + "\"hasMore\":false,\"afterCursor\":null},\"next\":50," + TIME + "}")).isEmpty(), "REST 3.0 has no next");
        assertFalse(CONTRACTS.validateResponse("call.followup.list", 200, ContractsTest.json("{\"result\":{\"items\":[],"
                + "\"hasMore\":true,\"afterCursor\":null}," + TIME + "}")).isEmpty(), "hasMore needs a cursor");
    }

    @Test
    void theDocsErrorExamplesFitTheRestV3ErrorEnvelopeOnly() throws Exception {
        JsonNode validation = ContractsTest.json("{\"error\":{\"code\":\"BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION\","
                + "\"message\":\"Error during request object validation\",\"validation\":[{\"field\":\"name\","
                + "\"message\":\"Mandatory field `name` is missing\"}]}}");
        assertEquals(List.of(), CONTRACTS.validateResponse("call.followup.field.get", 400, validation));
        assertEquals(List.of(), CONTRACTS.validateResponse("call.followup.get", 403,
                ContractsTest.json("{\"error\":{\"code\":\"access_denied\",\"message\":\"No access to Follow-up data\"}}")));
        assertFalse(CONTRACTS.validateResponse("call.followup.get", 403,
                ContractsTest.json("{\"error\":\"access_denied\",\"error_description\":\"No access\"}")).isEmpty());
        assertFalse(CONTRACTS.validateError(2, validation).isEmpty(), "a REST 2 answer is not a REST 3.0 one");
    }

    @Test
    void violationsAnswerTheDocumentedErrorsInTheirOrder() throws Exception {
        assertEquals("400 BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION Error during request object "
                + "validation [name: Mandatory field `name` is missing]", firstError("call.followup.field.get", "{}"));
        assertEquals("400 BITRIX_REST_V3_REALISATION_EXCEPTION_FIELDNOTFOUNDEXCEPTION Field `{FIELD}` not found",
                firstError("call.followup.field.get", "{\"name\":\"nope\"}"));
        assertEquals("400 BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION Unknown field `{FIELD}` for object `DtoFieldDto`",
                firstError("call.followup.field.list", "{\"select\":[\"name\",\"unknownField\"]}"));
        assertEquals("400 BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION Unable to recognize select expression `{SELECT}`",
                firstError("call.followup.field.list", "{\"select\":\"name\"}"));
        assertEquals("400 BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION Error during request object "
                + "validation [callId: Mandatory field `callId` is missing]", firstError("call.followup.get", "{}"));
        assertEquals("400 BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION Error during request object "
                + "validation [callId: Field `callId` must be a positive integer]", firstError("call.followup.get", "{\"callId\":\"12\"}"));
        assertEquals("400 invalid_date_range Incorrect date range: both from and to are required",
                firstError("call.followup.list", "{\"filter\":{\"startDate\":{\"from\":\"2026-01-01T00:00:00Z\"}}}"));
        assertEquals("400 invalid_date_range Incorrect date range: both from and to are required",
                firstError("call.followup.list", "{}"));
        assertEquals("400 invalid_date_range Incorrect date range: from and to must be ISO 8601 dates",
                firstError("call.followup.list", "{\"filter\":{\"startDate\":{\"from\":\"yesterday\",\"to\":\"2026-01-31\"}}}"));
        // DTO type checks come before the method's own ones
        assertEquals("400 BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION Error during request object "
                + "validation [mentionFormat: A value not from the list of allowed formats was passed]",
                firstError("call.followup.list", "{\"mentionFormat\":\"markdown\",\"select\":[\"nope\"]}"));
        String period = "\"filter\":{\"startDate\":{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-31T00:00:00Z\"}}";
        assertEquals("400 invalid_select_field Invalid field in `select`",
                firstError("call.followup.list", "{" + period + ",\"select\":[\"participants.name\"]}"));
        assertEquals("400 invalid_order Incorrect parameter `order`",
                firstError("call.followup.list", "{" + period + ",\"order\":{\"startDate\":\"up\"}}"));
        assertEquals("400 invalid_pagination Incorrect parameter `pagination`",
                firstError("call.followup.list", "{" + period + ",\"pagination\":{\"limit\":0}}"));
        assertEquals(List.of(), CONTRACTS.validateParams("call.followup.list", ContractsTest.json("{" + period
                + ",\"order\":{\"startDate\":\"ASC\"},\"pagination\":{\"limit\":500}}")), "a large limit is clamped, not refused");
    }
}
