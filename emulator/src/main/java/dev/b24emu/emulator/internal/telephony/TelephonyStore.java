package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The telephony state of one portal: open calls, the call statistics and the external lines. */
public final class TelephonyStore implements Store<TelephonyStore.Snapshot> {
    /** The application key under which webhook calls and lines are kept (webhooks have no application). */
    public static final String WEBHOOK_APP = "";

    /** maps CALL_ID to the registered, not yet finished call */
    private final Map<String, Call> active = new ConcurrentHashMap<>();
    /**
     * the CALL_IDs of the calls opened, oldest first, with those since finished or dropped among them until they reach
     * the head or the next compaction (guarded by this): past {@link #openCapacity}, a new call drops the oldest open
     * one, so an integration that never finishes its calls cannot fill the heap (D117). A queue with stale entries,
     * not a linked set: removing a call from the middle of a linked set touched its neighbours, scattered over a
     * large heap, and its node was an object per open call to copy at every young collection (the store's upkeep
     * was a tenth of a register's time under wrk). A CALL_ID is never opened twice, so a stale entry never stands
     * for a call opened again.
     */
    private final java.util.ArrayDeque<String> openOrder = new java.util.ArrayDeque<>();
    /** how many stale entries the queue may hold beyond twice the open calls before it is compacted */
    private static final int STALE_SLACK = 1024;
    /**
     * maps a phone number to the CALL_ID of the open call with it, or to a String[] of them when several are open:
     * the reuse rule's index (the rest of a reuse key is compared on the few calls found). Keyed by the call's own
     * number string and holding the CALL_ID itself, it adds one map node per open call: a reuse key and a list per
     * call were two more objects for every young collection to copy until the call was promoted, and two more
     * scattered reads when the bound drops the call.
     */
    private final Map<String, Object> activeByNumber = new ConcurrentHashMap<>();
    /**
     * the finished calls, oldest first (row IDs ascending), trimmed to {@link #finishedCapacity} (guarded by this).
     * A queue, not a sorted map: rows only ever join at the end and leave at the head, and a skip list's insert
     * walked cold index nodes on every finish (a sixth of the store's time in the register -> finish mix), with a
     * boxed key per row
     */
    private final java.util.ArrayDeque<FinishedCall> finished = new java.util.ArrayDeque<>();
    /** maps CALL_ID to its finished call (its statistics row) */
    private final Map<String, FinishedCall> finishedByCallId = new ConcurrentHashMap<>();
    /** maps application key to that application's lines by number */
    private final Map<String, Map<String, ExternalLine>> lines = new ConcurrentHashMap<>();
    /** maps CALL_ID to its attached recording */
    private final Map<String, CallRecord> records = new ConcurrentHashMap<>();
    /**
     * maps an upload token (from attachRecord's uploadUrl) to the CALL_ID and file name waiting for content, oldest
     * first; bounded like the finished calls (an upload that never comes would otherwise be kept for ever)
     */
    private final Map<String, CallRecord> pendingUploads;
    /**
     * maps a record's file ID to its content (FILE_CONTENT or the upload), newest last, what they weigh together
     * kept within {@link #RECORD_CONTENT_BYTES} by dropping the oldest (guarded by this). Not in state files: a
     * record restored, or one whose content went at the bound, answers its download as a file without content.
     */
    private final LinkedHashMap<Long, byte[]> recordContents = new LinkedHashMap<>();
    private long recordContentBytes;
    /**
     * what the kept record contents of one portal may weigh: a quarter of an hour of mp3 for a test's calls. Many
     * portals' contents together are what the heap guard's deletion of the least recently used portals bounds (D123).
     */
    public static final long RECORD_CONTENT_BYTES = 16L << 20;
    /** maps transcript ID to the transcript */
    private final Map<Long, Transcript> transcripts = new ConcurrentHashMap<>();
    /** maps CALL_ID to its latest transcript's ID (the statistics show it) */
    private final Map<String, Long> transcriptByCall = new ConcurrentHashMap<>();
    /** maps CALL_ID to the IDs of its earlier transcripts, which go with the call's row (guarded by this) */
    private final Map<String, List<Long>> earlierTranscripts = new java.util.HashMap<>();
    /**
     * what the texts a client gave the kept calls weigh, in bytes at two a character: numbers, IDs, reasons, file
     * names, URLs, transcripts (guarded by this). Counts bound how many calls are kept, this bounds how big they are
     * (D122): 40 calls registered with a 6 MB phone number each filled the launcher's heap.
     */
    private long textBytes;
    private final long maxTextBytes;
    private final AtomicLong lastFileId = new AtomicLong();
    private final AtomicLong lastTranscriptId = new AtomicLong();
    private final AtomicLong lastFinishedId = new AtomicLong();
    private final AtomicLong lastLineId = new AtomicLong();
    private final int finishedCapacity;
    private final int openCapacity;
    private final AtomicLong dropped = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean dropsReported = new java.util.concurrent.atomic.AtomicBoolean();

    public TelephonyStore(int finishedCapacity, int openCapacity, long maxTextBytes) {
        this.finishedCapacity = Math.max(1, finishedCapacity);
        this.openCapacity = Math.max(1, openCapacity);
        this.maxTextBytes = maxTextBytes;
        this.pendingUploads = Collections.synchronizedMap(new LinkedHashMap<>());
    }

    /** How many open calls went at the bound since the portal started (or was reset). */
    public long droppedOpenCalls() {
        return dropped.get();
    }

    /** True once, to the first caller after the bound first dropped a call: the warning is said once per portal. */
    public boolean firstDropReport() {
        return dropped.get() > 0 && dropsReported.compareAndSet(false, true);
    }

    public Optional<Call> active(String callId) {
        return Optional.ofNullable(active.get(callId));
    }

    public Collection<Call> activeCalls() {
        return List.copyOf(active.values());
    }

    /** Open calls with the same reuse key whose start lies inside the window (strictly after its start, as the real '>'). */
    List<Call> reusable(Call.ReuseKey key, Instant windowStart) {
        List<Call> found = new ArrayList<>();
        Object ids = activeByNumber.get(key.phoneNumber());
        if (ids instanceof String callId) {
            addReusable(found, callId, key, windowStart);
        } else if (ids != null) {
            for (String callId : (String[]) ids) {
                addReusable(found, callId, key, windowStart);
            }
        }
        found.sort(Comparator.comparing(Call::startDate).reversed());
        return found;
    }

    private void addReusable(List<Call> found, String callId, Call.ReuseKey key, Instant windowStart) {
        Call call = active.get(callId);
        if (call != null && key.matches(call) && call.startDate().isAfter(windowStart)) {
            found.add(call);
        }
    }

    /**
     * Keeps a call, new or changed. A new one past the portal's bound of open calls drops the oldest open calls, which
     * are returned (their cards go with them); a changed one drops nothing.
     */
    public synchronized List<Call> put(Call call) {
        Call before = active.put(call.callId(), call);
        textBytes += TextWeight.of(call) - (before == null ? 0 : TextWeight.of(before));
        if (before != null) {
            return List.of(); // a changed call keeps its place and its reuse key
        }
        activeByNumber.merge(call.phoneNumber(), call.callId(), TelephonyStore::appended);
        openOrder.addLast(call.callId());
        if (active.size() <= openCapacity && textBytes <= maxTextBytes) {
            return List.of();
        }
        // past the count one call goes, as one call at a time is added: the oldest still open (every open call is
        // queued); past the weight the finished calls go first, then as many of the oldest open ones as it takes
        trimFinished(false);
        Call first = null;
        List<Call> more = null; // a list only when the weight drops several: the count drops one per call under load
        while ((active.size() > openCapacity || textBytes > maxTextBytes) && active.size() > 1) {
            Call oldest = active.get(openOrder.pollFirst());
            while (oldest == null) {
                oldest = active.get(openOrder.pollFirst());
            }
            remove(oldest);
            dropped.incrementAndGet();
            if (first == null) {
                first = oldest;
            } else {
                if (more == null) {
                    more = new ArrayList<>();
                    more.add(first);
                }
                more.add(oldest);
            }
        }
        return more != null ? more : first == null ? List.of() : List.of(first);
    }

    private void remove(Call call) {
        active.remove(call.callId());
        textBytes -= TextWeight.of(call);
        activeByNumber.computeIfPresent(call.phoneNumber(), (number, ids) -> without(ids, call.callId()));
        if (openOrder.size() > 2 * active.size() + STALE_SLACK) {
            // calls finished while far fewer are open than the bound: their entries go, at most once per
            // STALE_SLACK removals
            openOrder.removeIf(callId -> !active.containsKey(callId));
        }
    }

    /** The queue's length, stale entries included (for tests of its bound). */
    synchronized int openOrderLength() {
        return openOrder.size();
    }

    // the CALL_IDs of one number: nearly always one, read unlocked, so an array is copied on the rare change
    private static Object appended(Object known, Object callId) {
        String[] ids = known instanceof String one ? new String[]{one} : (String[]) known;
        String[] more = java.util.Arrays.copyOf(ids, ids.length + 1);
        more[ids.length] = (String) callId;
        return more;
    }

    private static Object without(Object known, String callId) {
        if (known instanceof String one) {
            return one.equals(callId) ? null : one;
        }
        List<String> others = new ArrayList<>(List.of((String[]) known));
        others.remove(callId);
        return others.size() == 1 ? others.get(0) : others.toArray(String[]::new);
    }

    synchronized FinishedCall finish(Call call, FinishedCallDraft draft) {
        remove(call);
        FinishedCall row = draft.toRow(lastFinishedId.incrementAndGet(), call);
        keepFinished(row);
        trimFinished();
        return row;
    }

    private void keepFinished(FinishedCall row) {
        finished.addLast(row);
        FinishedCall before = finishedByCallId.put(row.call().callId(), row);
        textBytes += TextWeight.of(row) - (before == null ? 0 : TextWeight.of(before));
    }

    private void trimFinished() {
        trimFinished(true);
    }

    /**
     * Drops the oldest finished calls past the count, and past the weight (all of them, or all but the newest when
     * what was just kept is it or belongs to it; then the oldest uploads still awaited), each with its recording and
     * transcripts: they were the last state a long call load still grew.
     */
    private void trimFinished(boolean keepNewest) {
        int least = keepNewest ? 1 : 0;
        while (finished.size() > finishedCapacity || (textBytes > maxTextBytes && finished.size() > least)) {
            FinishedCall oldest = finished.pollFirst();
            String callId = oldest.call().callId();
            if (finishedByCallId.remove(callId, oldest)) {
                textBytes -= TextWeight.of(oldest);
                forgetRecordings(callId);
            }
        }
        while (textBytes > maxTextBytes && !pendingUploads.isEmpty()) {
            dropPendingUpload(pendingUploads.keySet().iterator().next());
        }
    }

    private void forgetRecordings(String callId) {
        CallRecord record = records.remove(callId);
        textBytes -= record == null ? 0 : TextWeight.of(record);
        if (record != null) {
            forgetContent(record.fileId());
        }
        Long transcript = transcriptByCall.remove(callId);
        if (transcript != null) {
            forgetTranscript(transcript);
        }
        List<Long> earlier = earlierTranscripts.remove(callId);
        if (earlier != null) {
            earlier.forEach(this::forgetTranscript);
        }
    }

    private void forgetTranscript(long id) {
        Transcript gone = transcripts.remove(id);
        textBytes -= gone == null ? 0 : TextWeight.of(gone);
    }

    private void dropPendingUpload(String token) {
        CallRecord gone = pendingUploads.remove(token);
        textBytes -= gone == null ? 0 : TextWeight.of(gone);
    }

    public Optional<FinishedCall> finished(String callId) {
        return Optional.ofNullable(finishedByCallId.get(callId));
    }

    /** The finished calls kept, oldest first: a copy (read rarely: by the control API and a statistics rebuild). */
    public synchronized List<FinishedCall> finishedCalls() {
        return List.copyOf(finished);
    }

    public Optional<ExternalLine> line(String appKey, String number) {
        return Optional.ofNullable(lines.getOrDefault(appKey, Map.of()).get(number));
    }

    public List<ExternalLine> lines(String appKey) {
        List<ExternalLine> result = new ArrayList<>(lines.getOrDefault(appKey, Map.of()).values());
        result.sort(Comparator.comparingLong(ExternalLine::id));
        return result;
    }

    public synchronized ExternalLine addLine(String appKey, String number, String name, boolean crmAutoCreate) {
        ExternalLine line = new ExternalLine(lastLineId.incrementAndGet(), appKey, number, name, crmAutoCreate);
        lines.computeIfAbsent(appKey, k -> new ConcurrentHashMap<>()).put(number, line);
        return line;
    }

    public synchronized CallRecord attachRecord(String callId, String fileName, String source, String url, long size,
                                                Instant at) {
        CallRecord record = new CallRecord(lastFileId.incrementAndGet(), callId, fileName, source, url, size, at);
        CallRecord before = records.put(callId, record);
        textBytes += TextWeight.of(record) - (before == null ? 0 : TextWeight.of(before));
        if (before != null) {
            forgetContent(before.fileId()); // a record attached again replaces the file, as the server deletes it
        }
        trimFinished();
        return record;
    }

    /** Keeps a record's content for its download; the oldest contents go past {@link #RECORD_CONTENT_BYTES}. */
    public synchronized void keepContent(long fileId, byte[] content) {
        if (recordFile(fileId).isEmpty() || content.length > RECORD_CONTENT_BYTES) {
            return;
        }
        forgetContent(fileId);
        recordContents.put(fileId, content);
        recordContentBytes += content.length;
        while (recordContentBytes > RECORD_CONTENT_BYTES) {
            forgetContent(recordContents.keySet().iterator().next());
        }
    }

    /** A record's content, while it is kept. */
    public synchronized Optional<byte[]> content(long fileId) {
        return Optional.ofNullable(recordContents.get(fileId));
    }

    /** The record whose file has this ID (the Disk file a statistic's RECORD_FILE_ID and an activity's FILES name). */
    public Optional<CallRecord> recordFile(long fileId) {
        return records.values().stream().filter(r -> r.fileId() == fileId).findFirst();
    }

    private void forgetContent(long fileId) {
        byte[] gone = recordContents.remove(fileId);
        recordContentBytes -= gone == null ? 0 : gone.length;
    }

    /** Notes an upload attachRecord announced; the oldest awaited go past as many as the finished calls kept. */
    public synchronized void awaitUpload(String uploadToken, String callId, String fileName) {
        CallRecord pending = new CallRecord(0, callId, fileName, "upload", null, 0, null);
        CallRecord before = pendingUploads.put(uploadToken, pending);
        textBytes += TextWeight.of(pending) - (before == null ? 0 : TextWeight.of(before));
        while (pendingUploads.size() > finishedCapacity) {
            dropPendingUpload(pendingUploads.keySet().iterator().next());
        }
        trimFinished();
    }

    /** The upload attachRecord announced under this token, while it waits for its file. */
    public Optional<CallRecord> pendingUpload(String uploadToken) {
        return Optional.ofNullable(pendingUploads.get(uploadToken));
    }

    /** Completes an upload announced by attachRecord; empty when the token is unknown or already used. */
    public synchronized Optional<CallRecord> completeUpload(String uploadToken, String fileName, long size, Instant at) {
        CallRecord pending = pendingUploads.remove(uploadToken);
        if (pending == null) {
            return Optional.empty();
        }
        textBytes -= TextWeight.of(pending);
        return Optional.of(attachRecord(pending.callId(), fileName, "upload", null, size, at));
    }

    public Collection<CallRecord> records() {
        return List.copyOf(records.values());
    }

    /** The recording attached to a finished call. */
    public Optional<CallRecord> record(String callId) {
        return Optional.ofNullable(records.get(callId));
    }

    /** The ID of the latest transcript attached to a call. */
    public Optional<Long> transcriptOf(String callId) {
        return Optional.ofNullable(transcriptByCall.get(callId));
    }

    /**
     * The next ID of the call statistics. Calls through the portal's own telephony (the voximplant area) take their
     * statistics IDs from here too: the real portal keeps every call in one table, so IDs never collide.
     */
    public long nextStatisticId() {
        return lastFinishedId.incrementAndGet();
    }

    public synchronized Transcript addTranscript(String callId, com.fasterxml.jackson.databind.node.ArrayNode messages,
                                                 Double cost, String currency) {
        Transcript transcript = new Transcript(lastTranscriptId.incrementAndGet(), callId, messages, cost, currency);
        transcripts.put(transcript.id(), transcript);
        textBytes += TextWeight.of(transcript);
        Long earlier = transcriptByCall.put(callId, transcript.id());
        if (earlier != null) {
            earlierTranscripts.computeIfAbsent(callId, id -> new ArrayList<>(1)).add(earlier);
        }
        trimFinished();
        return transcript;
    }

    public Collection<Transcript> transcripts() {
        return List.copyOf(transcripts.values());
    }

    public synchronized boolean updateLine(ExternalLine line) {
        Map<String, ExternalLine> appLines = lines.get(line.appKey());
        return appLines != null && appLines.replace(line.number(), line) != null;
    }

    public synchronized boolean deleteLine(String appKey, String number) {
        Map<String, ExternalLine> appLines = lines.get(appKey);
        return appLines != null && appLines.remove(number) != null;
    }

    /** Every line of every application, by ID: click-to-call finds the owner of a line this way. */
    public List<ExternalLine> allLines() {
        List<ExternalLine> all = new ArrayList<>();
        lines.values().forEach(appLines -> all.addAll(appLines.values()));
        all.sort(Comparator.comparingLong(ExternalLine::id));
        return all;
    }

    /** Everything the store holds, for state files. */
    public record Snapshot(List<Call> active, List<FinishedCall> finished, List<ExternalLine> lines,
                           List<CallRecord> records, List<Transcript> transcripts, long lastFinishedId,
                           long lastLineId, long lastFileId, long lastTranscriptId) {
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.active() == null || snapshot.finished() == null || snapshot.lines() == null
                || snapshot.records() == null || snapshot.transcripts() == null) {
            throw new StateException("/telephony: active, finished, lines, records and transcripts are required");
        }
        for (int i = 0; i < snapshot.active().size(); i++) {
            Call call = snapshot.active().get(i);
            if (call == null || call.callId() == null || call.appKey() == null || call.startDate() == null
                    || call.phoneNumber() == null) {
                throw new StateException("/telephony/active/" + i + ": a call needs callId, appKey, phoneNumber and startDate");
            }
        }
        for (int i = 0; i < snapshot.finished().size(); i++) {
            FinishedCall row = snapshot.finished().get(i);
            if (row == null || row.call() == null || row.call().callId() == null || row.call().startDate() == null) {
                throw new StateException("/telephony/finished/" + i + ": a row needs its call");
            }
        }
        for (int i = 0; i < snapshot.lines().size(); i++) {
            ExternalLine line = snapshot.lines().get(i);
            if (line == null || line.appKey() == null || line.number() == null) {
                throw new StateException("/telephony/lines/" + i + ": a line needs appKey and number");
            }
        }
    }

    @Override
    public synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(active.values()), List.copyOf(finished), allLines(),
                List.copyOf(records.values()), List.copyOf(transcripts.values()), lastFinishedId.get(),
                lastLineId.get(), lastFileId.get(), lastTranscriptId.get());
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        clear();
        // oldest first, so the bound (a state file may hold more than it) keeps the newest
        snapshot.active().stream().sorted(Comparator.comparing(Call::startDate)).forEach(this::put);
        snapshot.finished().stream().sorted(Comparator.comparingLong(FinishedCall::id)).forEach(this::keepFinished);
        snapshot.lines().forEach(line -> lines.computeIfAbsent(line.appKey(), k -> new ConcurrentHashMap<>())
                .put(line.number(), line));
        snapshot.records().forEach(record -> {
            records.put(record.callId(), record);
            textBytes += TextWeight.of(record);
        });
        snapshot.transcripts().stream().sorted(Comparator.comparingLong(Transcript::id)).forEach(t -> {
            transcripts.put(t.id(), t);
            textBytes += TextWeight.of(t);
            Long earlier = transcriptByCall.put(t.callId(), t.id());
            if (earlier != null) {
                earlierTranscripts.computeIfAbsent(t.callId(), id -> new ArrayList<>(1)).add(earlier);
            }
        });
        lastFinishedId.set(snapshot.lastFinishedId());
        lastLineId.set(snapshot.lastLineId());
        lastFileId.set(snapshot.lastFileId());
        lastTranscriptId.set(snapshot.lastTranscriptId());
    }

    @Override
    public synchronized void clear() {
        records.clear();
        recordContents.clear();
        recordContentBytes = 0;
        pendingUploads.clear();
        transcripts.clear();
        transcriptByCall.clear();
        earlierTranscripts.clear();
        textBytes = 0;
        lastFileId.set(0);
        lastTranscriptId.set(0);
        active.clear();
        openOrder.clear();
        dropped.set(0);
        dropsReported.set(false);
        activeByNumber.clear();
        finished.clear();
        finishedByCallId.clear();
        lines.clear();
        lastFinishedId.set(0);
        lastLineId.set(0);
    }

    /** Everything finish decides before the statistics row gets its ID. */
    record FinishedCallDraft(long portalUserId, long duration, double cost, String costCurrency, String statusCode,
                             String failedReason, int vote, String recordUrl, boolean addedToChat,
                             Long crmActivityId, Instant finishedAt) {
        FinishedCall toRow(long id, Call call) {
            return new FinishedCall(id, call, portalUserId, duration, cost, costCurrency, statusCode, failedReason,
                    vote, recordUrl, addedToChat, crmActivityId, finishedAt);
        }
    }
}
