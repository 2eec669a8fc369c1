package dev.b24emu.features;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import io.restassured.RestAssured;

import java.util.Map;

/**
 * Where the scenarios run: by default an emulator started in this JVM (one per run, a fresh portal per scenario);
 * with -Db24.target=https://portal.bitrix24.ru/rest/1/xxxx/ (or B24_TARGET) a real portal's webhook.
 */
public final class Target {
    private static volatile Bitrix24Emulator embedded;

    private Target() {
    }

    /** The configured real portal webhook, or null for the embedded emulator. */
    public static String realWebhook() {
        String target = System.getProperty("b24.target");
        if (target == null || target.isBlank() || target.startsWith("${")) {
            target = System.getenv("B24_TARGET");
        }
        if (target == null || target.isBlank()) {
            return null;
        }
        return target.endsWith("/") ? target : target + "/";
    }

    public static boolean isEmulator() {
        return realWebhook() == null;
    }

    /** The embedded emulator, started on first use and stopped when the JVM exits. */
    public static synchronized Bitrix24Emulator emulator() {
        if (embedded == null) {
            // with the proxy, so scenarios can reach portals at their Bitrix24 domains (bitrix24-hosts.feature)
            embedded = Bitrix24Emulator.start(EmulatorOptions.builder().proxyPort(0).build());
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "b24-features-emulator"));
        }
        return embedded;
    }

    /** A fresh demo portal on the embedded emulator: its ID and webhook URL. */
    static Map<String, String> newPortal() {
        var created = RestAssured.given().contentType("application/json").body(Map.of("demo", true))
                .post(emulator().baseUrl() + "/_emulator/portals").then().statusCode(201).extract().jsonPath();
        return Map.of("id", created.getString("id"), "webhookUrl", created.getString("webhookUrl"));
    }
}
