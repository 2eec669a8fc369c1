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
 * when a handler is bound (the documented "Wrong handler URL") and again at every delivery.
 */
public final class SelfGuard {
    private final Supplier<Set<Integer>> ports;

    /** @param ports the ports the emulator listens on (HTTP and HTTPS), known once it listens */
    public SelfGuard(Supplier<Set<Integer>> ports) {
        this.ports = ports;
    }

    /** Why a delivery to the URL is refused, or null when it may go. */
    public String refusal(String url) {
        return reachesControlApi(url) ? "Refused: " + url + " is the emulator's own control API" : null;
    }

    /** Whether the URL names this emulator's control API (/_emulator/... on one of its ports on this machine). */
    public boolean reachesControlApi(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getRawPath() == null) {
            return false;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        if (!ports.get().contains(port)) {
            return false;
        }
        String normalized;
        try {
            String path = URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
            normalized = URI.create("http://h" + path.replaceAll("[^\\x21-\\x7e]", "")).normalize().getPath();
        } catch (IllegalArgumentException unreadable) {
            return false; // a path no client would send either
        }
        if (normalized == null || !normalized.replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT).startsWith("/_emulator")) {
            return false;
        }
        return isThisMachine(uri.getHost());
    }

    private static boolean isThisMachine(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host.replaceAll("^\\[|]$", ""))) {
                if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                        || NetworkInterface.getByInetAddress(address) != null) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException | SocketException unresolved) {
            return false;
        }
    }
}
