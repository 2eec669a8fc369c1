package dev.b24emu.emulator.internal.disk;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed links DOWNLOAD_URL hands out (CRestUtil::getDownloadUrl signs its token with the portal's secret, so a
 * link cannot be made up or changed): a file of a portal until a moment, 0 for never. An application's link ends
 * with the hour of the access token that asked for it, as a real one stops working with its token; a webhook's stays.
 * The key is made at start, so links do not outlive the server that signed them.
 */
public final class DownloadLinks {
    /** where the links are served (a real portal's /rest/download.json is the REST transport's, which knows no area) */
    public static final String PATH = "/disk/download/";
    /** where a file's public link is served: a real portal's short links are /~AbCdE */
    public static final String EXTERNAL_PATH = "/~";
    private static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    /** What a link names. */
    public record Link(String portalId, long fileId, long expires) {
        public boolean expiredAt(Instant now) {
            return expires != 0 && now.getEpochSecond() >= expires;
        }
    }

    private DownloadLinks() {
    }

    /** The path of a signed link: portal, file, expiry, signature. */
    public static String path(Link link) {
        String portal = portalToken(link.portalId());
        String signed = portal + "/" + link.fileId() + "/" + link.expires();
        return PATH + signed + "/" + sign(signed);
    }

    /** The link a path names when its signature is the server's; empty for one made up or changed. */
    public static Optional<Link> verify(String portal, String fileId, String expires, String signature) {
        String signed = portal + "/" + fileId + "/" + expires;
        if (!MessageDigest.isEqual(sign(signed).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Link(new String(Base64.getUrlDecoder().decode(portal), StandardCharsets.UTF_8),
                    Long.parseLong(fileId), Long.parseLong(expires)));
        } catch (IllegalArgumentException signedButUnreadable) {
            return Optional.empty();
        }
    }

    /**
     * The path of a file's public link (disk.file.getExternalLink): {@code /~} then the portal, the file and a
     * signature, so the link names its file without a table and cannot be made up; the same path every time.
     */
    public static String externalPath(String portalId, long fileId) {
        String portal = portalToken(portalId);
        String signed = portal + "." + fileId;
        return EXTERNAL_PATH + signed + "." + sign("external/" + signed).substring(0, 12);
    }

    /** The portal and file an external link's code names when its signature is the server's. */
    public static Optional<Link> verifyExternal(String code) {
        String[] parts = code.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String signed = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(sign("external/" + signed).substring(0, 12).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Link(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8),
                    Long.parseLong(parts[1]), 0));
        } catch (IllegalArgumentException signedButUnreadable) {
            return Optional.empty();
        }
    }

    /** A portal's ID as a link carries it: URL-safe Base64, any ID a portal may have. */
    private static String portalToken(String portalId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(portalId.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
