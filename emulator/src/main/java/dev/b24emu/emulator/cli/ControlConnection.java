package dev.b24emu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * How a subcommand reaches a running emulator's control API: its URL and, beyond loopback, its control token
 * (given, or read from the file the server wrote it to with --control-token-file, as inside the container image).
 */
final class ControlConnection {
    /** The emulator could not be reached, or answered what no emulator answers. */
    static class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    /** What the command was given cannot be used (a --url that is no URL, a token file that cannot be read). */
    static final class BadOption extends Unreachable {
        BadOption(String message) {
            super(message);
        }
    }

    /** The emulator refused the request: its status and Bitrix24-style error description. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String description) {
            super(description);
            this.status = status;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", paramLabel = "URL",
            description = "The running emulator (default: http://127.0.0.1:<B24_EMULATOR_PORT or 8080>).")
    String url;

    @Option(names = "--control-token", paramLabel = "TOKEN",
            description = "Its control token, needed when it listens beyond loopback.")
    String token;

    @Option(names = "--control-token-file", paramLabel = "FILE",
            description = "Read the control token from FILE (where the server wrote it) when --control-token is not given.")
    Path tokenFile;

    private EnvironmentDefaults environment = new EnvironmentDefaults(System::getenv);
    /** Made on first use: picocli builds every subcommand when the server starts, and a client costs an SSL context. */
    private HttpClient http;

    /** For tests: where B24_EMULATOR_PORT comes from. */
    ControlConnection environment(EnvironmentDefaults values) {
        this.environment = values;
        return this;
    }

    /**
     * --url, else the address the server wrote to B24_EMULATOR_URL_FILE (--url-file), else 127.0.0.1 on
     * B24_EMULATOR_PORT: the image's health check asked port 8080 of a server given --port as an argument (audit 60b).
     */
    String baseUrl() {
        if (url != null) {
            return url.replaceAll("/+$", "");
        }
        String file = environment.get(EnvironmentDefaults.PREFIX + "URL_FILE");
        if (file != null && !file.isBlank()) {
            try {
                String written = Files.readString(Path.of(file)).trim();
                if (!written.isEmpty()) {
                    return written;
                }
            } catch (IOException | java.nio.file.InvalidPathException notYet) {
                // not written yet (the server is starting): its port from the environment
            }
        }
        String port = environment.get(EnvironmentDefaults.PREFIX + "PORT");
        return "http://127.0.0.1:" + (port == null ? "8080" : port);
    }

    JsonNode get(String path) throws Unreachable, Refused {
        return send(request(path).GET().build());
    }

    JsonNode post(String path, JsonNode body) throws Unreachable, Refused {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** The lines of a server-sent event stream, as they arrive; the stream ends when the emulator goes away. */
    Stream<String> events(String path) throws Unreachable, Refused {
        HttpRequest request = request(path).header("Accept", "text/event-stream").timeout(Duration.ofDays(365)).GET().build();
        HttpResponse<Stream<String>> response = exchange(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String answer;
            try (Stream<String> lines = response.body()) {
                answer = lines.limit(100).collect(java.util.stream.Collectors.joining("\n"));
            }
            throw refused(response.statusCode(), answer, "The emulator answered " + response.statusCode() + " to " + path);
        }
        return response.body();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) throws Unreachable {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            throw new BadOption("Not a URL: " + baseUrl() + " (--url takes the emulator's address, such as"
                    + " http://127.0.0.1:8080)");
        }
        String effective = token();
        return effective == null ? builder : builder.header("X-Emulator-Token", effective);
    }

    private String token() throws BadOption {
        if (token != null && !token.isBlank()) {
            return token;
        }
        if (tokenFile == null) {
            return null;
        }
        try {
            String text = Files.readString(tokenFile).trim();
            if (text.isEmpty()) {
                throw new BadOption("The control token file " + tokenFile + " is empty");
            }
            return text;
        } catch (IOException | RuntimeException e) {
            // named, not sent without a token: the emulator's "needs the control token" hid a mistyped path
            throw new BadOption("Cannot read the control token file " + tokenFile + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    private JsonNode send(HttpRequest request) throws Unreachable, Refused {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Unreachable(baseUrl() + " answered " + response.statusCode() + " without JSON: is it the emulator?");
        }
        if (response.statusCode() / 100 != 2) {
            throw refused(response.statusCode(), response.body(), null);
        }
        return body;
    }

    /** A refusal with the emulator's error and description, or {@code otherwise} when its answer has none. */
    private static Refused refused(int status, String answer, String otherwise) {
        JsonNode body;
        try {
            body = JSON.readTree(answer);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.hasNonNull("error")) {
            return new Refused(status, otherwise != null ? otherwise : status + "");
        }
        return new Refused(status, status + " " + body.path("error").asText() + ": "
                + body.path("error_description").asText(""));
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) throws Unreachable {
        try {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            }
            return http.send(request, body);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("Interrupted");
        }
    }

    private Unreachable unreachable(IOException e) {
        return new Unreachable("Cannot reach the emulator at " + baseUrl() + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
}
