package dev.b24emu.emulator.cli;

import dev.b24emu.emulator.testing.EmulatorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container image's health check and scripts read the control token from the file the server writes at start
 * (--control-token-file): it is there, readable by its owner alone, by the time the banner says the server is up.
 */
class ControlTokenFileTest {
    @Test
    void theTokenIsInItsOwnerOnlyFileWhenTheBannerComes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("control-token");
        try (EmulatorProcess emulator = EmulatorProcess.start("--host", "0.0.0.0",
                "--control-token", "file-test-token", "--control-token-file", file.toString())) {
            assertTrue(Files.exists(file), "no token file when the banner came: " + emulator.output());
            assertEquals("file-test-token", Files.readString(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    /**
     * A token given on loopback is required: other users of a shared machine read every portal's tokens and state
     * through a control API open to local programs (audit 49d).
     */
    @Test
    void aTokenGivenOnLoopbackIsRequiredThere() throws Exception {
        try (dev.b24emu.emulator.Bitrix24Emulator b24 = dev.b24emu.emulator.Bitrix24Emulator.start(
                dev.b24emu.emulator.EmulatorOptions.builder().port(0).controlToken("local-secret").build())) {
            String portals = "http://127.0.0.1:" + b24.port() + "/_emulator/portals";
            io.restassured.RestAssured.given().get(portals).then().statusCode(401);
            io.restassured.RestAssured.given().header("X-Emulator-Token", "local-secret").get(portals).then().statusCode(200);
            io.restassured.RestAssured.given().get(b24.webhookUrl() + "user.current").then().statusCode(200);
        }
        try (dev.b24emu.emulator.Bitrix24Emulator open = dev.b24emu.emulator.Bitrix24Emulator.start(
                dev.b24emu.emulator.EmulatorOptions.builder().port(0).build())) {
            io.restassured.RestAssured.given().get("http://127.0.0.1:" + open.port() + "/_emulator/portals").then()
                    .statusCode(200);
        }
    }

    /**
     * The address is written for the health check (--url-file, B24_EMULATOR_URL_FILE in the image): it asked port
     * 8080 of a container given --port as an argument, and called it unhealthy (audit 60b).
     */
    @Test
    void theAddressIsWrittenForTheHealthCheck(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("emulator-url");
        try (EmulatorProcess emulator = EmulatorProcess.start("--url-file", file.toString())) {
            assertEquals(emulator.base(), Files.readString(file));
            java.io.StringWriter out = new java.io.StringWriter();
            picocli.CommandLine cli = Main.commandLine(java.util.Map.of("B24_EMULATOR_URL_FILE", file.toString(),
                    "B24_EMULATOR_PORT", "1")::get);
            cli.setOut(new java.io.PrintWriter(out, true));
            assertEquals(0, cli.execute("health"), "the written address, not B24_EMULATOR_PORT: " + out);
            assertTrue(out.toString().startsWith("UP: "), out.toString());
        }
    }

    @Test
    void onLoopbackNoTokenIsNeededAndNoFileIsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("control-token");
        try (EmulatorProcess emulator = EmulatorProcess.start("--control-token-file", file.toString())) {
            assertFalse(Files.exists(file), emulator.output().toString());
        }
    }
}
