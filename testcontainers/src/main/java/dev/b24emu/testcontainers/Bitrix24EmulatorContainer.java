package dev.b24emu.testcontainers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The emulator's container image in a JVM test, with the embedded API's entry points:
 * <pre>{@code
 * @Container static Bitrix24EmulatorContainer b24 = new Bitrix24EmulatorContainer();
 *
 * TestPortal portal = b24.newPortal();              // an isolated portal with the demo data
 * myConnector.useWebhook(portal.webhookUrl());
 * portal.assertCalled("telephony.externalcall.register");
 * }</pre>
 * The control token and the default portal's webhook token are random per container (never the well-known
 * demo-token on a port others can reach). The container listens on 8080 (HTTP) and 8443 (HTTPS, self-signed),
 * mapped to free host ports; {@link #withHostNetwork()} puts it on the host's network instead, on free ports, for
 * engines without a bridge network (this project's CI) and for handlers listening on 127.0.0.1.
 */
public class Bitrix24EmulatorContainer extends GenericContainer<Bitrix24EmulatorContainer> {
    /** The image container/build.sh builds. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("b24emu/emulator:latest");
    public static final int HTTP_PORT = 8080;
    public static final int HTTPS_PORT = 8443;
    /** How a container reaches the machine running the test when it is on a bridge network. */
    public static final String HOST_ALIAS = "host.docker.internal";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String controlToken = randomHex();
    private String webhookToken = randomHex();
    private boolean hostNetwork;
    private int httpPort = HTTP_PORT;
    private int httpsPort = HTTPS_PORT;

    public Bitrix24EmulatorContainer() {
        this(DEFAULT_IMAGE);
    }

    public Bitrix24EmulatorContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public Bitrix24EmulatorContainer(DockerImageName image) {
        super(image);
        withEnv("B24_EMULATOR_CONTROL_TOKEN", controlToken);
        withEnv("B24_EMULATOR_WEBHOOK_TOKEN", webhookToken);
        withExposedPorts(HTTP_PORT, HTTPS_PORT);
        // deliveries to a handler in the test: http://host.docker.internal:PORT/ (Docker 20.10+)
        withExtraHost(HOST_ALIAS, "host-gateway");
        waitingFor(new HealthWait().withStartupTimeout(Duration.ofMinutes(2)));
    }

    /** The default portal's webhook token (random unless set). */
    public Bitrix24EmulatorContainer withWebhookToken(String token) {
        this.webhookToken = token;
        return withEnv("B24_EMULATOR_WEBHOOK_TOKEN", token);
    }

    /** The default portal's seed (the format of --seed files) instead of the demo data. */
    public Bitrix24EmulatorContainer withSeed(String seedJson) {
        return withCopyToContainer(Transferable.of(seedJson), "/home/app/seed.json")
                .withEnv("B24_EMULATOR_SEED", "/home/app/seed.json");
    }

    /**
     * On the host's network, on two free ports, instead of mapped ports: for engines started without a bridge, and
     * so the emulator reaches handlers listening on the host's 127.0.0.1.
     */
    public Bitrix24EmulatorContainer withHostNetwork() {
        hostNetwork = true;
        httpPort = freePort();
        httpsPort = freePort();
        setExposedPorts(List.of());
        setExtraHosts(List.of()); // the host's own /etc/hosts there
        return withNetworkMode("host").withEnv("B24_EMULATOR_PORT", String.valueOf(httpPort))
                .withEnv("B24_EMULATOR_HTTPS_PORT", String.valueOf(httpsPort));
    }

    /** http://host:port of the emulator, as the test reaches it. */
    public String baseUrl() {
        return "http://" + host() + ":" + (hostNetwork ? httpPort : getMappedPort(HTTP_PORT));
    }

    /** https://host:port (self-signed: trust what {@code /data/tls/emulator-cert.pem} holds). */
    public String httpsBaseUrl() {
        return "https://" + host() + ":" + (hostNetwork ? httpsPort : getMappedPort(HTTPS_PORT));
    }

    /** The default portal's incoming webhook URL, ending in a slash. */
    public String webhookUrl() {
        return baseUrl() + "/rest/1/" + webhookToken + "/";
    }

    public String controlToken() {
        return controlToken;
    }

    /**
     * A URL of the machine running the test as the emulator in the container reaches it (for handler URLs): the
     * host's 127.0.0.1 on the host network, {@value #HOST_ALIAS} otherwise (the handler must then listen on an
     * address the container's network reaches, such as 0.0.0.0).
     */
    public String hostUrl(int port, String path) {
        return "http://" + (hostNetwork ? "127.0.0.1" : HOST_ALIAS) + ":" + port + path;
    }

    /** The control API: portals, the clock, reset. */
    public Controls controls() {
        return new Controls(new ControlApi(baseUrl(), controlToken));
    }

    /** A new isolated portal with the demo data (the same as {@code controls().newPortal()}). */
    public TestPortal newPortal() {
        return controls().newPortal();
    }

    private String host() {
        return hostNetwork ? "127.0.0.1" : getHost();
    }

    private static String randomHex() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** Ready once the control API answers UP with the container's token (on mapped ports or the host network). */
    private final class HealthWait extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            RuntimeException last = null;
            while (System.nanoTime() < deadline) {
                if (!isRunning()) {
                    throw new IllegalStateException("The emulator's container stopped while starting:\n" + getLogs());
                }
                try {
                    if ("UP".equals(new ControlApi(baseUrl(), controlToken).get("/_emulator/health").path("status").asText())) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    last = notYet;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the emulator started", e);
                }
            }
            throw new IllegalStateException("The emulator did not answer within " + startupTimeout + ": " + last
                    + "\n" + getLogs());
        }
    }
}
