package dev.b24emu.emulator.internal.outbound;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps handler URLs away from the emulator itself (D204). An event handler bound to http://127.0.0.1:PORT/_emulator/reset
 * must not let one REST call on one portal reset every other portal; one bound to the emulator's own REST methods
 * (ONCRMCONTACTADD → .../crm.contact.add) feeds each delivery's event back as the next, without end: 900 contacts a
 * second, the portal's own objects pushed out past its bound and the heap at 2 GB in 30 s (audit 49d), where a real
 * portal's rate limits brake such a loop. Checked when a handler is bound (the documented "Wrong handler URL": only
 * what the URL itself says, since a DNS lookup there would let a slow name server stall the request), and at every
 * delivery against the address actually connected to (so a name that resolves to this machine, or rebinds to it
 * later, is refused too).
 */
public final class SelfGuard {
    private final Supplier<Set<Integer>> ports;

    /** @param ports the ports the emulator listens on (HTTP, HTTPS, the Bitrix24 hosts'), known once it listens */
    public SelfGuard(Supplier<Set<Integer>> ports) {
        this.ports = ports;
    }

    /** Why a delivery to the URL is refused before connecting, or null when it may try. */
    public String refusal(String url) {
        return reachesEmulator(url) ? refused(url) : null;
    }

    /** Why a delivery that connected to this address must not send its request, or null when it may. */
    public String refusal(String url, InetAddress connected, int port) {
        return ports.get().contains(port) && isThisMachine(connected) ? refused(url) : null;
    }

    /** Whether the URL itself names this emulator (a loopback or local literal address, or localhost, and its port). */
    public boolean reachesEmulator(String url) {
        URI uri = parse(url);
        if (uri == null || !ports.get().contains(portOf(uri))) {
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
        return "Refused: " + url + " is the emulator itself (a handler there would feed it its own events, D204)";
    }

    /** IPv4 in any of the forms InetAddress reads without a lookup, or IPv6. */
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[0-9.]+|.*:.*");

    private static URI parse(String url) {
        try {
            URI uri = URI.create(url.trim());
            return uri.getHost() == null ? null : uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int portOf(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
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
