package dev.b24emu.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.testing.HandlerServer;
import dev.b24emu.specs.Contracts;
import io.cucumber.datatable.DataTable;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One scenario's state, shared by the step classes (Cucumber's PicoContainer makes one per scenario and hands it to
 * each step class's constructor): the portal it runs on, the last response, values it remembered, installed
 * applications, and what it must clean up on a real portal.
 */
public final class ScenarioContext {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The webhook base URL, ending in a slash. */
    String webhook;
    /** The emulator's base URL, or null on a real portal. */
    String emulatorBase;
    /** The emulator portal's ID, or null on a real portal. */
    String portalId;
    int status;
    JsonNode body;
    /** the X-B24-Emulator-Warning headers of the last response */
    List<String> warnings = List.of();
    /** the last answer's X-B24-Emulator-Notice headers: what the emulator does otherwise than a portal (D197) */
    List<String> notices = List.of();
    /** maps a remembered name to its value */
    final Map<String, String> remembered = new HashMap<>();
    /** maps an application's client ID to its access token */
    final Map<String, String> appTokens = new HashMap<>();
    /** CALL_IDs registered and not yet finished: finished after the scenario */
    final List<String> openCalls = new ArrayList<>();
    /** "crm.lead.delete:5" style clean-up calls for objects created on a real portal */
    final List<String[]> cleanup = new ArrayList<>();
    HandlerServer handler;
    /** An emulator the scenario started with options of its own (closed after it), or null */
    dev.b24emu.emulator.Bitrix24Emulator ownEmulator;
    /** An emulator process the scenario started (stopped after it), or null */
    dev.b24emu.emulator.testing.EmulatorProcess ownProcess;

    /** The user the webhook acts as: the operator of scenarios that run against a real portal too. */
    long operatorId() {
        String id = remembered.get("operator");
        if (id != null) {
            return Long.parseLong(id);
        }
        Response me = RestAssured.given().post(webhook + "user.current");
        long userId = Long.parseLong(me.jsonPath().getString("result.ID"));
        remembered.put("operator", Long.toString(userId));
        return userId;
    }

    /** A step's table of parameters as a JSON object, each cell read by {@link Values#cell}. */
    ObjectNode tree(DataTable table) {
        ObjectNode tree = JSON.createObjectNode();
        for (List<String> row : table.asLists()) {
            tree.set(row.get(0).trim(), Values.cell(row.get(1), remembered));
        }
        return tree;
    }

    /**
     * Keeps a control API answer for the "the call fails/succeeds" steps; its contract is the control API's OpenAPI
     * document, which the emulator's own tests hold every control answer to, not a REST method's.
     */
    void recordControl(String endpoint, Response response) {
        keep(endpoint, response);
    }

    private void keep(String what, Response response) {
        status = response.statusCode();
        warnings = response.headers().getValues("X-B24-Emulator-Warning");
        notices = response.headers().getValues("X-B24-Emulator-Notice");
        try {
            body = JSON.readTree(response.asByteArray());
        } catch (Exception e) {
            throw new AssertionError(what + " answered HTTP " + response.statusCode() + " with a body that is not JSON: "
                    + response.asString(), e);
        }
    }

    /** Keeps the response, checks it against specs/ and notes calls to finish and objects to delete afterwards. */
    void record(String method, Response response) {
        record(method, response, 2);
    }

    /**
     * The same for a call on a REST version's path: a method of the other version is not found there, and is
     * answered in the path's error envelope.
     */
    void record(String method, Response response, int restVersion) {
        keep(method, response);
        Contracts contracts = Contracts.shared();
        boolean served = contracts.method(method).filter(c -> c.restVersion() == restVersion).isPresent();
        List<Contracts.Violation> violations = served ? contracts.validateResponse(method, status, body)
                : contracts.validateError(restVersion, body);
        assertTrue(violations.isEmpty(), () -> method + " answered outside the contract in specs/: " + violations + "\n" + body);
        String lower = method.toLowerCase(Locale.ROOT);
        if (status == 200 && lower.equals("telephony.externalcall.register")) {
            String callId = body.path("result").path("CALL_ID").asText();
            if (!openCalls.contains(callId)) {
                openCalls.add(callId);
            }
            body.path("result").path("CRM_CREATED_ENTITIES").forEach(e -> cleanup.add(new String[] {
                    "crm." + e.path("ENTITY_TYPE").asText().toLowerCase(Locale.ROOT) + ".delete", e.path("ENTITY_ID").asText()}));
        } else if (status == 200 && lower.equals("telephony.externalcall.finish")) {
            openCalls.remove(body.path("result").path("CALL_ID").asText());
        } else if (status == 200 && lower.matches("crm\\.(lead|deal|contact|company)\\.add")) {
            cleanup.add(new String[] {lower.replace(".add", ".delete"), body.path("result").asText()});
        }
    }

    HandlerServer handler() {
        if (handler == null) {
            handler = new HandlerServer();
        }
        return handler;
    }

    /** The REST 3.0 address of the scenario's webhook: /rest/api/{user}/{token}/. */
    String webhookV3() {
        return webhook.replaceFirst("/rest/", "/rest/api/");
    }

    String controlPath(String path) {
        return emulatorBase + "/_emulator/portals/" + portalId + path;
    }
}
