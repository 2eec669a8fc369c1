package dev.b24emu.emulator.internal.server;

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
final class Tls {
    static final String KEYSTORE = "emulator.p12";
    static final String CERT_PEM = "emulator-cert.pem";
    private static final String PASSWORD = "b24emulator";

    private Tls() {
    }

    /** Key material for the HTTPS server. */
    static KeyCertOptions keyCert(Path certPem, Path keyPem, Path dir) {
        if (certPem != null && keyPem != null) {
            return new PemKeyCertOptions().setCertPath(certPem.toString()).setKeyPath(keyPem.toString());
        }
        Path keystore = selfSigned(dir);
        return new PfxOptions().setPath(keystore.toString()).setPassword(PASSWORD);
    }

    /** The certificate clients should trust: the user's, or the generated one. */
    static Path trustedCertificate(Path certPem, Path dir) {
        return certPem != null ? certPem : dir.resolve(CERT_PEM);
    }

    private static synchronized Path selfSigned(Path dir) {
        Path keystore = dir.resolve(KEYSTORE);
        Path pem = dir.resolve(CERT_PEM);
        if (Files.exists(keystore) && Files.exists(pem)) {
            return keystore;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "keystore", ".p12");
            Files.delete(tmp);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", "b24-emulator", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "3650", "-dname", "CN=localhost, O=Bitrix24 telephony emulator",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-storetype", "PKCS12",
                    "-keystore", tmp.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
            String exported = run(List.of(keytool, "-exportcert", "-rfc", "-alias", "b24-emulator", "-keystore",
                    tmp.toString(), "-storepass", PASSWORD));
            Files.writeString(pem, exported, StandardCharsets.US_ASCII);
            Files.move(tmp, keystore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return keystore;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the self-signed certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
