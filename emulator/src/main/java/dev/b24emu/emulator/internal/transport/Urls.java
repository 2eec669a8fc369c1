package dev.b24emu.emulator.internal.transport;

import java.net.URI;

/** URL checks for handler addresses the portal will call. */
public final class Urls {
    private Urls() {
    }

    /** An absolute http(s) URL with a host. */
    public static boolean isHttp(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(url.trim());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
