package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.Installation;
import dev.b24emu.emulator.internal.events.Delivery;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.ClickToCall;
import dev.b24emu.emulator.internal.telephony.RecordMethods;
import dev.b24emu.emulator.internal.telephony.RegisterResult;
import dev.b24emu.emulator.internal.transport.RestError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Developer endpoints for applications and what the portal sends them: install an application, simulate a user's
 * click-to-call and a CRM form's callback request, and read the event deliveries, open call cards and records.
 */
public final class AppControl {
    private final PortalRegistry portals;
    private final Installation installation;
    private final ClickToCall clickToCall;
    private final ObjectMapper json;
    private final ControlResponses responses;

    public AppControl(PortalRegistry portals, Installation installation, ClickToCall clickToCall, ObjectMapper json) {
        this.portals = portals;
        this.installation = installation;
        this.clickToCall = clickToCall;
        this.json = json;
        this.responses = new ControlResponses(json);
    }

    public void mount(Router router) {
        router.post("/_emulator/portals/:id/apps").handler(ctx -> responses.answer(ctx, 201, () ->
                installation.install(portal(ctx.pathParam("id")), responses.body(ctx))));
        responses.get(router, "/_emulator/portals/:id/apps", ctx -> apps(portal(ctx.pathParam("id"))));
        responses.post(router, "/_emulator/portals/:id/click-to-call", ctx -> click(portal(ctx.pathParam("id")), responses.body(ctx)));
        responses.post(router, "/_emulator/portals/:id/callback", ctx -> callback(portal(ctx.pathParam("id")), responses.body(ctx)));
        responses.get(router, "/_emulator/events", ctx -> deliveries(portals.all(), ctx.queryParams().get("event")));
        responses.get(router, "/_emulator/portals/:id/events", ctx ->
                deliveries(List.of(portal(ctx.pathParam("id"))), ctx.queryParams().get("event")));
        responses.get(router, "/_emulator/portals/:id/records", ctx -> json.valueToTree(Map.of(
                "records", portal(ctx.pathParam("id")).telephony().records(),
                "transcripts", portal(ctx.pathParam("id")).telephony().transcripts())));
        router.post(RecordMethods.UPLOAD_PATH + ":token").handler(BodyHandler.create(true)
                .setUploadsDirectory(System.getProperty("java.io.tmpdir") + "/b24-emulator-uploads")
                .setDeleteUploadedFilesOnEnd(true).setBodyLimit(64L * 1024 * 1024));
        router.post(RecordMethods.UPLOAD_PATH + ":token").handler(ctx -> responses.answer(ctx, 200, () -> upload(ctx)));
    }

    private Portal portal(String id) {
        return portals.require(id);
    }

    private JsonNode apps(Portal portal) {
        ArrayNode list = json.createArrayNode();
        for (App app : portal.apps().all()) {
            ObjectNode view = list.addObject();
            view.put("appId", app.appKey());
            view.put("clientId", app.clientId());
            view.put("name", app.name());
            view.put("scope", app.scopeList());
            view.put("handlerUrl", app.handlerUrl());
            view.put("applicationToken", app.applicationToken());
        }
        return list;
    }

    private JsonNode click(Portal portal, JsonNode body) {
        long userId = body.path("userId").asLong(portal.webhook().userId());
        String phone = body.path("phoneNumber").asText("");
        if (phone.isBlank()) {
            throw RestError.of("ERROR_ARGUMENT", "phoneNumber is required");
        }
        RegisterResult result = clickToCall.click(portal, new ClickToCall.Click(userId, phone,
                text(body, "lineNumber"), text(body, "crmEntityType"), body.path("crmEntityId").asLong(0),
                body.hasNonNull("callListId") ? body.get("callListId").asLong() : null));
        Call call = result.call();
        ObjectNode view = json.createObjectNode();
        view.put("CALL_ID", call.callId());
        view.put("appId", call.appKey());
        view.put("lineNumber", call.lineNumber());
        view.put("reused", result.reused());
        return view;
    }

    private JsonNode callback(Portal portal, JsonNode body) {
        String phone = body.path("phoneNumber").asText("");
        if (phone.isBlank()) {
            throw RestError.of("ERROR_ARGUMENT", "phoneNumber is required");
        }
        App app = clickToCall.callback(portal, phone, text(body, "text"), text(body, "voice"),
                text(body, "crmEntityType"), body.path("crmEntityId").asLong(0), text(body, "lineNumber"));
        return json.createObjectNode().put("appId", app.appKey());
    }

    private JsonNode deliveries(Collection<Portal> from, String event) {
        List<Delivery> all = new ArrayList<>();
        from.forEach(p -> all.addAll(p.events().deliveries()));
        all.sort(Comparator.comparingLong(Delivery::seq));
        ArrayNode list = json.createArrayNode();
        all.stream().filter(d -> event == null || d.event().equalsIgnoreCase(event)).forEach(d -> list.add(json.valueToTree(d)));
        return list;
    }

    private JsonNode upload(io.vertx.ext.web.RoutingContext ctx) {
        String token = ctx.pathParam("token");
        long size = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).mapToLong(f -> f.size()).sum();
        if (ctx.fileUploads().stream().noneMatch(f -> f.name().equals("file"))) {
            String field = ctx.request().getFormAttribute("file");
            if (field == null) {
                throw RestError.of("ERROR_CORE", "The file must be sent in the multipart field \"file\"");
            }
            size = field.length();
        }
        for (Portal portal : portals.all()) {
            var record = portal.telephony().completeUpload(token, size);
            if (record.isPresent()) {
                return json.createObjectNode().set("result", json.createObjectNode().put("FILE_ID", record.get().fileId()));
            }
        }
        throw new RestError(404, "ERROR_CORE", "Unknown or used upload URL");
    }

    private static String text(JsonNode body, String name) {
        return body.hasNonNull(name) ? body.get(name).asText() : null;
    }
}
