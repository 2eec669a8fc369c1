package dev.b24emu.emulator.internal.rest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One request to the portal (a batch with all its commands is one): the events its changes send, each to a handler
 * once, as the server's event sender queues a delivery only if the hit has not queued the same one (Sender::call,
 * Buffer::addEvent). A batch that updates a contact twice sends its handlers one ONCRMCONTACTUPDATE.
 */
public final class Hit {
    /** the deliveries queued so far: handler, event, user and data */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    /** Whether this delivery is the hit's first of its kind (and so goes out). */
    public boolean first(String delivery) {
        return queued.add(delivery);
    }
}
