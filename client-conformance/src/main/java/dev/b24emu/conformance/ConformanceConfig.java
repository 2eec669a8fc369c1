package dev.b24emu.conformance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code conformance.yaml} says: where the emulator is, how the integration is installed and reached, how to
 * drive its phone system, which rules and features to run, and where the report goes. Every field but the
 * integration's has a default, so the smallest file names the handler URL and the driver.
 *
 * @param emulator    the emulator to use; started in-process when it names no URL
 * @param integration how the integration authenticates and where the portal reaches it
 * @param driver      how a scenario makes the phone system act (an incoming call, an answer, a hang-up)
 * @param rules       rule IDs to check on all traffic; empty means every rule
 * @param features    feature files or folders to run besides (or, with builtInFeatures false, instead of) the kit's
 * @param builtInFeatures whether the kit's own features run
 * @param tags        a Cucumber tag expression selecting scenarios, e.g. "not @click-to-call"
 * @param report      the folder the report is written to
 * @param waitSeconds how long a "Then the integration ..." step waits for the integration by default
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ConformanceConfig(Emulator emulator, Integration integration, Driver driver, List<String> rules,
                                List<String> features, Boolean builtInFeatures, String tags, String report,
                                Integer waitSeconds) {

    /** @param url a running emulator's base URL, or null to start one; @param port the embedded one's port (0: any) */
    public record Emulator(String url, Integer port, String controlToken) {
        public Emulator {
            port = port == null ? 0 : port;
        }
    }

    /**
     * @param auth         "oauth" (installed as an application: ONAPPINSTALL with tokens to handlerUrl) or "webhook"
     *                     (the integration calls the portal's incoming webhook, whose URL the driver is told)
     * @param handlerUrl   where ONAPPINSTALL and events go (oauth); in webhook mode, where the outgoing webhook the kit
     *                     makes delivers the telephony events (optional: without it the integration gets no events)
     * @param webhookToken the webhook's token in webhook mode, so the integration's configured URL stays valid
     */
    public record Integration(String name, String auth, String handlerUrl, String clientId, String clientSecret,
                              List<String> scopes, String webhookToken, Long userId) {
        public Integration {
            name = name == null ? "integration" : name;
            auth = auth == null ? "oauth" : auth;
            clientId = clientId == null ? "local.conformance" : clientId;
            clientSecret = clientSecret == null ? "conformance-secret" : clientSecret;
            scopes = scopes == null ? List.of("telephony", "crm", "user", "placement") : List.copyOf(scopes);
            webhookToken = webhookToken == null ? "conformance" : webhookToken;
            userId = userId == null ? 1L : userId;
        }

        public boolean oauth() {
            return "oauth".equals(auth);
        }
    }

    /** Exactly one of url (the integration's test endpoint, POSTed JSON) and command (run with the values). */
    public record Driver(String url, List<String> command, Integer timeoutSeconds) {
        public Driver {
            command = command == null ? null : List.copyOf(command);
            timeoutSeconds = timeoutSeconds == null ? 10 : timeoutSeconds;
        }
    }

    public ConformanceConfig {
        emulator = emulator == null ? new Emulator(null, 0, null) : emulator;
        rules = rules == null ? List.of() : List.copyOf(rules);
        features = features == null ? List.of() : List.copyOf(features);
        builtInFeatures = builtInFeatures == null ? Boolean.TRUE : builtInFeatures;
        report = report == null ? "target/conformance" : report;
        waitSeconds = waitSeconds == null ? 5 : waitSeconds;
    }

    /** Reads and checks a config file; a wrong one is an IllegalArgumentException saying what to change. */
    public static ConformanceConfig load(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return yaml.readValue(Files.readString(file), ConformanceConfig.class).checked();
        } catch (java.nio.file.NoSuchFileException e) { // its message is the file's name alone
            throw new IllegalArgumentException(file + ": no such file (the config is --config FILE)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The config, or an IllegalArgumentException naming the first thing wrong with it. */
    public ConformanceConfig checked() {
        if (integration == null) {
            throw new IllegalArgumentException("integration: is required (handlerUrl for oauth, or auth: webhook)");
        }
        if (!List.of("oauth", "webhook").contains(integration.auth())) {
            throw new IllegalArgumentException("integration.auth must be oauth or webhook, not " + integration.auth());
        }
        if (integration.oauth() || integration.handlerUrl() != null) {
            requireHttp("integration.handlerUrl", integration.handlerUrl());
        }
        if (driver == null || (driver.url() == null) == (driver.command() == null || driver.command().isEmpty())) {
            throw new IllegalArgumentException("driver: needs exactly one of url (an HTTP endpoint of the integration) "
                    + "or command (a program and its arguments)");
        }
        if (driver.url() != null) {
            requireHttp("driver.url", driver.url());
        }
        if (emulator.url() != null) {
            requireHttp("emulator.url", emulator.url());
        }
        for (String rule : rules) {
            if (dev.b24emu.conformance.rules.Rules.find(rule).isEmpty()) {
                throw new IllegalArgumentException("rules: unknown rule " + rule + "; known: "
                        + dev.b24emu.conformance.rules.Rules.ids());
            }
        }
        if (tags != null && !tags.isBlank()) {
            try {
                io.cucumber.tagexpressions.TagExpressionParser.parse(tags);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("tags: " + e.getMessage(), e);
            }
        }
        if (waitSeconds < 1 || waitSeconds > 120) {
            throw new IllegalArgumentException("waitSeconds must be between 1 and 120");
        }
        return this;
    }

    private static void requireHttp(String field, String url) {
        try {
            URI uri = url == null ? null : new URI(url);
            if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new IllegalArgumentException(field + " must be an absolute http(s) URL, got " + url);
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(field + " must be an absolute http(s) URL, got " + url, e);
        }
    }

    public ConformanceConfig withReport(String folder) {
        return new ConformanceConfig(emulator, integration, driver, rules, features, builtInFeatures, tags, folder,
                waitSeconds);
    }

    public ConformanceConfig withRules(List<String> ids) {
        return new ConformanceConfig(emulator, integration, driver, ids, features, builtInFeatures, tags, report,
                waitSeconds).checked();
    }

    public ConformanceConfig withTags(String expression) {
        return new ConformanceConfig(emulator, integration, driver, rules, features, builtInFeatures, expression,
                report, waitSeconds).checked();
    }

    public ConformanceConfig withEmulatorUrl(String url) {
        return withEmulator(new Emulator(url, emulator.port(), emulator.controlToken()));
    }

    /** The control token of the emulator attached to (one listening beyond loopback, such as a CI service). */
    public ConformanceConfig withControlToken(String token) {
        return withEmulator(new Emulator(emulator.url(), emulator.port(), token));
    }

    private ConformanceConfig withEmulator(Emulator attached) {
        return new ConformanceConfig(attached, integration, driver, rules, features, builtInFeatures, tags, report,
                waitSeconds).checked();
    }
}
