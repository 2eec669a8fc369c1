package dev.b24emu.emulator.internal.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last N REST calls a portal served, oldest first. Bounded so a long-running emulator stays flat in memory;
 * one journal per portal so a noisy neighbour never evicts another portal's entries.
 */
public final class RequestJournal implements Store<Void> {
    private final int capacity;
    /** the retained entries, oldest first */
    private final Deque<Entry> entries = new ArrayDeque<>();

    public RequestJournal(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /**
     * One served call: what was asked, by whom, how it was answered, and how long it took.
     *
     * @param app         the calling application's client_id, or null for a webhook
     * @param credential  a short fingerprint of the access token or webhook token, so a refreshed token shows as a
     *                    new value without the journal exposing the token itself
     * @param result      the "result" of a successful call, or null
     * @param warnings    what the request did that the contract rules out but the real server accepts
     * @param uptimeMillis when the request arrived, in milliseconds since the emulator started: monotonic, so
     *                    intervals between requests (a client's backoff) survive moves of the portal clock
     */
    public record Entry(long seq, String time, String portal, String method, String httpMethod, String auth,
                        String app, String credential, ObjectNode params, int status, String error,
                        JsonNode result, List<String> warnings, long latencyMicros, long uptimeMillis) {
        public Entry {
            warnings = List.copyOf(warnings);
        }
    }

    /** Who called, as the journal shows it. */
    public record Who(String portal, String auth, String app, String credential) {
    }

    public Entry record(String time, Who who, String method, String httpMethod, ObjectNode params, int status,
                        String error, JsonNode result, List<String> warnings, long latencyMicros, long uptimeMillis) {
        Entry entry = new Entry(JournalSequence.next(), time, who.portal(), method, httpMethod, who.auth(),
                who.app(), who.credential(), params, status, error, result, warnings, latencyMicros, uptimeMillis);
        if (capacity == 0) {
            return entry;
        }
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
        return entry;
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    @Override
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
