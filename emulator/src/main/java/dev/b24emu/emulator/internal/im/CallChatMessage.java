package dev.b24emu.emulator.internal.im;

import java.time.Instant;

/**
 * A system message a finished call left in the messenger (telephony.externalCall.finish with ADD_TO_CHAT): in the call
 * chat the user keeps for the number, or in a private dialog when the number is another employee's.
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
 */
public record CallChatMessage(long id, String dialogId, Long chatId, String chatTitle, String chatEntityId,
                              String entityData, long userId, long fromUserId, Long toUserId, String message,
                              String callId, Instant created) {
}
