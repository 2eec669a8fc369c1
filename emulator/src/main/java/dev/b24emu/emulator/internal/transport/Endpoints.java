package dev.b24emu.emulator.internal.transport;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

import java.net.URI;

/**
 * The addresses the portal announces: where REST calls go (client_endpoint), the authorization server
 * (server_endpoint) and the domain. An answer or delivery caused by a request uses the scheme, host and port that
 * request came in on, as a real portal answers on its own address; otherwise the server's default address.
 *
 * @param baseUrl    scheme, host and port without a trailing slash: {@code http://127.0.0.1:8080}
 * @param authServer the same for the authorization server: this server itself, or
 *                   {@code https://oauth.bitrix.info} for a portal announced under its Bitrix24 domain
 */
public record Endpoints(String baseUrl, String authServer) {
    /** The real authorization server, which the emulator answers for through its proxy. */
    public static final String OAUTH_HOST = "oauth.bitrix.info";
    /**
     * Every name of the real authorization server the proxy answers for: the one the English pages name and the one
     * the current Russian ones do (ru/settings/oauth/auto-renewal.md: oauth.bitrix24.tech), which clients hard-code.
     */
    public static final java.util.List<String> OAUTH_HOSTS = java.util.List.of(OAUTH_HOST, "oauth.bitrix24.tech");

    /** An address that is its own authorization server, as the emulator is when reached directly. */
    public Endpoints(String baseUrl) {
        this(baseUrl, baseUrl);
    }

    /** A portal at its own domain, as Bitrix24 announces one: https, and the real authorization server's address. */
    public static Endpoints atDomain(String domain) {
        return new Endpoints("https://" + domain, "https://" + OAUTH_HOST);
    }

    /** The scheme, host and port the request reached the emulator at; the fallback when it names no host. */
    public static Endpoints of(HttpServerRequest request, Endpoints fallback) {
        HostAndPort authority = request.authority();
        if (authority == null || authority.host() == null || authority.host().isBlank()) {
            return fallback;
        }
        String host = authority.host();
        int port = authority.port();
        boolean ssl = request.isSSL();
        Reached last = LAST.get();
        if (last != null && last.port() == port && last.ssl() == ssl && last.host().equals(host)) {
            return last.endpoints(); // a client's requests name one host, request after request
        }
        if (!hostName(host)) {
            return fallback; // a Host header that is not a host name never reaches an answer
        }
        String scheme = ssl ? "https" : "http";
        boolean defaultPort = port < 0 || (!ssl && port == 80) || (ssl && port == 443);
        Endpoints endpoints = new Endpoints(scheme + "://" + host + (defaultPort ? "" : ":" + port));
        LAST.set(new Reached(host, port, ssl, endpoints));
        return endpoints;
    }

    /** A host, port and scheme a request came in on, and the endpoints they make. */
    private record Reached(String host, int port, boolean ssl, Endpoints endpoints) {
    }

    /** The last address a request came in on, on this thread (an event loop). */
    private static final ThreadLocal<Reached> LAST = new ThreadLocal<>();

    /** Letters, digits and . : [ ] _ - only (a loop: a regex matcher per request showed in the profile). */
    private static boolean hostName(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == ':' || c == '[' || c == ']' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return !host.isEmpty();
    }

    /** The host name alone, lower case: {@code 127.0.0.1}, {@code acme.bitrix24.ru}. */
    public String host() {
        int start = baseUrl.indexOf("://") + 3;
        if (start > 2 && start < baseUrl.length() && baseUrl.charAt(start) != '[') {
            int end = start; // read on every request: the common name-or-IPv4 form without URI's parser
            while (end < baseUrl.length() && baseUrl.charAt(end) != ':' && baseUrl.charAt(end) != '/') {
                end++;
            }
            return baseUrl.substring(start, end).toLowerCase(java.util.Locale.ROOT);
        }
        String host = URI.create(baseUrl).getHost();
        return host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
    }

    /** 127.0.0.1:8080: what "domain" carries, so https://{domain}/rest/ style clients reach this server. */
    public String domain() {
        URI uri = URI.create(baseUrl);
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    /**
     * The same emulator under another host name, where the magic "portal moved" credential redirects (D113):
     * 127.0.0.1 and localhost trade places; any other host moves to localhost on the same port.
     */
    public Endpoints movedTo() {
        URI uri = URI.create(baseUrl);
        String host = "localhost".equals(uri.getHost()) ? "127.0.0.1" : "localhost";
        return new Endpoints(uri.getScheme() + "://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
    }

    /** The authorization server's domain (server_domain of the authorization-code redirect). */
    public String serverDomain() {
        return URI.create(serverEndpoint()).getAuthority();
    }

    public boolean https() {
        return baseUrl.startsWith("https:");
    }

    /** Where an application's REST calls go (client_endpoint). */
    public String clientEndpoint() {
        return baseUrl + "/rest/";
    }

    /**
     * The authorization server's REST address (server_endpoint), of the real one's shape
     * ({@code https://oauth.bitrix.info/rest/}): SDKs derive the token URL from it by dropping {@code /rest/} and
     * adding {@code /oauth/token/}, which reaches the emulator's own token endpoint: directly, or through the proxy
     * when it is oauth.bitrix.info itself.
     */
    public String serverEndpoint() {
        return authServer + "/rest/";
    }
}
