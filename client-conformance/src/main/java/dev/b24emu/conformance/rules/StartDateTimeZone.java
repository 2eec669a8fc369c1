package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CALL_START_DATE carries its time zone: without one the portal reads the time in its own zone, and a PBX in
 * another zone files every call hours off.
 */
final class StartDateTimeZone extends Rule {
    private static final Pattern WITH_ZONE = Pattern.compile(".*[T ][0-9:.]+(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)\\s*$");

    StartDateTimeZone() {
        super("start-date-time-zone",
                "CALL_START_DATE carries a time zone (ISO-8601 with an offset)",
                "api-reference/telephony/telephony-external-call-register.md (CALL_START_DATE)");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return traffic.calls(Calls.REGISTER).stream().anyMatch(r -> r.param("CALL_START_DATE").isPresent());
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Traffic.Request register : traffic.calls(Calls.REGISTER)) {
            String date = register.text("CALL_START_DATE");
            if (register.param("CALL_START_DATE").isPresent() && !WITH_ZONE.matcher(date).matches()) {
                ObjectNode actual = JsonNodeFactory.instance.objectNode().put("CALL_START_DATE", date);
                ObjectNode expected = JsonNodeFactory.instance.objectNode().put("CALL_START_DATE", withZone(date));
                // the offset shown is this machine's guess: the phone system's own is what makes the instant right
                violations.add(new Violation(id(), "CALL_START_DATE \"" + date + "\" has no time zone (give the phone"
                        + " system's UTC offset; the expected value guesses this machine's)",
                        register.seq(), actual, expected));
            }
        }
        return violations;
    }

    /** The same local time with this machine's offset: what the integration most likely meant. */
    private static String withZone(String date) {
        String local = date.trim().replace(' ', 'T');
        String offset = ZonedDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("xxx"));
        return (local.length() == 10 ? local + "T00:00:00" : local) + offset;
    }
}
