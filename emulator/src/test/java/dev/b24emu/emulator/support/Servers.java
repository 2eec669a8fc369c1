package dev.b24emu.emulator.support;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.server.ServerConfig;

import java.nio.file.Path;
import java.util.Set;

/** Server configurations for tests that need the server's insides: the embedding API's defaults, changed field by field. */
public final class Servers {
    private Servers() {
    }

    /** What {@code EmulatorOptions.defaults()} starts: the demo portal on 127.0.0.1, a free port, no HTTPS. */
    public static Config config() {
        return new Config();
    }

    /** A mutable copy of the defaults; build() makes the record. */
    public static final class Config {
        public String host = "127.0.0.1";
        public int port;
        public int httpsPort = -1;
        public int proxyPort = -1;
        public Path tlsDir = Path.of(System.getProperty("java.io.tmpdir"), "b24-emulator-test-tls");
        public Path stateFile;
        public String controlToken;
        public int stateSaveSeconds = 30;
        public int journalSize = 1000;
        public int finishedCalls = 10_000;
        public int openCalls = 20_000;
        public int callMegabytes = 64;
        public int crmObjects = 20_000;
        public int crmMegabytes = 64;
        public int configObjects = 1000;
        public int tokens = 10_000;
        public int maxPortals = 1000;
        public int heapGuardPercent;
        public long bodyLimit = 8L * 1024 * 1024;
        /** HTTP listeners, one per event loop; 0: the in-process default */
        public int eventLoops;
        public ServerConfig.Connections connections = ServerConfig.Connections.DEFAULT;
        public boolean fsyncAlways;

        public Config host(String value, String token) {
            host = value;
            controlToken = token;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, "demo-token", 1L, null, new Portal.Bounds(journalSize, finishedCalls,
                    openCalls, callMegabytes, crmObjects, crmMegabytes, configObjects, tokens), maxPortals, bodyLimit, eventLoops,
                    httpsPort, null, null, tlsDir, stateFile, controlToken, stateSaveSeconds, null, Set.of(), Set.of(),
                    connections, fsyncAlways, proxyPort, heapGuardPercent);
        }
    }
}
