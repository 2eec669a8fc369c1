package dev.b24emu.emulator.internal.journal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.List;

/**
 * The last N REST calls a portal served, oldest first. Bounded in entries and in bytes (each entry's parameters and
 * result are kept as one {@link BoundedJson} text, and the oldest entries go when the whole passes {@link #MAX_BYTES}),
 * so a long-running emulator stays flat in memory whatever its clients send; one journal per portal so a noisy
 * neighbour never evicts another portal's entries.
 */
public final class RequestJournal implements Store<Void> {
    /** How much of a method's name an entry keeps: every documented name is shorter. */
    static final int METHOD_CHARS = 200;
    /** How much of an error's description an entry keeps: the server's own are a sentence or two. */
    static final int DESCRIPTION_CHARS = 500;
    /** What one portal's journal may weigh: about 16 MiB, a full journal of ordinary calls being far less. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    /** the retained entries, oldest first, weighed by their kept text */
    private final WeighedLog<Entry> entries;

    public RequestJournal(int capacity) {
        this(capacity, MAX_BYTES);
    }

    public RequestJournal(int capacity, long maxBytes) {
        this.entries = new WeighedLog<>(capacity, maxBytes);
    }

    /**
     * One served call: what was asked, by whom, how it was answered, and how long it took. The parameters and result
     * are kept as one bounded JSON text ({@link BoundedJson}) and read back as trees when asked for.
     *
     * @param app         the calling application's client_id, or null for a webhook
     * @param credential  a short fingerprint of the access token or webhook token, so a refreshed token shows as a
     *                    new value without the journal exposing the token itself
     * @param keptJson    the parameters and the "result" of a successful call as bounded JSON text;
     *                    {@link #params()} and {@link #result()} read them
     * @param errorDescription the answer's error_description (its first 500 characters), null for a success
     * @param warnings    what the request did that the contract rules out but the real server accepts
     * @param notices     what the emulator answered otherwise than a real portal, the request not at fault (D197)
     * @param uptimeMillis when the request arrived, in milliseconds since the emulator started: monotonic, so
     *                    intervals between requests (a client's backoff) survive moves of the portal clock
     */
    @JsonPropertyOrder({"seq", "time", "portal", "method", "httpMethod", "auth", "app", "credential", "params",
            "status", "error", "errorDescription", "result", "warnings", "notices", "latencyMicros", "uptimeMillis"})
    public record Entry(long seq, String time, String portal, String method, String httpMethod, String auth,
                        String app, String credential, @JsonIgnore String keptJson, int status,
                        String error, String errorDescription, List<String> warnings, List<String> notices,
                        long latencyMicros, long uptimeMillis) {
        public Entry {
            warnings = List.copyOf(warnings);
            notices = List.copyOf(notices);
        }

        /** The parameters as the journal kept them: long strings cut, secrets hidden. */
        @JsonProperty("params")
        public ObjectNode params() {
            return (ObjectNode) BoundedJson.params(keptJson);
        }

        /** The result as the journal kept it, or null for a failed call. */
        @JsonProperty("result")
        public JsonNode result() {
            return BoundedJson.result(keptJson);
        }
    }

    /** Who called, as the journal shows it. */
    public record Who(String portal, String auth, String app, String credential) {
    }

    /**
     * Journals a call. Its method is kept to {@link #METHOD_CHARS} characters: it is the path's text as a client wrote
     * it, up to a request line's 1 MiB for a call no portal answers (D184). The warnings are weighed with the rest.
     */
    public Entry record(String time, Who who, String method, String httpMethod, ObjectNode params, int status,
                        String error, String errorDescription, JsonNode result, List<String> warnings,
                        List<String> notices, long latencyMicros, long uptimeMillis) {
        BoundedJson.Text kept = BoundedJson.of(params, result);
        String name = method.length() > METHOD_CHARS ? method.substring(0, METHOD_CHARS) + "…" : method;
        // the description as the answer gave it, to a bound: ERROR_CORE alone said nothing of which mistake it was
        String description = errorDescription == null || errorDescription.length() <= DESCRIPTION_CHARS
                ? errorDescription : errorDescription.substring(0, DESCRIPTION_CHARS) + "…";
        long weight = 256L + kept.weight() + 2L * name.length()
                + (description == null ? 0 : 2L * description.length());
        for (String warning : warnings) {
            weight += 2L * warning.length();
        }
        for (String notice : notices) {
            weight += 2L * notice.length();
        }
        return entries.addNumbered(seq -> new Entry(seq, time, who.portal(), name, httpMethod, who.auth(), who.app(),
                who.credential(), kept.json(), status, error, description, warnings, notices, latencyMicros, uptimeMillis),
                weight);
    }

    /** The sequence number of the newest entry, 0 when there is none (what a live view polls cheaply). */
    public long lastSeq() {
        Entry last = entries.newest();
        return last == null ? 0 : last.seq();
    }

    public List<Entry> entries() {
        return entries.items();
    }

    @Override
    public void clear() {
        entries.clear();
    }
}
