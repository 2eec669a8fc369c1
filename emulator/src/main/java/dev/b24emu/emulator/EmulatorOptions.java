package dev.b24emu.emulator;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.server.ServerConfig;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * How to start an emulator. {@link #defaults()} gives the demo portal on 127.0.0.1 and a free port, which is what
 * tests want; {@link #builder()} changes what differs:
 * <pre>{@code EmulatorOptions.builder().port(8080).httpsPort(0).seed(Path.of("portal.json")).build()}</pre>
 */
public final class EmulatorOptions {
    public static final String DEFAULT_WEBHOOK_TOKEN = "demo-token";

    private final Builder values;

    private EmulatorOptions(Builder values) {
        this.values = values.copy();
    }

    /** The demo portal on 127.0.0.1, a free port, no HTTPS. */
    public static EmulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return values.copy();
    }

    public String host() { return values.host; }
    public int port() { return values.port; }
    public int httpsPort() { return values.httpsPort; }
    public int proxyPort() { return values.proxyPort; }
    public String webhookToken() { return values.webhookToken; }

    /** Where a self-signed certificate is kept unless told otherwise. */
    public static Path defaultTlsDir() {
        return Path.of(System.getProperty("user.home"), ".b24-emulator", "tls");
    }

    ServerConfig config() {
        Builder v = values;
        Portal.Bounds bounds = new Portal.Bounds(v.journalSize, v.finishedCalls, v.openCalls, v.callMegabytes,
                v.crmObjects, v.crmMegabytes, v.configObjects, v.tokens);
        return new ServerConfig(v.host, v.port, v.webhookToken, v.webhookUserId, v.seed, bounds, v.maxPortals, v.bodyLimit, v.eventLoops, v.httpsPort, v.tlsCert, v.tlsKey, v.tlsDir, v.stateFile,
                v.controlToken, v.stateSaveSeconds,
                v.validation == null ? null : PortalSettings.Validation.valueOf(v.validation.toUpperCase(Locale.ROOT)),
                v.allowedHosts, v.allowedOrigins, new ServerConfig.Connections(v.idleTimeoutSeconds, v.headerTimeoutSeconds, v.maxConnections),
                v.fsyncAlways, v.proxyPort, v.heapGuardPercent);
    }

    /** The options one by one; every one has the default {@link #defaults()} uses. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private boolean fsyncAlways;
        private int idleTimeoutSeconds = ServerConfig.Connections.DEFAULT.idleSeconds();
        private int headerTimeoutSeconds = ServerConfig.Connections.DEFAULT.headerSeconds();
        private int maxConnections = ServerConfig.Connections.DEFAULT_MAX;
        /** null: demo-token on loopback, a random one beyond it */
        private String webhookToken;
        /** null: the seed's first user (1 in the demo seed) */
        private Long webhookUserId;
        private Callable<InputStream> seed;
        private int journalSize = 1000;
        private int finishedCalls = 10_000;
        private int openCalls = 20_000;
        private int callMegabytes = 64;
        private int crmObjects = 20_000;
        private int crmMegabytes = 64;
        private int configObjects = 1000;
        private int tokens = 10_000;
        private int maxPortals = PortalRegistry.DEFAULT_MAX_PORTALS;
        private int heapGuardPercent;
        private long bodyLimit = 8L * 1024 * 1024;
        private int eventLoops;
        private int httpsPort = -1;
        private int proxyPort = -1;
        private Path tlsCert;
        private Path tlsKey;
        private Path tlsDir = defaultTlsDir();
        private Path stateFile;
        private String controlToken;
        private int stateSaveSeconds = 30;
        private String validation;
        private Set<String> allowedHosts = new LinkedHashSet<>();
        private Set<String> allowedOrigins = new LinkedHashSet<>();

        private Builder() {
        }

        /** The address to listen on (default 127.0.0.1); beyond loopback the control API requires a token. */
        public Builder host(String address) { this.host = address; return this; }

        /** The HTTP port; 0 (the default) picks a free one. */
        public Builder port(int value) { this.port = value; return this; }

        /** HTTPS beside HTTP on this port (0: a free one; -1, the default: no HTTPS). */
        public Builder httpsPort(int value) { this.httpsPort = value; return this; }

        /**
         * Starts a proxy (for HTTPS_PROXY / HTTP_PROXY) answering for oauth.bitrix.info and the portals' domains with
         * certificates from the local CA: 0 picks a free port, -1 (the default) starts none.
         */
        public Builder proxyPort(int value) { this.proxyPort = value; return this; }

        /** The default portal's webhook token (default "demo-token"). */
        public Builder webhookToken(String token) { this.webhookToken = token; return this; }

        /** The user the default portal's webhook acts as (default: the seed's first user, 1 in the demo seed). */
        public Builder webhookUserId(long userId) { this.webhookUserId = userId; return this; }

        /** The default portal's seed file instead of the demo data (the format of --seed). */
        public Builder seed(Path file) { this.seed = file == null ? null : () -> Files.newInputStream(file); return this; }

        /** The default portal's seed as JSON text. */
        public Builder seedJson(String json) {
            this.seed = json == null ? null : () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** REST calls (and deliveries) kept per portal in the journals (default 1000). */
        public Builder journalSize(int entries) { this.journalSize = entries; return this; }

        /** Finished calls kept per portal (default 10,000). */
        public Builder finishedCalls(int calls) { this.finishedCalls = calls; return this; }

        /**
         * Open (registered, unfinished) calls kept per portal, and built-in calls running; past it a new call drops
         * the oldest (default 20,000).
         */
        public Builder openCalls(int calls) { this.openCalls = calls; return this; }

        /**
         * What the texts clients gave a portal's kept calls may weigh, in megabytes at two bytes a character (phone
         * numbers, IDs, reasons, record names and URLs, transcripts); past it the oldest finished calls go, then the
         * oldest open ones (default 64).
         */
        public Builder callMegabytes(int megabytes) { this.callMegabytes = megabytes; return this; }

        /**
         * CRM objects of each kind (leads, deals, contacts, companies, activities, timeline comments, call lists) kept per portal
         * of those made while it runs; past it each new one drops the oldest of its kind. Seeded objects are kept
         * whatever their number (default 20,000).
         */
        public Builder crmObjects(int objects) { this.crmObjects = objects; return this; }

        /**
         * What the CRM objects a portal made while it runs may weigh together, in megabytes (their text counted at two
         * bytes a character); past it the objects written least recently go, of any kind (default 64).
         */
        public Builder crmMegabytes(int megabytes) { this.crmMegabytes = megabytes; return this; }

        /**
         * Configuration objects of each kind (external lines, event handlers, placement handlers and event
         * subscriptions, users, SIP connections; through the control API also faults, outgoing webhooks, rented
         * numbers, CRM exclusions, applications) a portal holds; an add past it is refused (default 1,000).
         */
        public Builder configObjects(int objects) { this.configObjects = objects; return this; }

        /**
         * OAuth access tokens, refresh tokens and authorization codes (each) a portal keeps; past it each new one
         * forgets the oldest issued of its kind, which is then answered as a token never issued (default 10,000).
         */
        public Builder maxTokens(int tokens) { this.tokens = tokens; return this; }

        /**
         * Portals made while the emulator runs (control API, {@link Controls#newPortal()}) that it keeps; past it each
         * new one deletes the one used least recently. The default portal is always kept (default 1,000).
         */
        public Builder maxPortals(int portals) { this.maxPortals = portals; return this; }

        /**
         * Past this share of the heap in use after a major collection, the portals made at run time that were used
         * least recently are deleted, a quarter at a time (D123). Default 0, never: a JVM test's heap is its user's.
         * The command line's default is 75.
         */
        public Builder heapGuardPercent(int percent) {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("heapGuardPercent must be 0 (never) to 100");
            }
            this.heapGuardPercent = percent;
            return this;
        }

        /** The largest request body accepted, in bytes (default 8 MiB). */
        public Builder bodyLimit(long bytes) { this.bodyLimit = bytes; return this; }

        /**
         * HTTP server instances, one per event loop. Default: one per core, at most two for a server started in a
         * JVM's tests (they send a request at a time, and every start deploys them all); {@code bin/b24-emulator}
         * and {@code java -jar} start one per core.
         */
        public Builder eventLoops(int count) { this.eventLoops = count; return this; }

        /** A PEM certificate and key for HTTPS instead of the self-signed one. */
        public Builder tls(Path certificate, Path key) { this.tlsCert = certificate; this.tlsKey = key; return this; }

        /** Where the self-signed certificate is made and kept (default ~/.b24-emulator/tls). */
        public Builder tlsDir(Path dir) { this.tlsDir = dir; return this; }

        /** Every portal's state loaded from this file at start and saved to it periodically and at close. */
        public Builder stateFile(Path file) { this.stateFile = file; return this; }

        /** How often the state file is saved, in seconds (default 30). */
        public Builder stateSaveSeconds(int seconds) { this.stateSaveSeconds = seconds; return this; }

        /** The token the control API requires, on loopback too (default: none on loopback, a random one elsewhere). */
        public Builder controlToken(String token) { this.controlToken = token; return this; }

        /** How requests are held to the contract: "warn" (the default), "strict" or "off" (specs/DECISIONS.md D27). */
        public Builder validation(String mode) {
            if (mode != null && !Set.of("warn", "strict", "off").contains(mode.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("validation must be warn, strict or off");
            }
            this.validation = mode;
            return this;
        }

        /** A further host name the control API answers to (a proxy's, a container's). */
        public Builder allowedHost(String host) { this.allowedHosts.add(host); return this; }

        /** A further origin (scheme://host:port) whose pages may drive the control API and use the demo webhook token. */
        public Builder allowedOrigin(String origin) { this.allowedOrigins.add(origin); return this; }

        /** Seconds a keep-alive connection may stay without a request before it is closed (default 75, as nginx). */
        public Builder idleTimeoutSeconds(int seconds) { this.idleTimeoutSeconds = seconds; return this; }

        /** Seconds a client gets to send a request's headers on a new connection (default 60, as nginx). */
        public Builder headerTimeoutSeconds(int seconds) { this.headerTimeoutSeconds = seconds; return this; }

        /**
         * Connections open at once (default 10,000, fewer where the process's file descriptor limit leaves less room);
         * past it a new connection closes the longest idle one (D124).
         */
        public Builder maxConnections(int count) { this.maxConnections = count; return this; }

        /**
         * With a state file: save every acknowledged change before answering it, so a crash (kill -9) loses nothing
         * a client was told succeeded. Off by default: the file is then saved every stateSaveSeconds and at shutdown.
         */
        public Builder fsyncAlways(boolean on) { this.fsyncAlways = on; return this; }

        public EmulatorOptions build() {
            return new EmulatorOptions(this);
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.host = host;
            copy.port = port;
            copy.webhookToken = webhookToken;
            copy.idleTimeoutSeconds = idleTimeoutSeconds;
            copy.fsyncAlways = fsyncAlways;
            copy.headerTimeoutSeconds = headerTimeoutSeconds;
            copy.maxConnections = maxConnections;
            copy.webhookUserId = webhookUserId;
            copy.seed = seed;
            copy.journalSize = journalSize;
            copy.finishedCalls = finishedCalls;
            copy.openCalls = openCalls;
            copy.crmObjects = crmObjects;
            copy.callMegabytes = callMegabytes;
            copy.maxPortals = maxPortals;
            copy.heapGuardPercent = heapGuardPercent;
            copy.configObjects = configObjects;
            copy.tokens = tokens;
            copy.crmMegabytes = crmMegabytes;
            copy.bodyLimit = bodyLimit;
            copy.eventLoops = eventLoops;
            copy.httpsPort = httpsPort;
            copy.proxyPort = proxyPort;
            copy.tlsCert = tlsCert;
            copy.tlsKey = tlsKey;
            copy.tlsDir = tlsDir;
            copy.stateFile = stateFile;
            copy.controlToken = controlToken;
            copy.stateSaveSeconds = stateSaveSeconds;
            copy.validation = validation;
            copy.allowedHosts = new LinkedHashSet<>(allowedHosts);
            copy.allowedOrigins = new LinkedHashSet<>(allowedOrigins);
            return copy;
        }
    }
}
