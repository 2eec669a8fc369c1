package dev.b24emu.emulator.internal.im;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A message in the messenger: one a finished call left (telephony.externalCall.finish with ADD_TO_CHAT), in the call
 * chat the user keeps for the number or in a private dialog when the number is another employee's; or one a client
 * sent (im.message.add, D172), in a private dialog or a call chat.
 *
 * @param dialogId     the messenger's dialog: "chat" and the chat's ID, or the other employee's ID
 * @param chatId       the call chat's ID, or null for a private dialog
 * @param chatTitle    the chat's title: the name of the call's contact, company or lead, else the number as the
 *                     messenger shows it; null for a private dialog
 * @param chatEntityId the chat's ENTITY_ID: the number as voximplant normalises it; null for a private dialog
 * @param entityData   the chat's ENTITY_DATA_1, "Y|CONTACT|5": CRM, type and ID of the call's CRM object; or null
 * @param userId       the user whose chat it is (the call's PORTAL_USER_ID)
 * @param fromUserId   the user the message is from: the caller of an outgoing call, 0 (system) otherwise in a chat
 * @param toUserId     the recipient in a private dialog, or null in a chat
 * @param callId       the call that left it, or null for a client's message
 * @param system       whether it shows as a system message (a call's always; a client's with SYSTEM=Y)
 * @param attach       its ATTACH, or null
 */
public record CallChatMessage(long id, String dialogId, Long chatId, String chatTitle, String chatEntityId,
                              String entityData, long userId, long fromUserId, Long toUserId, String message,
                              String callId, Instant created, boolean system, JsonNode attach) {
    /** A call's system message, without an attachment. */
    public CallChatMessage(long id, String dialogId, Long chatId, String chatTitle, String chatEntityId,
                           String entityData, long userId, long fromUserId, Long toUserId, String message,
                           String callId, Instant created) {
        this(id, dialogId, chatId, chatTitle, chatEntityId, entityData, userId, fromUserId, toUserId, message, callId,
                created, true, null);
    }

    /** The same message with another text and attachment (im.message.update). */
    CallChatMessage edited(String text, JsonNode newAttach) {
        return new CallChatMessage(id, dialogId, chatId, chatTitle, chatEntityId, entityData, userId, fromUserId,
                toUserId, text, callId, created, system, newAttach);
    }
}
