package dev.b24emu.emulator;

import dev.b24emu.emulator.internal.portal.PortalSeed;

/**
 * How to start an emulator. {@link #defaults()} gives the demo portal on 127.0.0.1 and a free port,
 * which is what tests want; the command line starts from the same values with port 8080.
 *
 * @param port           0 picks a free port
 * @param seed           the default portal's seed, or null for the demo portal
 * @param journalSize    REST calls kept per portal in the request journal
 * @param finishedCalls  finished calls kept per portal in the call statistics
 * @param bodyLimit      largest accepted request body, in bytes
 * @param eventLoops     HTTP server instances (one per event loop); 0 means one per core
 * @param httpsPort      the HTTPS port beside HTTP: 0 picks a free one, -1 means no HTTPS
 * @param tlsCert        a PEM certificate for HTTPS, or null to use a self-signed one for localhost
 * @param tlsKey         the PEM key of tlsCert
 * @param tlsDir         where the self-signed certificate is made and kept (its PEM is tlsDir/emulator-cert.pem)
 * @param stateFile      loaded at start, saved every 30 s and at shutdown; null for none
 * @param controlToken   the token the control API and dashboard require when bound beyond loopback; null makes one
 * @param stateSaveSeconds how often the state file is saved
 */
public record EmulatorOptions(String host, int port, String webhookToken, long webhookUserId, PortalSeed seed,
                              int journalSize, int finishedCalls, long bodyLimit, int eventLoops, int httpsPort,
                              java.nio.file.Path tlsCert, java.nio.file.Path tlsKey, java.nio.file.Path tlsDir,
                              java.nio.file.Path stateFile, String controlToken, int stateSaveSeconds) {

    /** Where a self-signed certificate is kept unless told otherwise. */
    public static java.nio.file.Path defaultTlsDir() {
        return java.nio.file.Path.of(System.getProperty("user.home"), ".b24-emulator", "tls");
    }

    public static final String DEFAULT_WEBHOOK_TOKEN = "demo-token";

    public static EmulatorOptions defaults() {
        return new EmulatorOptions("127.0.0.1", 0, DEFAULT_WEBHOOK_TOKEN, 1, null, 1000, 10_000,
                8L * 1024 * 1024, 0, -1, null, null, defaultTlsDir(), null, null, 30);
    }

    public EmulatorOptions withPort(int port) {
        return new EmulatorOptions(host, port, webhookToken, webhookUserId, seed, journalSize, finishedCalls,
                bodyLimit, eventLoops, httpsPort, tlsCert, tlsKey, tlsDir, stateFile, controlToken, stateSaveSeconds);
    }

    public EmulatorOptions withSeed(PortalSeed seed) {
        return new EmulatorOptions(host, port, webhookToken, webhookUserId, seed, journalSize, finishedCalls,
                bodyLimit, eventLoops, httpsPort, tlsCert, tlsKey, tlsDir, stateFile, controlToken, stateSaveSeconds);
    }

    /** HTTPS beside HTTP on the given port (0 = a free one), with the self-signed certificate kept in tlsDir. */
    public EmulatorOptions withHttps(int port, java.nio.file.Path dir) {
        return new EmulatorOptions(host, this.port, webhookToken, webhookUserId, seed, journalSize, finishedCalls,
                bodyLimit, eventLoops, port, tlsCert, tlsKey, dir, stateFile, controlToken, stateSaveSeconds);
    }

    public EmulatorOptions withStateFile(java.nio.file.Path file) {
        return new EmulatorOptions(host, port, webhookToken, webhookUserId, seed, journalSize, finishedCalls,
                bodyLimit, eventLoops, httpsPort, tlsCert, tlsKey, tlsDir, file, controlToken, stateSaveSeconds);
    }

    /** Listens on another address; beyond loopback the control API then requires the token. */
    public EmulatorOptions withHost(String address, String token) {
        return new EmulatorOptions(address, port, webhookToken, webhookUserId, seed, journalSize, finishedCalls,
                bodyLimit, eventLoops, httpsPort, tlsCert, tlsKey, tlsDir, stateFile, token, stateSaveSeconds);
    }

    public EmulatorOptions withWebhookToken(String token) {
        return new EmulatorOptions(host, port, token, webhookUserId, seed, journalSize, finishedCalls,
                bodyLimit, eventLoops, httpsPort, tlsCert, tlsKey, tlsDir, stateFile, controlToken, stateSaveSeconds);
    }
}
