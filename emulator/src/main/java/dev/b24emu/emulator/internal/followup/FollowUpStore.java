package dev.b24emu.emulator.internal.followup;

import dev.b24emu.emulator.internal.portal.MadeAtRunTime;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The follow-ups of one portal, by callId; seeded from the "followups" field, kept in state files. Those made while
 * the portal runs are bounded like its finished calls (a follow-up is made from a finished call's transcription):
 * past the bound the oldest go, so a load that transcribes every call cannot fill the memory. Seeded and restored
 * follow-ups are never dropped.
 */
public final class FollowUpStore implements Store<FollowUpStore.Snapshot> {
    /** The seed field: follow-ups of calls the portal does not otherwise know, as {@link FollowUpSpec} reads them. */
    public static final String SEED_FIELD = "followups";

    /** maps callId to the follow-up */
    private final ConcurrentSkipListMap<Long, FollowUp> followUps = new ConcurrentSkipListMap<>();
    /** the callIds of the follow-ups made while the portal runs (guarded by this) */
    private final MadeAtRunTime<Long> created;
    /** true while the seed or a state file is read: those follow-ups are the user's own (guarded by this) */
    private boolean loading;

    /**
     * @param maxCreated the follow-ups made while the portal runs it keeps (the finished calls' bound)
     * @param maxBytes   what they may weigh, at two bytes a character of their text: a transcript is copied into its
     *                   call's follow-up, which kept it after the call-text bound dropped the call (25 of 7 MB stayed
     *                   where the bound kept four)
     */
    public FollowUpStore(int maxCreated, long maxBytes) {
        this.created = new MadeAtRunTime<>(maxCreated, new MadeAtRunTime.Budget(maxBytes), followUps::remove);
    }

    private static long weight(FollowUp followUp) {
        return 2L * String.valueOf(followUp).length();
    }

    /** What state files keep: every follow-up. */
    public record Snapshot(List<FollowUp> followUps) {
    }

    public Optional<FollowUp> get(long callId) {
        return Optional.ofNullable(followUps.get(callId));
    }

    public List<FollowUp> all() {
        return List.copyOf(followUps.values());
    }

    public synchronized void put(FollowUp followUp) {
        if (followUps.put(followUp.callId(), followUp) == null && !loading) {
            created.add(followUp.callId(), weight(followUp));
        } else if (!loading) {
            created.rewritten(followUp.callId(), weight(followUp));
        }
    }

    /** Changes the follow-up of a call atomically: the change gets the current one (or empty) and returns the new. */
    public synchronized FollowUp update(long callId, Function<Optional<FollowUp>, FollowUp> change) {
        boolean isNew = !followUps.containsKey(callId); // every write holds this store's lock
        FollowUp changed = followUps.compute(callId, (id, current) -> change.apply(Optional.ofNullable(current)));
        if (isNew) {
            created.add(callId, weight(changed));
        } else {
            created.rewritten(callId, weight(changed));
        }
        return changed;
    }

    @Override
    public synchronized void clear() {
        followUps.clear();
        created.clear();
    }

    @Override
    public synchronized void seed(Portal portal, PortalSeed seed) {
        @SuppressWarnings("unchecked")
        List<FollowUp> seeded = seed.section(SEED_FIELD, List.class).orElse(List.of());
        load(seeded);
    }

    private void load(List<FollowUp> kept) {
        loading = true;
        try {
            kept.forEach(this::put);
        } finally {
            loading = false;
        }
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(all());
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/followups/followUps", snapshot.followUps(),
                f -> f.callId() > 0 && f.startDate() != null && f.participants() != null,
                "a follow-up needs a positive callId and a startDate", "callId", FollowUp::callId);
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        load(snapshot.followUps());
    }

    /** The seed's follow-ups, each read as the control API reads one (callId and startDate required). */
    public static SeedSection seedSection() {
        return SeedSection.<FollowUp>array(SEED_FIELD, (spec, before) -> {
            FollowUp followUp = FollowUpSpec.standalone(spec, null);
            if (before.stream().anyMatch(f -> f.callId() == followUp.callId())) {
                throw new IllegalArgumentException("callId " + followUp.callId() + " appears twice");
            }
            return followUp;
        });
    }
}
