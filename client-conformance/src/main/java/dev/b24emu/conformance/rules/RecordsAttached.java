package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * A call that was talked gets its recording: Bitrix24 Market's review asks every telephony integration to send the
 * record of a successful call (attachRecord, or RECORD_URL on finish), which the call's CRM activity and statistics
 * then play. A missed call has none to send.
 */
final class RecordsAttached extends Rule {
    RecordsAttached() {
        super("records-attached",
                "A call that was talked (finished with a DURATION and STATUS_CODE 200) gets its recording"
                        + " (required for catalogue apps)",
                "market/preparing-to-publish/requirements-telephony.md (3);"
                        + " api-reference/telephony/telephony-external-call-attach-record.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return traffic.calls(Calls.FINISH).stream().anyMatch(RecordsAttached::talked);
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Traffic.Request finish : traffic.calls(Calls.FINISH)) {
            if (!talked(finish) || !finish.text("RECORD_URL").isBlank()) {
                continue;
            }
            String callId = finish.text("CALL_ID");
            boolean attached = traffic.calls("telephony.externalCall.attachRecord").stream()
                    .anyMatch(attach -> attach.ok() && attach.text("CALL_ID").equals(callId));
            if (!attached) {
                ObjectNode expected = JsonNodeFactory.instance.objectNode().put("method", "telephony.externalCall.attachRecord");
                expected.putObject("params").put("CALL_ID", callId).put("FILENAME", "<record>.mp3")
                        .put("FILE_CONTENT", "<the recording, base64>");
                violations.add(new Violation(id(), "Call " + callId + " was talked for " + finish.text("DURATION")
                        + " s and got no recording: no attachRecord for it, no RECORD_URL on its finish", finish.seq(),
                        finish.view(), expected));
            }
        }
        return violations;
    }

    /** A successful call with a conversation: finish's STATUS_CODE 200 (the default) and a DURATION above 0. */
    private static boolean talked(Traffic.Request finish) {
        String status = finish.text("STATUS_CODE").trim();
        return finish.ok() && (status.isEmpty() || status.equals("200"))
                && finish.param("DURATION").map(d -> d.asLong(0)).orElse(0L) > 0;
    }
}
