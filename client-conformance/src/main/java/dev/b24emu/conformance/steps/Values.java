package dev.b24emu.conformance.steps;

/** Scenario text to typed values, as a QA writes them ("true", "2", "SIMPLE"). */
final class Values {
    private Values() {
    }

    static Object typed(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        if (value.matches("-?[0-9]{1,9}")) {
            return Integer.parseInt(value);
        }
        return value;
    }
}
