package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.conformance.PbxAction;
import dev.b24emu.conformance.Traffic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call is owed its finish once the phone system said it ended: a scenario stopped before the driver's hangup (a
 * handler that answered an event too late) leaves the integration nothing to finish with.
 */
class CallsFinishedTest {
    private static final String CALL = "externalCall.0123456789abcdef0123456789abcdef.1767225600";

    private static Traffic.Request register() {
        return new Traffic.Request(1, "", "telephony.externalcall.register", "oauth", "local.pbx", "t",
                JsonNodeFactory.instance.objectNode().put("PHONE_NUMBER", "+79990000001").put("USER_ID", 2), 200, null,
                JsonNodeFactory.instance.objectNode().put("CALL_ID", CALL), List.of(), 100, 1);
    }

    @Test
    void aCallIsOwedItsFinishOnceThePhoneSystemSaidItEnded() {
        Traffic stopped = new Traffic(List.of(register()), List.of(), List.of(), List.of());
        assertEquals(List.of(), new CallsFinished().check(stopped), "no hangup was ever told");
        assertFalse(new CallsFinished().exercised(stopped));

        Traffic.PhoneEvent hangup = new Traffic.PhoneEvent(2, new PbxAction("hangup",
                Map.of("phone", "8 (999) 000-00-01", "duration", 20)));
        Traffic ended = new Traffic(List.of(register()), List.of(), List.of(), List.of(hangup));
        assertTrue(new CallsFinished().exercised(ended));
        assertEquals(List.of("Call " + CALL + " was never finished"),
                new CallsFinished().check(ended).stream().map(Violation::message).toList());
    }
}
