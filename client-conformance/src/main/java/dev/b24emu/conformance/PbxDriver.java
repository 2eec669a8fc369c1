package dev.b24emu.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Makes the integration's phone system act; the user plugs one in through the config's driver section. */
public interface PbxDriver {
    void act(PbxAction action);

    static PbxDriver from(ConformanceConfig.Driver config) {
        Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
        return config.url() != null ? new Http(config.url(), timeout) : new Command(config.command(), timeout);
    }

    /** POSTs the action as JSON to the integration's test endpoint and expects a 2xx. */
    final class Http implements PbxDriver {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final String url;
        private final Duration timeout;

        Http(String url, Duration timeout) {
            this.url = url;
            this.timeout = timeout;
        }

        @Override
        public void act(PbxAction action) {
            // a client of its own for each action: a kept-alive connection the integration's server has closed (an
            // HTTP/1.0 server such as Python's http.server closes each) failed the next action before it was sent
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(action.asMap())))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new ConformanceException("The driver at " + url + " answered HTTP " + response.statusCode()
                            + " to " + action.asMap() + ": " + response.body());
                }
            } catch (IOException e) {
                throw new ConformanceException("The driver at " + url + " did not take " + action.asMap() + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConformanceException("Interrupted while driving " + action.action(), e);
            }
        }
    }

    /**
     * Runs a program with the action as its last argument, every value as an environment variable
     * ({@code B24_ACTION}, {@code B24_PHONE}, {@code B24_LINE}, {@code B24_USER}, ...) and the JSON on stdin;
     * exit code 0 means done.
     */
    final class Command implements PbxDriver {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final List<String> command;
        private final Duration timeout;

        Command(List<String> command, Duration timeout) {
            this.command = command;
            this.timeout = timeout;
        }

        @Override
        public void act(PbxAction action) {
            List<String> line = new ArrayList<>(command);
            line.add(action.action());
            ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
            for (Map.Entry<String, Object> value : action.asMap().entrySet()) {
                builder.environment().put("B24_" + value.getKey().replaceAll("([a-z])([A-Z])", "$1_$2")
                        .toUpperCase(Locale.ROOT), String.valueOf(value.getValue()));
            }
            try {
                Process process = builder.start();
                try (var stdin = process.getOutputStream()) {
                    stdin.write(JSON.writeValueAsBytes(action.asMap()));
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new ConformanceException("The driver " + line + " did not finish within " + timeout.toSeconds() + " s");
                }
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new ConformanceException("The driver " + line + " exited with " + process.exitValue() + ": " + output);
                }
            } catch (IOException e) {
                throw new ConformanceException("The driver " + line + " could not run: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConformanceException("Interrupted while driving " + action.action(), e);
            }
        }
    }
}
