package dev.b24emu.emulator.internal.server;

import io.netty.handler.ssl.NotSslRecordException;
import io.vertx.core.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.nio.file.Path;

/**
 * What a TLS listener logs of a client whose handshake failed: most often one that does not trust the certificate it
 * was shown, which the client reports as "self-signed certificate in certificate chain" or "unable to get local issuer
 * certificate" and the emulator heard nothing of (audit 50c). One INFO line every 10 s at most, naming the file to
 * trust; a client speaking plain HTTP to the port is named too. What reaches it is what Vert.x hands the server's
 * exception handler: OpenSSL's clients (curl, PHP, Python, Node) breaking off are, Java's HttpClient is not (its alert
 * comes after the server's part of a TLS 1.3 handshake, and Vert.x closes the connection without a word).
 */
final class TlsRefusals implements Handler<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.tls");

    private final java.util.function.Supplier<String> listener;
    private final Path trust;
    private final RareWarning rare = new RareWarning();

    /**
     * @param listener the listener's name in the line ("the HTTPS port 127.0.0.1:8443"), once its port is bound
     * @param trust    the file its clients should trust
     */
    TlsRefusals(java.util.function.Supplier<String> listener, Path trust) {
        this.listener = listener;
        this.trust = trust;
    }

    @Override
    public void handle(Throwable failure) {
        // Netty hands the SSL engine's failure on as it is, or as the cause of a DecoderException
        boolean plain = false;
        boolean tls = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            plain |= cause instanceof NotSslRecordException;
            tls |= cause instanceof SSLException;
        }
        if (!tls && !plain || !rare.due()) {
            return;
        }
        if (plain) {
            LOG.info("A client spoke plain HTTP to {}, which speaks HTTPS", listener.get());
        } else {
            // the JDK's words for a client's alert say nothing useful ("Insufficient buffer remaining for AEAD
            // cipher fragment"): what it most often means is said instead
            LOG.info("A client broke off its TLS handshake with {}, most often because it does not trust the"
                    + " certificate shown: its clients trust {}", listener.get(), trust);
        }
    }
}
