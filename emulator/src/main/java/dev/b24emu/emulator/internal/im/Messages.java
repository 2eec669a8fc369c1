package dev.b24emu.emulator.internal.im;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * im.message.add, .update and .delete as CIMRestService::messageAdd, ::messageUpdate and ::messageDelete run them
 * (specs/DECISIONS.md D172): a message to a user goes to the private dialog between the caller and that user (the
 * caller's own ID: their notes), one to chatN to a chat the emulator keeps (a call chat, whose only member is its user);
 * the refusals in the order the code checks them, with its hard-coded English texts. No event is sent: the messenger
 * tells ordinary applications of nothing.
 */
public final class Messages {
    /** ATTACH's JSON must be shorter than this (the Russian page: 60 000 characters) */
    static final int MAX_ATTACH = 60_000;
    /** CIMMessenger::MESSAGE_LIMIT: longer texts are cut by the messenger */
    static final int MESSAGE_LIMIT = 20_000;
    private static final Pattern CHAT = Pattern.compile("^(chat|sg|crm)([0-9]+)$", Pattern.CASE_INSENSITIVE);

    private Messages() {
    }

    /** A text as CIMMessenger::Add keeps it: past {@link #MESSAGE_LIMIT} cut there, " (...)" after it. */
    static String cut(String text) {
        return text.length() > MESSAGE_LIMIT + 6 ? text.substring(0, MESSAGE_LIMIT) + " (...)" : text;
    }

    /**
     * What a message was sent with.
     *
     * @param dialogId DIALOG_ID as given (a user's ID, chatN, sgN, crmN), or null
     * @param message  MESSAGE as given (not necessarily a string), or null
     * @param attach   ATTACH as given, or null
     */
    public record Request(JsonNode dialogId, JsonNode message, boolean system, JsonNode attach) {
    }

    /** Sends the message; its ID. */
    public static long add(Caller caller, Request request, Consumer<String> warnings) {
        if (request.message() != null && !request.message().isNull() && !request.message().isTextual()) {
            throw RestError.of("MESSAGE_EMPTY", "Wrong message type");
        }
        String text = request.message() == null || request.message().isNull() ? null : request.message().asText().trim();
        boolean hasAttach = request.attach() != null && !request.attach().isNull()
                && !(request.attach().isTextual() && request.attach().asText().isEmpty());
        if ((text == null || text.isEmpty()) && !hasAttach) {
            throw RestError.of("MESSAGE_EMPTY", "Message can't be empty");
        }
        Portal portal = caller.portal();
        String dialog = request.dialogId() == null || request.dialogId().isNull() ? null
                : request.dialogId().asText().trim();
        if (dialog == null || dialog.isEmpty()) {
            throw RestError.of("PARAMS_ERROR", "Incorrect params");
        }
        Matcher chat = CHAT.matcher(dialog);
        Long chatId = null;
        long toUser = 0;
        if (chat.matches()) {
            // a group's (sgN) or a CRM object's (crmN) chat is looked up by it: the emulator keeps none, so no chat
            long id = chat.group(1).toLowerCase(Locale.ROOT).equals("chat") ? parse(chat.group(2)) : 0;
            if (id <= 0) {
                throw RestError.of("CHAT_ID_EMPTY", "Chat ID can't be empty");
            }
            chatId = id;
        } else {
            toUser = parse(dialog.replaceFirst("^([0-9]*).*$", "$1")); // intval
            if (toUser <= 0) {
                throw RestError.of("USER_ID_EMPTY", "User ID can't be empty");
            }
            if (portal.store(UserStore.class).get(toUser).isEmpty()) {
                throw RestError.of("USER_NOT_FOUND", "User not found");
            }
        }
        JsonNode attach = hasAttach ? Notifications.attach(request.attach(), MAX_ATTACH) : null;
        CallChatStore store = portal.store(CallChatStore.class);
        if (chatId != null) {
            long id = chatId;
            long owner = store.ownerOfChat(id).orElseThrow(() -> RestError.of("CHAT_ID", "Error creating a message"));
            if (owner != caller.userId()) {
                throw RestError.of("CANCELED", "You cannot send messages to the specified chat.");
            }
        }
        String body = text == null ? "" : text;
        String kept = cut(body);
        if (kept.length() != body.length()) {
            warnings.accept("im.message.add: MESSAGE has " + body.length() + " characters, over the messenger's "
                    + MESSAGE_LIMIT + " (CIMMessenger::MESSAGE_LIMIT): cut there, as the messenger cuts it");
            body = kept;
        }
        // an application's system message in a chat begins with its name in bold
        if (request.system() && chatId != null && caller.clientId() != null) {
            String prefix = portal.store(AppStore.class).byClientId(caller.clientId())
                    .map(app -> app.name() == null || app.name().isBlank() ? app.clientId() : app.name())
                    .map(name -> "[b]" + name + "[/b]\n").orElse("");
            body = prefix + body;
        }
        String sent = body;
        Long inChat = chatId;
        long recipient = toUser;
        return portal.exclusive(() -> {
            long id = store.nextMessageId();
            // a call chat's title and entity, as its messages carry them
            Optional<CallChatMessage> ofChat = inChat == null ? Optional.empty() : store.all().stream()
                    .filter(m -> inChat.equals(m.chatId())).reduce((first, last) -> last);
            CallChatMessage message = inChat != null
                    ? new CallChatMessage(id, "chat" + inChat, inChat, ofChat.map(CallChatMessage::chatTitle).orElse(null),
                    ofChat.map(CallChatMessage::chatEntityId).orElse(null),
                    ofChat.map(CallChatMessage::entityData).orElse(null), store.ownerOfChat(inChat).orElse(0L),
                    caller.userId(), null, sent, null, portal.now(), request.system(), attach)
                    : new CallChatMessage(id, Long.toString(recipient), null, null, null, null, caller.userId(),
                    caller.userId(), recipient, sent, null, portal.now(), request.system(), attach);
            store.add(message);
            return id;
        });
    }

    /**
     * im.message.update: the caller's own message that is no system message; an empty MESSAGE deletes it. ATTACH
     * "N" (or empty) removes the attachment; none given keeps it.
     */
    public static void update(Caller caller, long id, Optional<String> message, JsonNode attach) {
        CallChatMessage current = editable(caller, id);
        CallChatStore store = caller.portal().store(CallChatStore.class);
        String text = message.map(String::trim).orElse(current.message());
        if (text.isEmpty()) {
            store.remove(id);
            return;
        }
        JsonNode kept = attach == null || attach.isNull() ? current.attach()
                : attach.isTextual() && (attach.asText().isEmpty() || attach.asText().equals("N")) ? null
                : Notifications.attach(attach, MAX_ATTACH);
        caller.portal().exclusive(() -> {
            store.replace(current.edited(text, kept));
            return null;
        });
    }

    /** im.message.delete: the caller's own message that is no system message. */
    public static void delete(Caller caller, long id) {
        editable(caller, id);
        caller.portal().store(CallChatStore.class).remove(id);
    }

    /** MESSAGE_ID_ERROR for no ID; CANT_EDIT_MESSAGE (403) for a message not there, another's or a system one. */
    private static CallChatMessage editable(Caller caller, long id) {
        if (id <= 0) {
            throw RestError.of("MESSAGE_ID_ERROR", "Message ID can't be empty");
        }
        return caller.portal().store(CallChatStore.class).message(id)
                .filter(m -> m.fromUserId() == caller.userId() && !m.system() && m.callId() == null)
                .orElseThrow(() -> new RestError(403, "CANT_EDIT_MESSAGE",
                        "Time has expired for modification or you don't have access"));
    }

    private static long parse(String digits) {
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return 0;
        }
    }
}
