package dev.b24emu.emulator.internal.tls;

import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.support.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the HTTPS port offers: TLS 1.3, and TLS 1.2 only with forward secrecy and authenticated encryption. The JDK's
 * defaults let a TLS 1.2 client agree on RSA key exchange, where a recorded session can be read later with the key.
 */
class CipherSuitesTest {
    private static EmulatorServer server;

    @BeforeAll
    static void start() {
        Servers.Config config = Servers.config();
        config.httpsPort = 0;
        server = EmulatorServer.start(config.build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tlsTwelveAgreesOnlyOnForwardSecretAeadSuites() throws Exception {
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertThrows(SSLHandshakeException.class, () -> handshake("TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
                "RSA key exchange: no forward secrecy");
        assertThrows(SSLHandshakeException.class, () -> handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
                "CBC");
        assertEquals("TLS_AES_256_GCM_SHA384", handshake("TLSv1.3", "TLS_AES_256_GCM_SHA384"));
    }

    /** The suite agreed when a client offers only this one, over this protocol. */
    private static String handshake(String protocol, String suite) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingAll()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.httpsPort())) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        } catch (SSLHandshakeException refused) {
            throw refused;
        } catch (IOException closed) { // a server may close without an alert the client reads as one
            throw new SSLHandshakeException(closed.toString());
        }
    }

    /** The test asks which suite is agreed, not whose certificate it is (the HTTPS tests check that). */
    private static final class TrustingAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
