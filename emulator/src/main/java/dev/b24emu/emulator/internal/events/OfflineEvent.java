package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A record of the offline queue: the latest state of one object for one event and handler.
 *
 * @param objectKey  what makes two events "the same object" (the event name and its CALL_ID)
 * @param processId  the batch that reserved it (event.offline.get with clear=0), or ""
 * @param userId     the user the record was written for (Sender's LOCAL_USER: the handler's user, or the one who
 *                   caused the event), 0 for none; event.offline.get shows it as EVENT_ADDITIONAL.user_id (D150);
 *                   null in a state file written before it was kept
 */
public record OfflineEvent(long id, long handlerId, String appKey, String authConnector, String objectKey,
                           String eventName, ObjectNode data, String timestamp, String messageId, String processId,
                           boolean error, Long userId) {
    OfflineEvent reserve(String process) {
        return new OfflineEvent(id, handlerId, appKey, authConnector, objectKey, eventName, data, timestamp, messageId,
                process, error, userId);
    }

    /** Marked failed by event.offline.error: released from its batch, so clearing the batch keeps it. */
    OfflineEvent failed() {
        return new OfflineEvent(id, handlerId, appKey, authConnector, objectKey, eventName, data, timestamp, messageId,
                "", true, userId);
    }
}
