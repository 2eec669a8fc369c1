package dev.b24emu.emulator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code trigger EVENT --to URL}: has a running emulator send a documented event to a handler under development, as
 * one of the portal's installed applications receives it (POST /_emulator/portals/{id}/trigger), and says what the
 * handler answered.
 */
@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = {"Sends a documented event to a handler, as an application installed on the portal receives it: "
                + "its application_token and a working access token in auth, the example data of the event's docs page "
                + "with your --data values over it. Install the application first (POST /_emulator/portals/{id}/apps).",
                "Exit 0 when the handler answers 2xx, 1 when it answers otherwise or not at all, 2 when the emulator "
                        + "refuses the request (the reason is printed), 3 when it cannot be reached."},
        footer = {"", "Example: b24-emulator trigger OnVoximplantCallEnd --to http://127.0.0.1:9000/b24/events "
                + "--data CALL_ID=externalCall.0123456789abcdef0123456789abcdef.1767225600 --data CALL_DURATION=35"})
final class TriggerCommand extends RemoteCommand {
    @Parameters(index = "0", paramLabel = "EVENT",
            description = "A documented event, in any case: the telephony ones (OnVoximplantCallInit, "
                    + "OnVoximplantCallStart, OnVoximplantCallEnd, OnExternalCallStart, OnExternalCallBackStart), the "
                    + "application's (OnAppInstall, OnAppUpdate, OnAppUninstall, OnAppPayment, OnAppTest), CRM changes "
                    + "(OnCrmLeadAdd, OnCrmDealUpdate, ...), OnUserAdd, OnTaskAdd, ...; given another, the emulator "
                    + "names every one it sends.")
    String event;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The handler to POST the event to.")
    String to;

    @Option(names = "--portal", paramLabel = "ID", description = "The portal (default: ${DEFAULT-VALUE}).")
    String portal = "default";

    @Option(names = "--data", paramLabel = "KEY=VALUE", description = "A data field's value (repeatable).")
    Map<String, String> data = new LinkedHashMap<>();

    @Option(names = "--app", paramLabel = "CLIENT_ID", description = "The installed application that sends it (default: the one installed last).")
    String app;

    @Option(names = "--user", paramLabel = "ID", description = "The user whose token the auth block carries (default: the installing user).")
    Long user;

    @Option(names = "--forged", description = "Send it as an impostor would: tokens the portal never issued, the "
            + "application_token included. Your handler should refuse it (exit 0 means it answered 2xx all the same).")
    boolean forged;

    TriggerCommand(EnvironmentDefaults environment) {
        super(environment);
    }

    @Override
    int run(PrintWriter out, PrintWriter err) throws ControlConnection.Unreachable, ControlConnection.Refused {
        ObjectNode body = ControlConnection.JSON.createObjectNode().put("event", event).put("handlerUrl", to);
        ObjectNode fields = body.putObject("data");
        data.forEach(fields::put);
        if (app != null) {
            body.put("clientId", app);
        }
        if (user != null) {
            body.put("userId", user);
        }
        if (forged) {
            body.put("forged", true);
        }
        JsonNode delivery = connection.post("/_emulator/portals/" + ControlConnection.encode(portal) + "/trigger", body);
        int status = delivery.path("status").asInt();
        boolean answered = status / 100 == 2;
        out.println((forged ? "forged " : "") + delivery.path("event").asText() + " -> " + delivery.path("url").asText() + ": "
                + (status == 0 ? "no answer" : "HTTP " + status) + " in " + delivery.path("latencyMillis").asLong() + " ms"
                + (answered || delivery.path("error").isNull() ? "" : " (" + delivery.path("error").asText() + ")"));
        try {
            out.println(ControlConnection.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(delivery.path("payload")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
        return answered ? CommandLine.ExitCode.OK : 1;
    }
}
