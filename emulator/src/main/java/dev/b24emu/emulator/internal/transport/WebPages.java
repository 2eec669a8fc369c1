package dev.b24emu.emulator.internal.transport;

import io.vertx.core.http.HttpServerRequest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which web page a request came from, as far as the browser says: what the REST API needs to keep the well-known demo
 * token to programs and this machine's pages (D205). A browser names the page of a cross-origin fetch or form in
 * {@code Origin}, and of an image or a link it follows in {@code Sec-Fetch-Site} (and {@code Referer}, unless the page
 * withholds it); a program sends neither. This machine's pages are those of a loopback address (a development server on
 * localhost:3000 included), of the address the emulator listens on, and of an {@code --allowed-origin}.
 */
public final class WebPages {
    /** IPv4 in any form InetAddress reads without a lookup, or IPv6: no name is ever looked up for a header */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    private final Set<String> allowedOrigins;
    private final String listenHost;

    /**
     * @param listenHost     the address the emulator listens on
     * @param allowedOrigins further origins whose pages count as this machine's (scheme://host:port)
     */
    public WebPages(String listenHost, Set<String> allowedOrigins) {
        this.listenHost = bare(listenHost);
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT).replaceAll("/+$", ""))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Loopback pages only: what a server built without a configuration (a test's) accepts. */
    public static WebPages loopback() {
        return new WebPages("127.0.0.1", Set.of());
    }

    /**
     * The page of another machine or site the request came from, as the browser names it ("https://evil.example", or
     * "a page of another site" when it withholds the address), or null for a program, a page of this machine, or an
     * address typed into the browser.
     */
    public String foreignPage(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return local(origin) ? null : LogText.safe(origin);
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site == null || !site.equalsIgnoreCase("cross-site")) {
            return null; // a program, a typed address (none), or this page's own site (same-origin, same-site)
        }
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return "a page of another site";
        }
        return local(referer) ? null : LogText.safe(originOf(referer));
    }

    private boolean local(String origin) {
        String lower = origin.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (allowedOrigins.contains(lower)) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(lower);
        } catch (IllegalArgumentException unreadable) {
            return false; // "null" (a sandboxed frame, a file) and what no browser sends
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return false;
        }
        String host = bare(uri.getHost());
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals(listenHost)) {
            return true;
        }
        if (!LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException unreadable) {
            return false;
        }
    }

    private static String originOf(String url) {
        try {
            URI uri = URI.create(url.trim());
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException unreadable) {
            return "a page of another site";
        }
    }

    /** A host name lower-cased, an IPv6 literal without its brackets: how hosts are compared. */
    public static String bare(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }
}
