package dev.b24emu.emulator.internal.im;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A notification sent with im.notify.* (CIMNotify's fields).
 *
 * @param fromUserId 0 for a system notification
 * @param message    NOTIFY_MESSAGE: a system notification from an application begins with its name and "#BR#"
 * @param tag        NOTIFY_TAG: "MP|", the application's key and the TAG given, or null
 * @param attach     the ATTACH given, as JSON, or null
 */
public record Notification(long id, long toUserId, long fromUserId, boolean system, String message, String messageOut,
                           String tag, String subTag, JsonNode attach, Instant created) {
}
