package dev.b24emu.emulator.internal.transport;

/** What may reach a log line from a request: printable characters only, so a client cannot forge lines or escapes. */
public final class LogText {
    private static final int MAX = 200;

    private LogText() {
    }

    public static String safe(String text) {
        if (text == null) {
            return "-";
        }
        if (isClean(text)) { // nearly every line: no copy
            return text;
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && clean.length() < MAX; i++) {
            char c = text.charAt(i);
            clean.append(unsafe(c) ? '?' : c);
        }
        return clean.toString();
    }

    private static boolean isClean(String text) {
        if (text.length() > MAX) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /** A request path for a log line: {@link #safe} with the secret of a webhook path (/rest/{user}/{secret}/...) hidden. */
    public static String path(String path) {
        return safe(path == null ? null : WEBHOOK_SECRET.matcher(path).replaceFirst("$1***"));
    }

    private static final java.util.regex.Pattern WEBHOOK_SECRET = java.util.regex.Pattern.compile("^(/+rest/+[^/]+/+)[^/]+");
}
