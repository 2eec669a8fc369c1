package dev.b24emu.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One REST call a portal served, as its request journal keeps it (the embedded API's record of the same name).
 *
 * @param auth       "webhook" or "oauth"
 * @param app        the calling application's client_id, or null for a webhook
 * @param credential an 8-hex fingerprint of the token used (never the token)
 * @param result     the "result" of a successful call, or null
 * @param warnings   what the call did that the contract rules out but the real server accepts
 * @param notices    what the emulator answered otherwise than a real portal would, the call not at fault (D197)
 */
public record RecordedRequest(String time, String method, String httpMethod, String auth, String app,
                              String credential, JsonNode params, int status, String error, JsonNode result,
                              List<String> warnings, List<String> notices, long latencyMicros) {
    /** Whether the portal answered it 2xx: what {@code assertCalled} looks for. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    static RecordedRequest of(JsonNode e) {
        List<String> warnings = new java.util.ArrayList<>();
        e.path("warnings").forEach(w -> warnings.add(w.asText()));
        List<String> notices = new java.util.ArrayList<>();
        e.path("notices").forEach(n -> notices.add(n.asText()));
        return new RecordedRequest(e.path("time").asText(), e.path("method").asText(), e.path("httpMethod").asText(),
                e.path("auth").asText(), text(e.path("app")), e.path("credential").asText(), e.path("params"),
                e.path("status").asInt(), text(e.path("error")), e.get("result"), List.copyOf(warnings),
                List.copyOf(notices), e.path("latencyMicros").asLong());
    }

    static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
