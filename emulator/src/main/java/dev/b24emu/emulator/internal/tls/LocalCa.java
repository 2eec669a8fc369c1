package dev.b24emu.emulator.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's own certificate authority: made once per TLS folder and printed at start, so a developer trusts it
 * once (NODE_EXTRA_CA_CERTS, PHP's curl.cainfo, a JVM truststore) and every Bitrix24 host name the proxy answers for
 * gets a certificate signed by it on first use. It can sign for any name, so its key stays in the owner-only folder
 * and the README says to trust it only where the emulator runs.
 */
public final class LocalCa {
    public static final String CA_PEM = "emulator-ca.pem";
    static final String CA_STORE = "emulator-ca.p12";
    static final String CA_PASSWORD = "emulator-ca.p12.password";
    private static final String ALIAS = "b24-emulator-ca";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey caKey;
    private final X509Certificate caCert;
    private final Path pem;
    /** maps each host name to its key and certificate, minted on first use and kept for the server's life */
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    /** A host's key with its chain (its certificate, then the CA's). */
    public record Issued(PrivateKey key, X509Certificate[] chain) {
    }

    private LocalCa(PrivateKey caKey, X509Certificate caCert, Path pem) {
        this.caKey = caKey;
        this.caCert = caCert;
        this.pem = pem;
    }

    /** The CA kept in the folder, made there on first use. */
    public static synchronized LocalCa in(Path dir) {
        Path store = dir.resolve(CA_STORE);
        Path pem = dir.resolve(CA_PEM);
        try {
            KeyFiles.ownFolder(dir, CA_STORE, CA_PEM, CA_PASSWORD);
            if (Files.exists(store) && Files.exists(pem) && Files.exists(dir.resolve(CA_PASSWORD))) {
                char[] password = KeyFiles.readPassword(dir.resolve(CA_PASSWORD)).toCharArray();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keys.load(in, password);
                }
                return new LocalCa((PrivateKey) keys.getKey(ALIAS, password), (X509Certificate) keys.getCertificate(ALIAS), pem);
            }
            KeyPair pair = newKeyPair();
            byte[] name = name("Bitrix24 telephony emulator local CA " + Long.toHexString(RANDOM.nextLong()));
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            X509Certificate cert = sign(pair.getPrivate(), name, name, pair.getPublic(), now.minusDays(1), now.plusYears(10),
                    Der.sequence(
                            extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
                            // keyCertSign and cRLSign: bits 5 and 6, one unused bit
                            extension("2.5.29.15", true, Der.tagged(0x03, new byte[]{0x01, 0x06})),
                            extension("2.5.29.14", false, Der.octetString(keyId(pair.getPublic())))));
            char[] password = KeyFiles.newPasswordFile(dir.resolve(CA_PASSWORD)).toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(ALIAS, pair.getPrivate(), password, new X509Certificate[]{cert});
            Path tmp = Files.createTempFile(dir, "ca", ".p12");
            KeyFiles.ownerOnly(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                keys.store(out, password);
            }
            Files.move(tmp, store, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(pem, toPem(cert), StandardCharsets.US_ASCII);
            return new LocalCa(pair.getPrivate(), cert, pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make or read the local CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The PEM file clients trust. */
    public Path pem() {
        return pem;
    }

    public X509Certificate certificate() {
        return caCert;
    }

    /** The key and chain for a host name, signed on first use (a few milliseconds: EC P-256). */
    public Issued issue(String host) {
        return issued.computeIfAbsent(host.toLowerCase(Locale.ROOT), this::mint);
    }

    private Issued mint(String host) {
        try {
            KeyPair pair = newKeyPair();
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] subjectAltName = Der.sequence(Der.implicit(2, host.getBytes(StandardCharsets.US_ASCII)));
            X509Certificate cert = sign(caKey, caCert.getSubjectX500Principal().getEncoded(), name(host), pair.getPublic(),
                    now.minusDays(1), now.plusDays(397), // the longest validity clients accept for a server certificate
                    Der.sequence(
                            extension("2.5.29.19", true, Der.sequence()),
                            // digitalSignature: bit 0, seven unused bits
                            extension("2.5.29.15", true, Der.tagged(0x03, new byte[]{0x07, (byte) 0x80})),
                            extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
                            extension("2.5.29.17", false, subjectAltName),
                            extension("2.5.29.14", false, Der.octetString(keyId(pair.getPublic()))),
                            extension("2.5.29.35", false, Der.sequence(Der.implicit(0, keyId(caCert.getPublicKey()))))));
            return new Issued(pair.getPrivate(), new X509Certificate[]{cert, caCert});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a certificate for " + host + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(PrivateKey signer, byte[] issuer, byte[] subject, PublicKey key,
                                        ZonedDateTime from, ZonedDateTime to, byte[] extensions)
            throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(127, RANDOM).add(BigInteger.ONE)),
                algorithm,
                issuer,
                Der.sequence(Der.time(from), Der.time(to)),
                subject,
                key.getEncoded(),
                Der.explicit(3, extensions));
        Signature signature = Signature.getInstance(SIGNATURE);
        signature.initSign(signer);
        signature.update(tbs);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signature.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    private static byte[] name(String commonName) {
        return Der.sequence(
                Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8("Bitrix24 telephony emulator"))),
                Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** A key identifier: SHA-1 of the encoded public key (RFC 5280 4.2.1.2 allows any unique method). */
    private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(key.getEncoded());
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    static String toPem(X509Certificate cert) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
