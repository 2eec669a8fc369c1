package dev.b24emu.emulator.internal.disk.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.disk.DiskFiles;
import dev.b24emu.emulator.internal.disk.DownloadLinks;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Access;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * disk.file.get for the files telephony puts on the portal's drive, the call records, and their DOWNLOAD_URL (D166):
 * the record's bytes as CFile::ViewByUser sends them, a link's record by a redirect to it.
 */
public final class DiskArea implements Area {
    private static final long LINK_SECONDS = 3600; // an access token's hour

    private final PortalRegistry portals;

    public DiskArea(PortalRegistry portals) {
        this.portals = portals;
    }

    @Override
    public void methods(MethodTable methods) {
        methods.add("disk.file.get", this::get);
    }

    @Override
    public void routes(Router router) {
        router.route(DownloadLinks.PATH + ":portal/:file/:expires/:signature").handler(this::download);
    }

    /**
     * Service\BaseObject::get: the parameter bound by its exact name "id" (Engine\Binder), the file or
     * ERROR_NOT_FOUND, read by the call's user and the administrators only.
     */
    private JsonNode get(RestCall call) {
        JsonNode id = call.params().tree().get("id");
        if (id == null || id.isNull()) {
            if (call.params().has("id")) {
                call.warn("disk.file.get binds its parameter by the exact name id (Engine\\Binder): "
                        + "the real server does not read ID");
            }
            throw RestError.of("ERROR_ARGUMENT", "Invalid value of parameter { Parameter #0 [ <required> $id ] }.");
        }
        Portal portal = call.portal();
        if (id.isContainerNode()) { // PHP writes an array into the message as "Array"; no file has such an ID
            call.deviation("id is an array: disk.file.get takes one file's ID");
            throw RestError.of("ERROR_NOT_FOUND", "Could not find entity with id 'Array'.");
        }
        DiskFiles.File file = DiskFiles.find(portal, Params.phpInt(id)).orElseThrow(() ->
                RestError.of("ERROR_NOT_FOUND", "Could not find entity with id '" + Params.scalarText(id).orElse("")
                        + "'."));
        if (!file.readableBy(call.userId(), Access.isAdmin(call.caller()))) {
            throw new RestError(403, "ACCESS_DENIED", "Access denied!");
        }
        long expires = call.caller().isWebhook() ? 0 : portal.now().getEpochSecond() + LINK_SECONDS;
        String base = call.endpoints().baseUrl();
        String download = base + DownloadLinks.path(new DownloadLinks.Link(portal.id(), file.id(), expires));
        return DiskFiles.view(portal, file, base, download);
    }

    /**
     * A DOWNLOAD_URL: its signature, its hour and its file checked, then the record's bytes with the headers of a
     * forced download, or, for a record the emulator only has the link of (RECORD_URL; a real portal downloads it),
     * a redirect there, reported. Errors as the REST server answers them.
     */
    private void download(RoutingContext ctx) {
        Optional<DownloadLinks.Link> link = DownloadLinks.verify(ctx.pathParam("portal"), ctx.pathParam("file"),
                ctx.pathParam("expires"), ctx.pathParam("signature"));
        Portal portal = link.flatMap(l -> portals.get(l.portalId())).orElse(null);
        if (portal == null) {
            error(ctx, 403, "ACCESS_DENIED", "Access denied! Link check failed");
            return;
        }
        if (link.get().expiredAt(portal.now())) {
            error(ctx, 401, "expired_token", "The access token provided has expired.");
            return;
        }
        long id = link.get().fileId();
        DiskFiles.File file = DiskFiles.find(portal, id).orElse(null);
        if (file == null) {
            error(ctx, 400, "ERROR_NOT_FOUND", "Could not find entity with id '" + id + "'.");
            return;
        }
        byte[] content = portal.store(TelephonyStore.class).content(id).orElse(null);
        if (content == null && file.record().url() != null) {
            ctx.response().setStatusCode(302).putHeader("Location", file.record().url())
                    .putHeader("X-B24-Emulator-Warning", "The record is a link the emulator does not download:"
                            + " a real portal keeps the file and answers its bytes here")
                    .end();
            return;
        }
        if (content == null) {
            error(ctx, 400, "ERROR_CORE", "Could not get content of file");
            return;
        }
        String name = file.record().fileName();
        ctx.response().setStatusCode(200)
                .putHeader("Content-Type", name.toLowerCase(java.util.Locale.ROOT).endsWith(".wav") ? "audio/x-wav" : "audio/mpeg")
                .putHeader("Content-Disposition", "attachment; filename=\"" + ascii(name) + "\"; filename*=utf-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .putHeader("Content-Transfer-Encoding", "binary")
                .putHeader("Cache-Control", "no-cache, must-revalidate, post-check=0, pre-check=0")
                .putHeader("Expires", "0").putHeader("Pragma", "public")
                .end(ctx.request().method().name().equals("HEAD") ? Buffer.buffer() : Buffer.buffer(content));
    }

    /** The name a header can carry as it is: ASCII letters, digits and punctuation, others and spaces as "-". */
    private static String ascii(String name) {
        return name.replaceAll("[^A-Za-z0-9._()+,-]", "-");
    }

    private static void error(RoutingContext ctx, int status, String code, String description) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(JsonNodeFactory.instance.objectNode().put("error", code).put("error_description", description)
                        .toString());
    }
}
