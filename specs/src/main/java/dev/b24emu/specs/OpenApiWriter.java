package dev.b24emu.specs;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Build step: writes the assembled OpenAPI document (servers on the emulator's default address) to a file. */
public final class OpenApiWriter {
    private OpenApiWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/openapi.json");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Contracts contracts = Contracts.shared().compileAll();
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), contracts.openApi("http://127.0.0.1:8080"));
    }
}
