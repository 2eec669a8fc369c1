package dev.b24emu.emulator;

/**
 * A notification the portal sent with im.notify.* (the emulator has no messenger: this is what the user would see).
 *
 * @param fromUserId 0 for a system notification
 * @param message    the text; an application's system notification begins with its name and "#BR#"
 * @param tag        the application's tag ("MP|", five hex digits of its client_id's MD5, "|", the TAG), or null
 */
public record SentNotification(long id, long toUserId, long fromUserId, boolean system, String message,
                               String messageOut, String tag) {
}
