package dev.b24emu.emulator.internal.transport;

import io.vertx.core.http.HttpServerResponse;

/**
 * What every HTML page of the emulator's own says to the browser: no other site may frame it. The dashboard, the
 * simulators and the consent page act on a click (move the clock, close a card, allow an application), and a page
 * framed under a stranger's invisible layer takes the user's click as its own; the control API's Origin check does not
 * see it, since the framed page's requests are its own origin's.
 */
public final class OwnPages {
    private OwnPages() {
    }

    public static HttpServerResponse unframed(HttpServerResponse response) {
        return response.putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", "frame-ancestors 'none'");
    }
}
