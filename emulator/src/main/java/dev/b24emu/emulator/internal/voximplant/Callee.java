package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.List;

/**
 * How the other side of a built-in call behaves (there is no real telephone network behind the emulator): it
 * answers after {@code afterSeconds} and talks {@code talkSeconds}, is busy, does not answer, or the call fails with
 * {@code code}, each after {@code afterSeconds}. Set per portal and per number through the control API
 * (specs/DECISIONS.md D64); the default answers after 5 s and talks 30 s.
 *
 * @param reason CALL_FAILED_REASON, or null for the documented meaning of the code
 * @param cost   COST of the call
 */
public record Callee(Outcome outcome, int afterSeconds, int talkSeconds, String code, String reason, double cost) {
    private static final int MAX_SECONDS = 86_400;
    private static final List<String> FIELDS = List.of("outcome", "afterSeconds", "talkSeconds", "code", "reason", "cost");

    public enum Outcome {
        ANSWER("answer"), BUSY("busy"), NO_ANSWER("noAnswer"), FAIL("fail");

        private final String json;

        Outcome(String json) {
            this.json = json;
        }

        static Outcome parse(String text) {
            for (Outcome outcome : values()) {
                if (outcome.json.equalsIgnoreCase(text)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("outcome must be answer, busy, noAnswer or fail");
        }
    }

    public static Callee defaults() {
        return new Callee(Outcome.ANSWER, 5, 30, null, null, 0);
    }

    /** CALL_FAILED_CODE of the call: 200 answered, 486 busy, 304 not answered, or the given code. */
    public String failedCode() {
        return switch (outcome) {
            case ANSWER -> "200";
            case BUSY -> "486";
            case NO_ANSWER -> "304";
            case FAIL -> code == null ? "OTHER" : code;
        };
    }

    /** CALL_FAILED_REASON: the given reason, or the meaning voximplant-statistic-get.md gives the code. */
    public String failedReason() {
        if (reason != null) {
            return reason;
        }
        return switch (failedCode()) {
            case "200" -> "Successful call";
            case "304" -> "Missed call";
            case "603" -> "Declined";
            case "603-S" -> "Call canceled";
            case "403" -> "Forbidden";
            case "404" -> "Invalid number";
            case "486" -> "Busy";
            case "484", "503" -> "Direction unavailable";
            case "480" -> "Temporarily unavailable";
            case "402" -> "Insufficient funds";
            case "423" -> "Blocked";
            default -> "Undefined";
        };
    }

    /** This behaviour with the fields of a JSON patch changed; an unknown field or a bad value names itself. */
    public Callee patch(JsonNode patch) {
        JsonFields.check(patch, "callee", FIELDS);
        Outcome newOutcome = patch.has("outcome") ? Outcome.parse(patch.get("outcome").asText()) : outcome;
        return new Callee(newOutcome, seconds(patch, "afterSeconds", afterSeconds),
                seconds(patch, "talkSeconds", talkSeconds), text(patch, "code", code), text(patch, "reason", reason),
                cost(patch));
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("outcome", outcome.json);
        json.put("afterSeconds", afterSeconds);
        json.put("talkSeconds", talkSeconds);
        json.put("code", code);
        json.put("reason", reason);
        json.put("cost", cost);
        return json;
    }

    private static int seconds(JsonNode patch, String name, int current) {
        JsonNode value = patch.get(name);
        if (value == null) {
            return current;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0 || value.intValue() > MAX_SECONDS) {
            throw new IllegalArgumentException(name + " must be an integer from 0 to " + MAX_SECONDS);
        }
        return value.intValue();
    }

    private static String text(JsonNode patch, String name, String current) {
        JsonNode value = patch.get(name);
        if (value == null) {
            return current;
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(name + " must be a non-empty string or null");
        }
        String trimmed = value.asText().trim();
        return name.equals("code") ? trimmed.toUpperCase(Locale.ROOT) : trimmed; // "603-s" is the code 603-S
    }

    private double cost(JsonNode patch) {
        JsonNode value = patch.get("cost");
        if (value == null) {
            return cost;
        }
        if (!value.isNumber() || value.doubleValue() < 0 || !Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException("cost must be a number >= 0");
        }
        return value.doubleValue();
    }
}
