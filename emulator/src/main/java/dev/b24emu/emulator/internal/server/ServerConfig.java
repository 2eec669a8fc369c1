package dev.b24emu.emulator.internal.server;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSettings;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Everything the server is started with (the embedding API's options and the command line both end here).
 *
 * @param seed             opens the default portal's seed file, or null for the demo portal
 * @param bounds           how much each portal keeps (journal, calls, CRM objects, configuration, tokens)
 * @param maxPortals       portals made while the emulator runs that it keeps; past it the least recently used goes
 * @param bodyLimit        largest accepted request body, in bytes
 * @param eventLoops       HTTP server instances (one per event loop); 0 means the default (VertxLease#listeners)
 * @param httpsPort        the HTTPS port beside HTTP: 0 picks a free one, -1 means no HTTPS
 * @param tlsCert          a PEM certificate for HTTPS, or null to use a self-signed one for localhost
 * @param tlsKey           the PEM key of tlsCert
 * @param tlsDir           where the self-signed certificate is made and kept
 * @param stateFile        loaded at start, saved every stateSaveSeconds and at shutdown; null for none
 * @param controlToken     the token the control API requires beyond loopback; null makes one
 * @param validation       the default portal's validation mode, or null for the default (warn)
 * @param allowedHosts     further host names the control API answers to
 * @param allowedOrigins   further page origins that may drive the control API
 * @param connections      how long a connection may idle and may take to send a request's headers, and how many may
 *                         be open at once
 * @param fsyncAlways      whether every acknowledged change is saved to the state file before it is answered
 * @param proxyPort        the port of the proxy answering for Bitrix24's hosts: 0 picks a free one, -1 means none
 * @param heapGuardPercent past this share of the heap in use after a major collection, the portals made at run time
 *                         used least recently are deleted (D123); 0 means never
 */
public record ServerConfig(String host, int port, String webhookToken, Long webhookUserId, Callable<InputStream> seed,
                           Portal.Bounds bounds, int maxPortals, long bodyLimit, int eventLoops, int httpsPort,
                           Path tlsCert, Path tlsKey, Path tlsDir, Path stateFile, String controlToken,
                           int stateSaveSeconds, PortalSettings.Validation validation, Set<String> allowedHosts,
                           Set<String> allowedOrigins, Connections connections,
                           boolean fsyncAlways, int proxyPort, int heapGuardPercent) {
    public ServerConfig {
        connections = connections == null ? Connections.DEFAULT : connections;
        allowedHosts = Set.copyOf(allowedHosts);
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /**
     * nginx's defaults in front of the real portal: a keep-alive connection is closed after 75 s without a request,
     * and a client gets 60 s to send a request's headers (so slow-header connections cannot pile up). At most
     * {@code max} connections are open at once, fewer where the file descriptor limit leaves less room
     * ({@link ConnectionLimit}, D124): 10,000 hold about 80 MB of heap.
     */
    public record Connections(int idleSeconds, int headerSeconds, int max) {
        public static final int DEFAULT_MAX = 10_000;
        public static final Connections DEFAULT = new Connections(75, 60, DEFAULT_MAX);

        public Connections {
            if (idleSeconds <= 0 || headerSeconds <= 0) {
                throw new IllegalArgumentException("Timeouts must be positive seconds");
            }
            if (max < 1) {
                throw new IllegalArgumentException("The connection limit must be at least 1");
            }
        }
    }
}
