package dev.b24emu.emulator.internal.outbound;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps handler URLs away from the emulator's own control API: an event handler bound to
 * http://127.0.0.1:PORT/_emulator/reset must not let one REST call on one portal reset every other portal. Checked
 * when a handler is bound (the documented "Wrong handler URL": only what the URL itself says, since a DNS lookup there
 * would let a slow name server stall the request), and at every delivery against the address actually connected to
 * (so a name that resolves to this machine, or rebinds to it later, is refused too).
 */
public final class SelfGuard {
    private final Supplier<Set<Integer>> ports;

    /** @param ports the ports the emulator listens on (HTTP and HTTPS), known once it listens */
    public SelfGuard(Supplier<Set<Integer>> ports) {
        this.ports = ports;
    }

    /** Why a delivery to the URL is refused before connecting, or null when it may try. */
    public String refusal(String url) {
        return reachesControlApi(url) ? refused(url) : null;
    }

    /** Why a delivery that connected to this address must not send its request, or null when it may. */
    public String refusal(String url, InetAddress connected, int port) {
        URI uri = parse(url);
        return uri != null && controlPath(uri) && ports.get().contains(port) && isThisMachine(connected)
                ? refused(url) : null;
    }

    /** Whether the URL itself names this emulator's control API (a loopback or local literal address, or localhost). */
    public boolean reachesControlApi(String url) {
        URI uri = parse(url);
        if (uri == null || !controlPath(uri) || !ports.get().contains(portOf(uri))) {
            return false;
        }
        String host = uri.getHost().replaceAll("^\\[|]$", "");
        if (host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return true;
        }
        if (!LITERAL.matcher(host).matches()) {
            return false; // a name: judged at delivery, against the address it resolved to
        }
        try {
            return isThisMachine(InetAddress.getByName(host));
        } catch (UnknownHostException unreadable) {
            return false;
        }
    }

    private static String refused(String url) {
        return "Refused: " + url + " is the emulator's own control API";
    }

    /** IPv4 in any of the forms InetAddress reads without a lookup, or IPv6. */
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[0-9.]+|.*:.*");

    private static URI parse(String url) {
        try {
            URI uri = URI.create(url.trim());
            return uri.getHost() == null || uri.getRawPath() == null ? null : uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int portOf(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Whether the path, as the emulator's server reads it, is the control API's: percent-decoded once, then its dot
     * segments removed as RFC 3986 says, a leading ".." dropped (URI.normalize keeps one, and
     * http://127.0.0.1:PORT/%2e%2e/_emulator/reset passed as a handler and reset every portal), "\" and repeated
     * slashes read as one "/", characters no client sends left out.
     */
    static boolean controlPath(URI uri) {
        String path;
        try {
            path = URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unreadable) {
            return false; // a path no client would send either
        }
        java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
        for (String segment : path.replaceAll("[^\\x21-\\x7e]", "").replace('\\', '/').split("/")) {
            String name = segment.replaceAll(";.*", ""); // a path parameter does not make ".." another name
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                kept.pollLast();
                continue;
            }
            kept.addLast(segment);
        }
        return !kept.isEmpty() && kept.peekFirst().toLowerCase(Locale.ROOT).startsWith("_emulator");
    }

    private static boolean isThisMachine(InetAddress address) {
        try {
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException unknown) {
            return false;
        }
    }
}
