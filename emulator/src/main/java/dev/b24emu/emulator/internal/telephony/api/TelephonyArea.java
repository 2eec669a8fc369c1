package dev.b24emu.emulator.internal.telephony.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRequest;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.CallRecord;
import dev.b24emu.emulator.internal.telephony.CallService;
import dev.b24emu.emulator.internal.telephony.CallViews.CallView;
import dev.b24emu.emulator.internal.telephony.RecordFiles;
import dev.b24emu.emulator.internal.telephony.RegisterResult;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.telephony.Transcript;
import dev.b24emu.emulator.internal.transport.Endpoints;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * External telephony: telephony.externalCall.*, telephony.externalLine.*, telephony.call.attachTranscription; the
 * control endpoints for calls, click-to-call, callback requests and records; the record upload URL.
 */
public final class TelephonyArea implements Area {
    /**
     * What click-to-call answers: the call the portal registered, and for which application (null: the outgoing
     * webhooks) and line; eventWithheld says why that application gets no OnExternalCallStart, when it gets none.
     */
    public record ClickView(@JsonProperty("CALL_ID") String callId, String appId, String lineNumber, boolean reused,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String eventWithheld) {
    }

    public record CallsView(List<CallView> active, List<CallView> finished) {
    }

    public record RecordsView(Collection<CallRecord> records, Collection<Transcript> transcripts) {
    }

    /** The application told of the callback request (null: the outgoing webhooks), and why it was not, if it was not. */
    public record CallbackView(String appId, @JsonInclude(JsonInclude.Include.NON_NULL) String eventWithheld) {
    }

    private final PortalRegistry portals;
    private final CallService calls;

    public TelephonyArea(PortalRegistry portals, CallService calls) {
        this.portals = portals;
        this.calls = calls;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("telephony", TelephonyStore.class,
                portal -> new TelephonyStore(portal.bounds().finishedCalls(), portal.bounds().openCalls(),
                        portal.bounds().callTextBytes())));
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("telephony.");
    }

    @Override
    public void methods(MethodTable methods) {
        new TelephonyMethods(calls).register(methods);
        new CardVisibilityMethods(calls).register(methods);
        LineMethods.register(methods);
        new RecordMethods(calls).register(methods);
    }

    @Override
    public void control(ControlRoutes routes) {
        ControlRoutes portal = routes.portal();
        portal.get("/calls", request -> calls(request.portal()));
        portal.post("/click-to-call", request -> click(request));
        portal.post("/callback", request -> callback(request));
        portal.get("/records", request -> new RecordsView(request.portal().store(TelephonyStore.class).records(),
                request.portal().store(TelephonyStore.class).transcripts()));
    }

    @Override
    public void routes(Router router) {
        router.post(RecordMethods.UPLOAD_PATH + ":token").handler(BodyHandler.create(true)
                .setUploadsDirectory(System.getProperty("java.io.tmpdir") + "/b24-emulator-uploads")
                .setDeleteUploadedFilesOnEnd(true).setBodyLimit(64L * 1024 * 1024));
        router.post(RecordMethods.UPLOAD_PATH + ":token").handler(this::upload);
    }

    private static CallsView calls(Portal portal) {
        TelephonyStore telephony = portal.store(TelephonyStore.class);
        return new CallsView(
                telephony.activeCalls().stream().sorted(Comparator.comparing(Call::startDate))
                        .map(call -> CallView.open(portal, call)).toList(),
                telephony.finishedCalls().stream().map(row -> CallView.finished(portal, row)).toList());
    }

    /** {"userId","phoneNumber","lineNumber"?,"crmEntityType"?,"crmEntityId"?,"callListId"?}. */
    private ClickView click(ControlRequest request) {
        Portal portal = request.portal();
        var body = request.body();
        long userId = body.path("userId").asLong(portal.webhook().userId());
        String phone = body.path("phoneNumber").asText("");
        if (phone.isBlank()) {
            throw new IllegalArgumentException("phoneNumber is required");
        }
        RegisterResult result = calls.clickToCall(portal, new CallService.Click(userId, phone,
                        text(body, "lineNumber"), text(body, "crmEntityType"), body.path("crmEntityId").asLong(0),
                        body.hasNonNull("callListId") ? body.get("callListId").asLong() : null),
                Origin.user(userId, request.endpoints()));
        Call call = result.call();
        return new ClickView(call.callId(), appId(call.appKey()), call.lineNumber(), result.reused(),
                withheld(portal, call.appKey()));
    }

    /** {"phoneNumber","text","voice","crmEntityType","crmEntityId","lineNumber"}. */
    private CallbackView callback(ControlRequest request) {
        Portal portal = request.portal();
        var body = request.body();
        String phone = body.path("phoneNumber").asText("");
        if (phone.isBlank()) {
            throw new IllegalArgumentException("phoneNumber is required");
        }
        String appKey = calls.callback(portal, phone, text(body, "text"), text(body, "voice"), text(body, "crmEntityType"),
                body.path("crmEntityId").asLong(0), text(body, "lineNumber"),
                // a site visitor fills the form (on-external-call-back-start.md), no user of the portal: the event
                // carries no token unless its handler names a user (D156; it carried the webhook user's: audit 60a)
                Origin.noUser(request.endpoints()));
        return new CallbackView(appId(appKey), withheld(portal, appKey));
    }

    /**
     * Why the application the portal told gets no event after all (its wizard unfinished, its payment run out), or
     * null: the control API's caller would otherwise wait for a delivery that a real portal withholds too.
     */
    private static String withheld(Portal portal, String appKey) {
        return portal.store(AppStore.class).byAppKey(appKey)
                .flatMap(app -> app.eventsWithheld(portal.now())).orElse(null);
    }

    /** The application's ID, or null for the outgoing webhooks, which have none. */
    private static String appId(String appKey) {
        return appKey.equals(TelephonyStore.WEBHOOK_APP) ? null : appKey;
    }

    /**
     * The uploadUrl attachRecord handed out: the file in the multipart field "file", once. As the real upload does,
     * the file's extension is checked here (attachRecord answers the URL without looking at FILENAME's), and a request
     * without the field gets "Error: required parameter file is not found".
     */
    private void upload(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        var file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst();
        long size = file.map(f -> f.size()).orElse(0L);
        String uploadedName = file.map(f -> f.fileName()).filter(n -> !n.isBlank()).orElse(null);
        String answer = null;
        int status = 200;
        boolean sent = file.isPresent();
        if (!sent && ctx.request().getFormAttribute("file") != null) {
            size = ctx.request().getFormAttribute("file").length();
            sent = true;
        }
        Portal owner = portals.all().stream()
                .filter(p -> p.store(TelephonyStore.class).pendingUpload(token).isPresent()).findFirst().orElse(null);
        if (owner == null) {
            status = 404;
            answer = "{\"error\":\"ERROR_CORE\",\"error_description\":\"Unknown or used upload URL\"}";
        } else if (!sent) {
            status = 400;
            answer = "{\"error\":\"ERROR_CORE\",\"error_description\":\"Error: required parameter file is not found\"}";
        } else {
            TelephonyStore store = owner.store(TelephonyStore.class);
            String name = uploadedName != null ? uploadedName : store.pendingUpload(token).map(r -> r.fileName()).orElse("");
            if (!RecordMethods.isRecordFile(name)) {
                status = 400;
                answer = "{\"error\":\"ERROR_CORE\",\"error_description\":\"Wrong file extension. Only wav and mp3 are allowed\"}";
            } else {
                var record = store.completeUpload(token, name, size, owner.now());
                record.ifPresent(r -> store.keepContent(r.fileId(), uploaded(ctx, file.orElse(null))));
                // the upload's hit names no user: the activity's update carries no token (D156)
                record.ifPresent(r -> RecordFiles.onActivity(owner, r, RecordFiles.Files.REPLACED,
                        Origin.noUser(Endpoints.of(ctx.request(), Endpoints.atDomain(owner.domain())))));
                if (record.isPresent()) {
                    answer = "{\"result\":{\"FILE_ID\":" + record.get().fileId() + "}}";
                } else {
                    status = 404;
                    answer = "{\"error\":\"ERROR_CORE\",\"error_description\":\"Unknown or used upload URL\"}";
                }
            }
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(answer));
    }

    /** The uploaded file's bytes (Vert.x keeps a multipart file on disk until the request ends), or a form field's. */
    private byte[] uploaded(RoutingContext ctx, io.vertx.ext.web.FileUpload file) {
        if (file == null) {
            return ctx.request().getFormAttribute("file").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return ctx.vertx().fileSystem().readFileBlocking(file.uploadedFileName()).getBytes();
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode body, String name) {
        return body.hasNonNull(name) ? body.get(name).asText() : null;
    }
}
