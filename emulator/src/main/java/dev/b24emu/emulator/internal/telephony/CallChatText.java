package dev.b24emu.emulator.internal.telephony;

/**
 * The message a finished call leaves in its user's chat when finish is sent with ADD_TO_CHAT, as
 * {@code CVoxImplantHistory::GetMessageForChat} words it in English (voximplant's lang/en vi_history.php): by the
 * call's direction and status code, the number in a {@code [CALL]} link and "Call information" linking the
 * statistics record ({@code [PCH=ID]}). Empty when the server sends nothing: no number or user, a blocked call
 * (423), a robocall, and a callback refused for its number, whose phrase the server looks up under a misspelt key.
 */
final class CallChatText {
    private static final int OUTGOING = 1;
    private static final int INCOMING = 2;
    private static final int INCOMING_REDIRECT = 3;
    private static final int CALLBACK = 4;
    /** a PHP numeric string: an optional sign, digits with a fraction or a fraction alone, an exponent */
    private static final java.util.regex.Pattern NUMERIC = java.util.regex.Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private CallChatText() {
    }

    /**
     * @param type        the call's TYPE (1 outgoing, 2 incoming, 3 redirected, 4 callback, 5 robocall)
     * @param status      STATUS_CODE as finish kept it
     * @param number      the number as the messenger shows it
     * @param statisticId the ID of the call's statistics record
     * @param hasRecord   whether finish was sent a RECORD_URL
     */
    static String of(int type, String status, String number, long portalUserId, long statisticId, boolean hasRecord) {
        if (number.isEmpty() || portalUserId <= 0 || is(status, 423)) {
            return "";
        }
        String shown = "[CALL=" + number + "]" + number + "[/CALL]";
        String info = "[PCH=" + statisticId + "]Call information[/PCH]";
        if (type == OUTGOING) {
            if ("603-S".equals(status)) {
                return "Call to " + shown + " was canceled.";
            } else if (is(status, 603)) {
                return shown + " canceled the call.";
            } else if (is(status, 486)) {
                return shown + " is presently on a different call.";
            } else if (is(status, 480)) {
                return shown + " is temporary unavailable.";
            } else if (is(status, 404) || is(status, 484)) {
                return "Cannot call " + shown + " because this route is unavailable.";
            } else if (is(status, 402)) {
                return "Insufficient balance. You cannot make calls.";
            }
            return "Call to " + shown + " finished. " + info;
        }
        if (type == CALLBACK) {
            if ("603-S".equals(status)) {
                return "Return call to " + shown + " canceled.";
            } else if (is(status, 603)) {
                return "Return call to " + shown + ": the subscriber rejected the call.";
            } else if (is(status, 486)) {
                return "Return call to " + shown + ": the line is busy.";
            } else if (is(status, 480)) {
                return "Return call to " + shown + ": the subscriber is now not available.";
            } else if (is(status, 404) || is(status, 484)) {
                return ""; // GetMessage('VVI_CALLBACK_ERROR_NUMBER'): no such phrase, so no message
            } else if (is(status, 402)) {
                return "Return call to " + shown
                        + " is not possible because your account does not have sufficient funds.";
            } else if (is(status, 304)) {
                return "Return call to " + shown + " was missed. " + info;
            }
            return "Return call to " + shown + " completed. " + info;
        }
        if (type == INCOMING || type == INCOMING_REDIRECT) {
            if (is(status, 304)) {
                String more = hasRecord ? "Caller left [PCH=" + statisticId + "]a voice message[/PCH]." : info;
                return "Skipped incoming call from " + shown + ". " + more;
            }
            return "Incoming call from " + shown + " finished. " + info;
        }
        return "";
    }

    /**
     * PHP's {@code $code == 603}: a numeric string compares as a number ("603.0" is 603), any other string as the text
     * "603" (PHP 8), so "603-S" is not 603.
     */
    static boolean is(String code, int number) {
        if (NUMERIC.matcher(code).matches()) {
            return Double.parseDouble(code) == number;
        }
        return code.equals(Integer.toString(number));
    }
}
