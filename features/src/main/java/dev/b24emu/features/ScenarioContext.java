package dev.b24emu.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.testing.HandlerServer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's state, shared by the step classes: the portal it runs on, the last response, values it remembered,
 * installed applications, and what it must clean up on a real portal.
 */
public final class ScenarioContext {
    private static final ThreadLocal<ScenarioContext> CURRENT = new ThreadLocal<>();

    /** The webhook base URL, ending in a slash. */
    String webhook;
    /** The emulator's base URL, or null on a real portal. */
    String emulatorBase;
    /** The emulator portal's ID, or null on a real portal. */
    String portalId;
    int status;
    JsonNode body;
    /** maps a remembered name to its value */
    final Map<String, String> remembered = new HashMap<>();
    /** maps an application's client ID to its access token */
    final Map<String, String> appTokens = new HashMap<>();
    /** CALL_IDs registered and not yet finished: finished after the scenario */
    final List<String> openCalls = new ArrayList<>();
    /** "crm.lead.delete:5" style clean-up calls for objects created on a real portal */
    final List<String[]> cleanup = new ArrayList<>();
    HandlerServer handler;

    static ScenarioContext start() {
        ScenarioContext context = new ScenarioContext();
        CURRENT.set(context);
        return context;
    }

    public static ScenarioContext current() {
        ScenarioContext context = CURRENT.get();
        if (context == null) {
            throw new IllegalStateException("No scenario is running (the Hooks class must be on the glue path)");
        }
        return context;
    }

    static void end() {
        CURRENT.remove();
    }

    HandlerServer handler() {
        if (handler == null) {
            handler = new HandlerServer();
        }
        return handler;
    }

    String controlPath(String path) {
        return emulatorBase + "/_emulator/portals/" + portalId + path;
    }
}
