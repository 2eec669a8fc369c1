package dev.b24emu.emulator.internal.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local CA: certificates the JDK's own PKIX validator accepts, a key nobody else reads, the same CA after a restart. */
class LocalCaTest {
    @Test
    void itsCertificatesValidateToItForTheirNameAsAServer(@TempDir Path dir) throws Exception {
        LocalCa ca = LocalCa.in(dir);
        LocalCa.Issued issued = ca.issue("Acme.Bitrix24.ru");
        X509Certificate leaf = issued.chain()[0];
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), pkix);
        assertEquals("[[2, acme.bitrix24.ru]]", String.valueOf(leaf.getSubjectAlternativeNames()));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertEquals(-1, leaf.getBasicConstraints(), "a server certificate cannot sign others");
        assertTrue(ca.certificate().getBasicConstraints() >= 0, "the CA is a CA");
        assertSame(issued, ca.issue("acme.bitrix24.ru"), "one key per name for the server's life");

        X509Certificate other = ca.issue("oauth.bitrix.info").chain()[0];
        assertThrows(java.security.GeneralSecurityException.class, () -> other.verify(leaf.getPublicKey()));
        other.verify(ca.certificate().getPublicKey());
    }

    @Test
    void itIsMadeOnceKeptPrivateAndReadBack(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("tls");
        LocalCa first = LocalCa.in(folder);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(LocalCa.CA_STORE))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(LocalCa.CA_PASSWORD))));
        assertTrue(Files.readString(folder.resolve(LocalCa.CA_PEM)).startsWith("-----BEGIN CERTIFICATE-----"));
        LocalCa again = LocalCa.in(folder);
        assertEquals(first.certificate(), again.certificate(), "clients trust it once, across restarts");
        again.issue("x.bitrix24.test").chain()[0].verify(first.certificate().getPublicKey());
    }

    /**
     * An emulator run as root in a --tls-dir another user made used that user's CA, and links planted there made it
     * overwrite other files: a folder of someone else's, or a key file that is a link, is refused.
     */
    @Test
    void aFolderOfAnotherUsersOrALinkForAKeyIsRefused(@TempDir Path dir) throws Exception {
        Path planted = dir.resolve("planted");
        Files.createDirectories(planted);
        Path target = dir.resolve("elsewhere.txt");
        Files.writeString(target, "not a key");
        Files.createSymbolicLink(planted.resolve(LocalCa.CA_PASSWORD), target);
        IllegalStateException link = assertThrows(IllegalStateException.class, () -> LocalCa.in(planted));
        assertTrue(link.getMessage().contains("is a link"), link.getMessage());
        assertEquals("not a key", Files.readString(target), "the link's target is left alone");
        Path real = Files.createDirectories(dir.resolve("real"));
        Path linked = Files.createSymbolicLink(dir.resolve("tls-link"), real);
        assertTrue(assertThrows(IllegalStateException.class, () -> LocalCa.in(linked)).getMessage().contains("is a link"));

        Path theirs = dir.resolve("theirs");
        Files.createDirectories(theirs);
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "only root can give a folder to another user");
        Files.setAttribute(theirs, "unix:uid", 65534);
        IllegalStateException owner = assertThrows(IllegalStateException.class, () -> LocalCa.in(theirs));
        assertTrue(owner.getMessage().contains("belongs to user 65534"), owner.getMessage());
    }
}
