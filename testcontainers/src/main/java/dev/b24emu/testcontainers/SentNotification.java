package dev.b24emu.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A notification the portal sent with im.notify.* (the embedded API's record of the same name).
 *
 * @param fromUserId 0 for a system notification
 * @param message    the text; an application's system notification begins with its name and "#BR#"
 * @param tag        the application's tag ("MP|", five hex digits of its client_id's MD5, "|", the TAG), or null
 */
public record SentNotification(long id, long toUserId, long fromUserId, boolean system, String message,
                               String messageOut, String tag) {
    static SentNotification of(JsonNode n) {
        return new SentNotification(n.path("ID").asLong(), n.path("TO_USER_ID").asLong(), n.path("FROM_USER_ID").asLong(),
                "SYSTEM".equals(n.path("TYPE").asText()), n.path("NOTIFY_MESSAGE").asText(),
                n.path("NOTIFY_MESSAGE_OUT").asText(), RecordedRequest.text(n.path("NOTIFY_TAG")));
    }
}
