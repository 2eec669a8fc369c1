package dev.b24emu.emulator.internal.tls;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTPS identity of the emulator: the user's PEM certificate and key, or a self-signed certificate for
 * localhost and 127.0.0.1 made once with the JDK's keytool and kept in a folder, with its PEM beside it so clients can
 * trust it (NODE_EXTRA_CA_CERTS, curl --cacert). No extra library: every JDK ships keytool.
 */
public final class Tls {
    static final String KEYSTORE = "emulator.p12";
    static final String CERT_PEM = "emulator-cert.pem";
    /** the keystore's password, random per keystore, readable by its owner only */
    static final String PASSWORD_FILE = "emulator.p12.password";
    /** the password of keystores made before it was random (kept readable so they still open) */
    private static final String LEGACY_PASSWORD = "b24emulator";
    private static final String PASSWORD_ENV = "B24_EMULATOR_KEYSTORE_PASSWORD";

    /**
     * The suites offered: TLS 1.3's, and for TLS 1.2 only those with forward secrecy and authenticated encryption
     * (Mozilla's "intermediate" list, by the JDK's names). The JDK's defaults also offer RSA key exchange and CBC,
     * which a laptop's or CI's emulator has no client needing: every PHP, Node, Python and Java client since 2014 has
     * these.
     */
    static final List<String> SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private Tls() {
    }

    /** The options of a TLS listener: these keys, and only {@link #SUITES}. */
    public static HttpServerOptions listener(HttpServerOptions options, KeyCertOptions keys) {
        options.setSsl(true).setKeyCertOptions(keys);
        SUITES.forEach(options::addEnabledCipherSuite);
        return options;
    }

    /** Key material for the HTTPS server. */
    public static KeyCertOptions keyCert(Path certPem, Path keyPem, Path dir) {
        if (certPem != null && keyPem != null) {
            return new PemKeyCertOptions().setCertPath(certPem.toString()).setKeyPath(keyPem.toString());
        }
        Path keystore = selfSigned(dir);
        return new PfxOptions().setPath(keystore.toString()).setPassword(password(dir));
    }

    /** Key material answering each handshake with the local CA's certificate for the name asked for, if it is one of these. */
    public static KeyCertOptions forHosts(LocalCa ca, java.util.function.Predicate<String> answersFor) {
        return KeyCertOptions.wrap(new HostKeyManager(ca, answersFor));
    }

    /** The certificate clients should trust: the user's, or the generated one. */
    public static Path trustedCertificate(Path certPem, Path dir) {
        return certPem != null ? certPem : dir.resolve(CERT_PEM);
    }

    private static synchronized Path selfSigned(Path dir) {
        Path keystore = dir.resolve(KEYSTORE);
        Path pem = dir.resolve(CERT_PEM);
        try {
            KeyFiles.ownFolder(dir, KEYSTORE, CERT_PEM, PASSWORD_FILE);
            if (Files.exists(keystore) && Files.exists(pem)) {
                KeyFiles.ownerOnly(keystore);
                return keystore;
            }
            String password = KeyFiles.newPasswordFile(dir.resolve(PASSWORD_FILE));
            Path tmp = Files.createTempFile(dir, "keystore", ".p12");
            Files.delete(tmp);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", "b24-emulator", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "3650", "-dname", "CN=localhost, O=Bitrix24 telephony emulator",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-storetype", "PKCS12",
                    "-keystore", tmp.toString(), "-storepass:env", PASSWORD_ENV, "-keypass:env", PASSWORD_ENV), password);
            String exported = run(List.of(keytool, "-exportcert", "-rfc", "-alias", "b24-emulator", "-keystore",
                    tmp.toString(), "-storepass:env", PASSWORD_ENV), password);
            Files.writeString(pem, exported, StandardCharsets.US_ASCII);
            KeyFiles.ownerOnly(tmp);
            Files.move(tmp, keystore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return keystore;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the self-signed certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String password(Path dir) {
        Path file = dir.resolve(PASSWORD_FILE);
        return Files.exists(file) ? KeyFiles.readPassword(file) : LEGACY_PASSWORD;
    }

    /** Runs keytool with the password in its environment, not on a command line every local user can list. */
    private static String run(List<String> command, String password) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_ENV, password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running keytool", e);
        }
        return output;
    }
}
