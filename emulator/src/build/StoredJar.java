import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a jar with every entry stored instead of deflated, in the same order (run by emulator/pom.xml after the
 * shade step: {@code java src/build/StoredJar.java target/b24-emulator.jar}). A plain {@code java -jar} then reads its
 * five thousand start-up classes without inflating each one: about a tenth of the time to the first answer on the
 * two-core machine (bench/run.sh), for a jar two and a half times larger.
 * {@code java StoredJar.java --deflated IN OUT} writes a deflated copy instead: the container image
 * (container/build.sh) keeps its size under its limit.
 */
public class StoredJar {
    public static void main(String[] args) throws IOException {
        boolean deflated = args[0].equals("--deflated");
        Path jar = Path.of(args[deflated ? 1 : 0]);
        Path target = deflated ? Path.of(args[2]) : jar;
        Path stored = target.resolveSibling(target.getFileName() + ".tmp");
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(stored))) {
            out.setMethod(deflated ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream body = in.getInputStream(entry)) {
                    bytes = body.readAllBytes();
                }
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry copy = new ZipEntry(entry.getName());
                if (!deflated) {
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(bytes.length);
                    copy.setCompressedSize(bytes.length);
                    copy.setCrc(crc.getValue());
                }
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(stored, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
