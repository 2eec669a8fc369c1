package dev.b24emu.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One REST call a portal served, as its request journal keeps it.
 *
 * @param auth       "webhook" or "oauth"
 * @param app        the calling application's client_id, or null for a webhook
 * @param credential an 8-hex fingerprint of the token used (never the token)
 * @param result     the "result" of a successful call, or null
 * @param warnings   what the call did that the contract rules out but the real server accepts
 * @param notices    what the emulator answered otherwise than a real portal would, the call not at fault: a feature
 *                   it does not keep (D197)
 */
public record RecordedRequest(String time, String method, String httpMethod, String auth, String app,
                              String credential, JsonNode params, int status, String error, JsonNode result,
                              List<String> warnings, List<String> notices, long latencyMicros) {
    /** Whether the portal answered it 2xx: what {@code assertCalled} looks for. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

}
