package dev.b24emu.emulator.internal.im;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.UserStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * im.notify.system.add, im.notify.personal.add, im.notify and im.notify.delete as CIMRestService::notifyAdd and
 * ::notifyDelete run them: a system notification comes from nobody, a personal one from the caller; an application's
 * system notification begins with its name; tags are the application's own ("MP|", five hex digits of its client_id's
 * MD5, "|", the tag), and a new notification replaces its recipient's earlier ones with the same tag.
 */
public final class Notifications {
    /** "You have exceeded the maximum allowable size of attach": 30 KB (im-notify-system-add.md) */
    static final int MAX_ATTACH_BYTES = 30 * 1024;

    /**
     * What a notification was sent with.
     *
     * @param clientIdGiven CLIENT_ID, which names a webhook's "application" for tags ("custom" and the value), or null
     * @param attach        ATTACH as given (an object, a list or a JSON string), or null
     */
    public record Request(long userId, boolean system, String message, String messageOut, String tag, String subTag,
                          String clientIdGiven, JsonNode attach) {
    }

    private Notifications() {
    }

    /** Sends a notification; its ID, or empty when the recipient is no user of the portal (the server's false). */
    public static Optional<Long> add(Caller caller, Request request) {
        if (request.userId() <= 0) {
            throw RestError.of("USER_ID_EMPTY", "User ID can't be empty");
        }
        String message = request.message() == null ? "" : request.message().trim();
        if (message.isEmpty()) {
            throw RestError.of("MESSAGE_EMPTY", "Message can't be empty");
        }
        String messageOut = request.messageOut() == null ? "" : request.messageOut().trim();
        Portal portal = caller.portal();
        // an application's system notification begins with its name (or code), as both its texts do
        String prefix = !request.system() ? "" : Optional.ofNullable(caller.clientId())
                .flatMap(id -> portal.store(AppStore.class).byClientId(id))
                .map(app -> (app.name() == null || app.name().isBlank() ? app.clientId() : app.name()) + "#BR#")
                .orElse("");
        // a notification is a message of the messenger (CIMMessenger::Add), cut as a message is: kept whole, 27 of
        // 7 MB ran the launcher's heap out
        String text = Messages.cut(prefix + message);
        String textOut = messageOut.isEmpty() ? "" : Messages.cut(prefix + messageOut);
        String clientId = clientId(caller, request.clientIdGiven());
        String tag = clientId == null || blank(request.tag()) ? null : appTag(clientId, request.tag());
        String subTag = clientId == null || blank(request.subTag()) ? null : appTag(clientId, request.subTag());
        JsonNode attach = attach(request.attach(), MAX_ATTACH_BYTES);
        if (portal.store(UserStore.class).get(request.userId()).isEmpty()) {
            return Optional.empty();
        }
        NotificationStore store = portal.store(NotificationStore.class);
        return Optional.of(portal.exclusive(() -> { // a tag's earlier notification goes as the new one comes
            Notification sent = new Notification(store.nextId(), request.userId(), request.system() ? 0 : caller.userId(),
                    request.system(), text, textOut, tag, subTag, attach, portal.now());
            if (tag != null) {
                store.removeIf(n -> n.toUserId() == sent.toUserId() && tag.equals(n.tag()));
            }
            store.add(sent);
            return sent.id();
        }));
    }

    /**
     * im.notify.delete: ID deletes the caller's own notification (false for another's or none); otherwise TAG, or
     * SUB_TAG, deletes the application's notifications with it, which a webhook names with CLIENT_ID.
     */
    public static boolean delete(Caller caller, long id, String tag, String subTag, String clientIdGiven) {
        NotificationStore store = caller.portal().store(NotificationStore.class);
        if (id > 0) {
            return store.removeIf(n -> n.id() == id && n.toUserId() == caller.userId());
        }
        String clientId = clientId(caller, clientIdGiven);
        if (clientId == null) {
            throw new RestError(403, "ACCESS_DENIED", "Access denied! Client ID not specified");
        }
        if (!blank(tag)) {
            String named = appTag(clientId, tag);
            store.removeIf(n -> named.equals(n.tag()));
        } else if (!blank(subTag)) {
            String named = appTag(clientId, subTag);
            store.removeIf(n -> named.equals(n.subTag()));
        } else {
            throw RestError.of("PARAMS_ERROR", "Incorrect params");
        }
        return true;
    }

    private static String clientId(Caller caller, String given) {
        return caller.clientId() != null ? caller.clientId() : blank(given) ? null : "custom" + given;
    }

    private static String appTag(String clientId, String tag) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(clientId.getBytes(StandardCharsets.UTF_8));
            return "MP|" + HexFormat.of().formatHex(md5).substring(0, 5) + "|" + tag;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has MD5", e);
        }
    }

    /** ATTACH: an object or a list, or a JSON string of one; anything else is ATTACH_ERROR, over the limit ATTACH_OVERSIZE. */
    static JsonNode attach(JsonNode given, int limit) {
        if (given == null || given.isNull() || given.isTextual() && given.asText().isBlank()) {
            return null;
        }
        JsonNode attach = Params.decodedJson(given).orElse(null);
        if (attach == null || !attach.isContainerNode() || attach.isEmpty()) {
            throw RestError.of("ATTACH_ERROR", "Incorrect attach params");
        }
        if (attach.toString().getBytes(StandardCharsets.UTF_8).length > limit) {
            throw RestError.of("ATTACH_OVERSIZE", "You have exceeded the maximum allowable size of attach");
        }
        return attach;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
