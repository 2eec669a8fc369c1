package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.TestPortal;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A portal's whole state out and back in, and the --state-file across restarts. */
class StateTest extends EmulatorHarness {
    private String portalPath() {
        return base() + "/_emulator/portals/" + portal.id();
    }

    /** Calls open and finished, a lead, a line, a setting and an application: most stores have something. */
    private String fill() {
        String open = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995551001", "TYPE", 2,
                "CRM_CREATE", 1)).then().statusCode(200).extract().path("result.CALL_ID");
        String done = call("telephony.externalcall.register", Map.of("USER_ID", 3, "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                .then().extract().path("result.CALL_ID");
        call("telephony.externalcall.finish", Map.of("CALL_ID", done, "USER_ID", 3, "DURATION", 7)).then().statusCode(200);
        call("telephony.externalLine.add", Map.of("NUMBER", "700")).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"crmMode\":\"SIMPLE\"}").patch(portalPath() + "/settings").then().statusCode(200);
        String token = given().contentType(ContentType.JSON).body(Map.of("clientId", "local.s", "clientSecret", "x",
                "scopes", List.of("telephony", "user"))).post(portalPath() + "/apps").then().statusCode(201).extract().path("access_token");
        return open + " " + token;
    }

    @Test
    void aPortalsStateRoundTrips() {
        String[] made = fill().split(" ");
        String open = made[0];
        String token = made[1];

        String state = given().get(portalPath() + "/state").then().statusCode(200).extract().asString();
        given().post(portalPath() + "/reset").then().statusCode(200);
        call("crm.lead.list", Map.of()).then().body("total", equalTo(1));
        given().contentType(ContentType.JSON).body(state).put(portalPath() + "/state").then().statusCode(200);

        call("crm.lead.list", Map.of()).then().body("total", equalTo(2));
        call("crm.settings.mode.get", Map.of()).then().body("result", equalTo(2));
        call("telephony.externalLine.get", Map.of()).then().body("result.NUMBER", equalTo(List.of("700")));
        call("telephony.externalcall.finish", Map.of("CALL_ID", open, "USER_ID", 2)).then().statusCode(200);
        call("crm.activity.list", Map.of()).then().body("total", equalTo(2));
        given().get(base() + "/rest/user.current?auth=" + token).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"crmMode\":\"CLASSIC\"}").patch(portalPath() + "/settings").then().statusCode(200);
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995551002", "TYPE", 2, "CRM_CREATE", 1))
                .then().body("result.CRM_CREATED_LEAD", equalTo(3)); // lead IDs go on after the restored lead 2
    }

    @Test
    void aBadStateIsRefusedAndChangesNothing() throws Exception {
        call("crm.lead.add", Map.of("fields", Map.of("TITLE", "Keep me")));
        given().contentType(ContentType.JSON).body("{\"format\":\"other\"}").put(portalPath() + "/state").then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"));
        given().contentType(ContentType.JSON).body("{\"format\":\"b24-emulator-state/1\",\"crm\":{\"items\":\"x\"}}")
                .put(portalPath() + "/state").then().statusCode(400);
        // an export with one contact there twice: refused naming it, not the last copy laid over the first
        com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        given().get(portalPath() + "/state").then().statusCode(200).extract().asString());
        com.fasterxml.jackson.databind.node.ArrayNode items = (com.fasterxml.jackson.databind.node.ArrayNode) state.path("crm").path("items");
        items.add(items.get(0).deepCopy());
        given().contentType(ContentType.JSON).body(state.toString()).put(portalPath() + "/state").then().statusCode(400)
                .body("error_description", org.hamcrest.Matchers.containsString("/crm/items/" + (items.size() - 1)
                        + "/id: "));
        call("crm.lead.list", Map.of()).then().body("total", equalTo(2));
    }

    /**
     * Without a token configured, the default portal keeps the webhook token its state was saved with: a restart
     * printed a new random one and the integration's URL stopped working (audit 60b); a configured token wins.
     */
    @Test
    void theDefaultPortalKeepsItsSavedWebhookTokenUnlessOneIsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        try (Bitrix24Emulator first = Bitrix24Emulator.start(EmulatorOptions.builder().stateFile(file)
                .webhookToken("kept-token").build())) {
            given().contentType(ContentType.JSON).body(Map.of("fields", Map.of("TITLE", "Kept")))
                    .post(first.webhookUrl() + "crm.lead.add").then().statusCode(200);
        }
        try (Bitrix24Emulator second = Bitrix24Emulator.start(EmulatorOptions.builder().stateFile(file).build())) {
            assertTrue(second.webhookUrl().endsWith("/rest/1/kept-token/"), second.webhookUrl());
            given().get(second.webhookUrl() + "crm.lead.list").then().statusCode(200)
                    .body("result.TITLE", org.hamcrest.Matchers.hasItem("Kept"));
        }
        try (Bitrix24Emulator third = Bitrix24Emulator.start(EmulatorOptions.builder().stateFile(file)
                .webhookToken("given-token").build())) {
            assertTrue(third.webhookUrl().endsWith("/rest/1/given-token/"), third.webhookUrl());
        }
    }

    /**
     * A seed without user 1 gives the default webhook to its first user unless one is named: it stayed user 1, whom
     * the portal did not have (audit 60b), and such a webhook is refused (D100).
     */
    @Test
    void theDefaultWebhookIsTheSeedsFirstUsersUnlessOneIsNamed(@TempDir Path dir) throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.json"),
                "{\"users\": [{\"ID\": 7, \"NAME\": \"Seven\", \"IS_ADMIN\": true}, {\"ID\": 8, \"NAME\": \"Eight\"}]}");
        try (Bitrix24Emulator b24 = Bitrix24Emulator.start(EmulatorOptions.builder().seed(seed).build())) {
            assertTrue(b24.webhookUrl().contains("/rest/7/"), b24.webhookUrl());
            given().get(b24.webhookUrl() + "user.current").then().statusCode(200).body("result.ID", equalTo("7"));
        }
        try (Bitrix24Emulator b24 = Bitrix24Emulator.start(EmulatorOptions.builder().seed(seed).webhookUserId(8).build())) {
            given().get(b24.webhookUrl() + "user.current").then().statusCode(200).body("result.ID", equalTo("8"));
        }
    }

    /** A state file the emulator cannot write is refused at start, naming the folder (the saves failed unseen). */
    @Test
    void aStateFileThatCannotBeWrittenIsRefusedAtStart(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Bitrix24Emulator.start(EmulatorOptions.builder().stateFile(notAFolder.resolve("state.json")).build()));
        assertEquals("Cannot write the state file " + notAFolder.resolve("state.json") + ": " + notAFolder
                + " is a file, not a folder; choose another --state-file", refused.getMessage());
        // a folder the user may not write (not testable as root, who may write anywhere)
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!Files.isWritable(readOnly)) {
            IllegalArgumentException denied = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Bitrix24Emulator.start(EmulatorOptions.builder().stateFile(readOnly.resolve("state.json")).build()));
            assertTrue(denied.getMessage().startsWith("Cannot write the state file's folder " + readOnly + " (owner uid "),
                    denied.getMessage());
        }
    }

    @Test
    void theStateFileCarriesPortalsAcrossRestarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        EmulatorOptions options = EmulatorOptions.builder().stateFile(file).build();
        String token;
        String extraWebhook;
        try (Bitrix24Emulator first = Bitrix24Emulator.start(options)) {
            TestPortal extra = first.controls().newPortal();
            extraWebhook = extra.webhookUrl().replaceAll("http://[^/]+", "");
            given().contentType(ContentType.JSON).body(Map.of("fields", Map.of("TITLE", "Survives")))
                    .post(extra.webhookUrl() + "crm.lead.add").then().statusCode(200);
            token = first.controls().defaultPortal().installApp("local.keep", "s", List.of("user"), null)
                    .get("access_token").asText();
        }
        assertTrue(Files.readString(file).contains("Survives"));
        try (Bitrix24Emulator second = Bitrix24Emulator.start(options)) {
            given().get(second.baseUrl() + extraWebhook + "crm.lead.list").then().statusCode(200)
                    .body("result.TITLE", equalTo(List.of("Website enquiry", "Survives")));
            given().get(second.baseUrl() + "/rest/user.current?auth=" + token).then().statusCode(200);
        }
    }

    /**
     * A state file past the tree limit is read portal by portal and section by section, to the same state as the
     * tree path reads (a 100,000-contact portal's file did not fit the launcher's heap as one tree); a bad section
     * read that way is still refused with its path.
     */
    @Test
    void aLargeStateFileIsReadSectionBySectionToTheSameState(@TempDir Path dir) throws Exception {
        fill();
        Path file = dir.resolve("state.json");
        new StateFile(file, emulator.portals()).save();
        ObjectNode saved = PortalState.export(portal);
        for (long treeLimit : new long[] {0, Long.MAX_VALUE}) {
            portal.resetToSeed();
            assertNotEquals(saved, PortalState.export(portal));
            new StateFile(file, emulator.portals(), treeLimit).load();
            assertEquals(saved, PortalState.export(portal), "tree limit " + treeLimit);
        }

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"" + PortalState.FORMAT + "\",\"portals\":[{\"format\":\"" + PortalState.FORMAT
                + "\",\"id\":\"" + portal.id() + "\",\"crm\":{\"items\":\"x\"}}]}");
        StateException refused = assertThrows(StateException.class, () -> new StateFile(bad, emulator.portals(), 0).load());
        assertTrue(refused.getMessage().contains("/crm"), refused.getMessage());
        assertEquals(saved, PortalState.export(portal), "the refused file changed nothing");
    }

    /**
     * The half-written saves a killed emulator left beside its state file are removed when a state file is next
     * loaded (they piled up, one a kill: audit 50e); one younger than a minute may be another process's save.
     */
    @Test
    void halfWrittenSavesLeftByAKilledEmulatorAreRemovedAtTheNextStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        new StateFile(file, emulator.portals()).save();
        Path stale = Files.writeString(dir.resolve("state.json8147203311.tmp"), "{\"format\"");
        stale.toFile().setLastModified(System.currentTimeMillis() - 120_000);
        Path fresh = Files.writeString(dir.resolve("state.json99.tmp"), "{");
        Path other = Files.writeString(dir.resolve("other.json1.tmp"), "{");
        other.toFile().setLastModified(System.currentTimeMillis() - 120_000);
        new StateFile(file, emulator.portals()).load();
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh) && Files.exists(other), "a save in progress and another file's are left");
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertEquals(3, left.count(), "no save leaves a file of its own behind");
        }
    }

    /** The control API reads a state this large the same way, off the event loop (whitespace makes it large here). */
    @Test
    void aLargeStatePutIsReadSectionBySection() {
        fill();
        String state = given().get(portalPath() + "/state").then().statusCode(200).extract().asString();
        ObjectNode saved = PortalState.export(portal);
        String padding = " ".repeat((int) StateFile.TREE_LIMIT + 1);
        given().post(portalPath() + "/reset").then().statusCode(200);
        given().contentType(ContentType.JSON).body(state + padding).put(portalPath() + "/state").then().statusCode(200);
        assertEquals(saved, PortalState.export(portal));

        given().contentType(ContentType.JSON).body(state.replace("\"crm\":{", "\"crm\":{\"items\":\"x\",") + padding)
                .put(portalPath() + "/state").then().statusCode(400).body("error_description", containsString("/crm"));
        given().contentType(ContentType.JSON).body("{\"format\":" + padding).put(portalPath() + "/state").then().statusCode(400);
        assertEquals(saved, PortalState.export(portal), "refused states changed nothing");
    }
}
