package dev.b24emu.emulator;

/**
 * A message in the messenger: one a finished call left (telephony.externalCall.finish with ADD_TO_CHAT), what the
 * user would see in their chat for the number (specs/DECISIONS.md D144), or one a client sent (im.message.add, D172).
 *
 * @param dialogId   "chat" and the call chat's ID, or the ID of the colleague whose own number was called
 * @param userId     the user whose chat it is (the call's PORTAL_USER_ID)
 * @param fromUserId the caller for an outgoing call, 0 (the system) otherwise in a call chat
 * @param chatTitle  the chat's title (the name of the call's contact, company or lead, else the number), or null in
 *                   a private dialog
 * @param message    the text, with the messenger's BB codes ([CALL=…], [PCH=statistics ID]…[/PCH])
 * @param callId     the call that left it, or null for a client's message
 */
public record SentChatMessage(long id, String dialogId, long userId, long fromUserId, String chatTitle, String message,
                              String callId) {
}
