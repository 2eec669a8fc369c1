package dev.b24emu.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The step library fails a step whose path or remembered name is misspelt instead of reading it as "": a QA engineer's
 * typo made "has 0 entries", "matches", "differs from the remembered" and "is \"\"" pass checking nothing (audit 50d).
 */
class StrictStepsTest {
    private final ScenarioContext ctx = new ScenarioContext();
    private final RestSteps steps = new RestSteps(ctx);

    StrictStepsTest() throws Exception {
        ctx.body = new ObjectMapper().readTree("{\"result\":{\"CALL_ID\":\"externalCall.1\",\"CRM_CREATED_ENTITIES\":[],"
                + "\"CRM_CREATED_LEAD\":null}}");
        ctx.remembered.put("first", "externalCall.0");
    }

    @Test
    void aPathTheResultDoesNotHaveFailsTheStep() {
        AssertionError missing = assertThrows(AssertionError.class, () -> steps.resultEntries("CRM_CREATED_ENTITES", 0));
        assertTrue(missing.getMessage().startsWith("The result has no \"CRM_CREATED_ENTITES\""), missing.getMessage());
        assertThrows(AssertionError.class, () -> steps.resultMatches("CALL_IDD", ".*"));
        assertThrows(AssertionError.class, () -> steps.resultIs("CALL", ""));
        assertThrows(AssertionError.class, () -> steps.differsFromRemembered("CALLID", "first"));
        // what is there is read as before: an empty list, a null, a value
        steps.resultEntries("CRM_CREATED_ENTITIES", 0);
        steps.resultIs("CRM_CREATED_LEAD", "null");
        steps.resultHasNo("CRM_CREATED_CONTACT");
    }

    @Test
    void aNameNothingWasRememberedAsFailsTheStep() {
        AssertionError unknown = assertThrows(AssertionError.class, () -> steps.differsFromRemembered("CALL_ID", "frist"));
        assertEquals("Nothing remembered as {frist}; remembered: [first]", unknown.getMessage());
        assertThrows(AssertionError.class, () -> steps.equalsRemembered("CALL_ID", "frist"));
        assertThrows(AssertionError.class, () -> steps.rememberedIs("frist", "x"));
        steps.differsFromRemembered("CALL_ID", "first");
    }
}
