package dev.b24emu.emulator.internal.transport;

import java.util.Locale;

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
 * @param method the method name as written (without .json), possibly ""
 * @param v3     whether the path is a REST 3.0 one (below /rest/api/): JSON bodies and the REST 3.0 envelopes
 */
public record RestPath(String userId, String token, String method, boolean v3) {
    public static final String PREFIX = "/rest/";
    private static final String V3_SEGMENT = "api";
    private static final java.util.regex.Pattern REPEATED_SLASHES = java.util.regex.Pattern.compile("/{2,}");

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
        String[] parts = rest.split("/", -1);
        String method = parts[parts.length - 1];
        if (method.toLowerCase(Locale.ROOT).endsWith(".json")) {
            method = method.substring(0, method.length() - ".json".length());
        }
        if (parts.length >= 3) {
            return new RestPath(parts[parts.length - 3], parts[parts.length - 2], method, v3);
        }
        if (parts.length == 2) {
            return new RestPath(parts[0], parts[1], "", v3);
        }
        return new RestPath(null, null, method, v3);
    }
}
