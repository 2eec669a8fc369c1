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

import java.util.List;
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
    public List<String> methodPrefixes() {
        return List.of("disk.");
    }

    @Override
    public void methods(MethodTable methods) {
        methods.add("disk.file.get", this::get).add("disk.file.getExternalLink", DiskArea::externalLink);
    }

    @Override
    public void routes(Router router) {
        router.route(DownloadLinks.PATH + ":portal/:file/:expires/:signature").handler(this::download);
        router.get(DownloadLinks.EXTERNAL_PATH + ":code").handler(this::publicPage);
    }

    /**
     * Service\BaseObject::get: the parameter bound by its exact name "id" (Engine\Binder), the file or
     * ERROR_NOT_FOUND, read by the call's user and the administrators only.
     */
    private JsonNode get(RestCall call) {
        DiskFiles.File file = file(call, "disk.file.get");
        Portal portal = call.portal();
        long expires = call.caller().isWebhook() ? 0 : portal.now().getEpochSecond() + LINK_SECONDS;
        String base = call.endpoints().baseUrl();
        String download = base + DownloadLinks.path(new DownloadLinks.Link(portal.id(), file.id(), expires));
        return DiskFiles.view(portal, file, base, download);
    }

    /**
     * The file a method's id names (Engine\Binder: the exact name id), or ERROR_ARGUMENT, ERROR_NOT_FOUND, or
     * ACCESS_DENIED when the caller is neither its call's user nor an administrator.
     */
    private static DiskFiles.File file(RestCall call, String method) {
        JsonNode id = call.params().tree().get("id");
        if (id == null || id.isNull()) {
            if (call.params().has("id")) {
                call.warn(method + " binds its parameter by the exact name id (Engine\\Binder): "
                        + "the real server does not read ID");
            }
            throw RestError.of("ERROR_ARGUMENT", "Invalid value of parameter { Parameter #0 [ <required> $id ] }.");
        }
        if (id.isContainerNode()) { // PHP writes an array into the message as "Array"; no file has such an ID
            call.deviation("id is an array: " + method + " takes one file's ID");
            throw RestError.of("ERROR_NOT_FOUND", "Could not find entity with id 'Array'.");
        }
        DiskFiles.File file = DiskFiles.find(call.portal(), Params.phpInt(id)).orElseThrow(() ->
                RestError.of("ERROR_NOT_FOUND", "Could not find entity with id '" + Params.scalarText(id).orElse("")
                        + "'."));
        if (!file.readableBy(call.userId(), Access.isAdmin(call.caller()))) {
            throw new RestError(403, "ACCESS_DENIED", "Access denied!");
        }
        return file;
    }

    /**
     * disk.file.getExternalLink (D180): the file's public link, the same on every call (an existing link is reused);
     * it opens the file's page, as a real one opens a preview rather than the bytes.
     */
    private static JsonNode externalLink(RestCall call) {
        DiskFiles.File file = file(call, "disk.file.getExternalLink");
        return JsonNodeFactory.instance.textNode(call.endpoints().baseUrl()
                + DownloadLinks.externalPath(call.portal().id(), file.id()));
    }

    /**
     * A public link's page: the file's name and a link to its bytes, for anyone who has the link (a real portal's
     * public page); a link made up or of a file no longer kept is 404.
     */
    private void publicPage(RoutingContext ctx) {
        Optional<DownloadLinks.Link> link = DownloadLinks.verifyExternal(ctx.pathParam("code"));
        Portal portal = link.flatMap(l -> portals.get(l.portalId())).orElse(null);
        DiskFiles.File file = portal == null ? null : DiskFiles.find(portal, link.get().fileId()).orElse(null);
        if (file == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("The file is not available");
            return;
        }
        String name = html(file.record().fileName());
        String download = DownloadLinks.path(new DownloadLinks.Link(portal.id(), file.id(), 0));
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + name + "</title></head><body><h1>"
                        + name + "</h1><p><a href=\"" + download + "\">Download</a></p></body></html>");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
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
