package dev.b24emu.emulator.internal.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Private keys and their passwords on disk: random passwords, readable by their owner only. */
final class KeyFiles {
    private KeyFiles() {
    }

    /** Writes a new random password to the file (owner-only) and answers it. */
    static String newPasswordFile(Path file) throws IOException {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, password, StandardCharsets.US_ASCII);
        ownerOnly(file);
        return password;
    }

    static String readPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The folder keys are kept in, made if missing: refused when another user owns it, or when a key file in it is a
     * link. An emulator run as root in a --tls-dir another user had made used that user's CA (who could then mint a
     * certificate for any host clients trusting it accept), and links planted there made it overwrite other files.
     */
    static void ownFolder(Path dir, String... keyFiles) throws IOException {
        Files.createDirectories(dir);
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a link: keep keys in a folder of the emulator's own");
        }
        Object me = uid(Path.of("/proc/self")); // Linux: the process's own folder belongs to whoever runs it
        Object owner = uid(dir, LinkOption.NOFOLLOW_LINKS);
        if (me != null && owner != null && !me.equals(owner)) {
            throw new IOException(dir + " belongs to user " + owner + ", not to user " + me
                    + " who runs the emulator: keep keys in a folder of one's own (--tls-dir)");
        }
        if (Files.isWritable(dir)) {
            ownerOnly(dir); // a read-only folder of one's own with the keys in it is used as it is
        }
        for (String name : keyFiles) {
            if (Files.isSymbolicLink(dir.resolve(name))) {
                throw new IOException(dir.resolve(name) + " is a link: the emulator writes and reads its keys only as files");
            }
        }
    }

    /** The owner's uid, or null where the file system or the platform has none to give. */
    private static Object uid(Path path, LinkOption... options) {
        try {
            return Files.getAttribute(path, "unix:uid", options);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            return null;
        }
    }

    /** A private key is nobody else's business: rw for the owner (rwx for a folder), where the file system can say so. */
    static void ownerOnly(Path path) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }
}
