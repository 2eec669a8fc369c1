package dev.b24emu.emulator.internal.transport;

/**
 * What a /rest/ path addresses: a method, with or without webhook credentials
 * ({@code /rest/{user}/{token}/{method}[.json][/]} or {@code /rest/{method}}), in REST 2 or, below
 * {@code /rest/api/}, in REST 3.0 ({@code /rest/api/{user}/{token}/{method}}, {@code /rest/api/{method}}). Repeated
 * slashes read as one, as nginx's merge_slashes does: PHP SDKs build {@code <webhook>/<method>/} from a webhook
 * ending in '/', and the JS SDK appends {@code /<method>} to a client_endpoint ending in '/'. A webhook's user is
 * digits, so {@code api} never reads as one.
 *
 * @param userId the webhook's user as written, or null for an OAuth call
 * @param token  the webhook's token, or null for an OAuth call
 * @param method the method name as written (without .json or .xml), possibly ""
 * @param v3     whether the path is a REST 3.0 one (below /rest/api/): JSON bodies and the REST 3.0 envelopes
 * @param xml    whether the method name ended in ".xml": the answer in the XML transport (REST 2 only, D146)
 */
public record RestPath(String userId, String token, String method, boolean v3, boolean xml) {
    public static final String PREFIX = "/rest/";
    private static final String V3_SEGMENT = "api";
    private static final java.util.regex.Pattern REPEATED_SLASHES = java.util.regex.Pattern.compile("/{2,}");

    public RestPath(String userId, String token, String method, boolean v3) {
        this(userId, token, method, v3, false);
    }

    public boolean isWebhook() {
        return token != null;
    }

    public static RestPath parse(String path) {
        String rest = path.substring(PREFIX.length());
        if (rest.contains("//")) { // String.replaceAll would compile its pattern on every request
            rest = REPEATED_SLASHES.matcher(rest).replaceAll("/");
        }
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        boolean v3 = rest.startsWith(V3_SEGMENT + "/");
        if (v3) {
            rest = rest.substring(V3_SEGMENT.length() + 1);
        }
        // the last three segments, found from the end: a split made an array and a string per segment per request
        int last = rest.lastIndexOf('/');
        String named = rest.substring(last + 1);
        String method = without(named, ".json");
        boolean xml = false;
        if (!v3 && method.length() == named.length()) { // REST 2 only: CRestServer's transports are json and xml
            method = without(named, ".xml");
            xml = method.length() < named.length();
        }
        if (last < 0) {
            return new RestPath(null, null, method, v3, xml);
        }
        int second = rest.lastIndexOf('/', last - 1);
        if (second < 0) {
            return new RestPath(rest.substring(0, last), rest.substring(last + 1), "", v3, false);
        }
        int third = rest.lastIndexOf('/', second - 1);
        return new RestPath(rest.substring(third + 1, second), rest.substring(second + 1, last), method, v3, xml);
    }

    /** The method without the suffix in any case (only ASCII letters lower-case to the suffix's). */
    private static String without(String method, String suffix) {
        int dot = method.length() - suffix.length();
        if (dot < 0 || method.charAt(dot) != '.') {
            return method;
        }
        for (int i = 1; i < suffix.length(); i++) {
            char c = method.charAt(dot + i);
            if (c >= 0x80 || Character.toLowerCase(c) != suffix.charAt(i)) {
                return method;
            }
        }
        return method.substring(0, dot);
    }
}
