package dev.b24emu.emulator.internal.tls;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Answers a TLS handshake with a certificate for the host name the client asked for (SNI), minted by the local CA, but
 * only for names the emulator answers for: any other name fails the handshake, so the proxy never poses as a host it
 * does not emulate.
 */
final class HostKeyManager extends X509ExtendedKeyManager {
    private final LocalCa ca;
    private final Predicate<String> answersFor;

    HostKeyManager(LocalCa ca, Predicate<String> answersFor) {
        this.ca = ca;
        this.answersFor = answersFor;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return "EC".equals(keyType) ? requested(engine.getHandshakeSession()) : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ca.issue(alias).chain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ca.issue(alias).key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    /** The SNI host name of the handshake, if the emulator answers for it. */
    private String requested(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession extended)) {
            return null;
        }
        for (SNIServerName name : extended.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
                String ascii = host.getAsciiName().toLowerCase(Locale.ROOT);
                return answersFor.test(ascii) ? ascii : null;
            }
        }
        return null;
    }
}
