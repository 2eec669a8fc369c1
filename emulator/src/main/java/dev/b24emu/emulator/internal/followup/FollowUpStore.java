package dev.b24emu.emulator.internal.followup;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/** The follow-ups of one portal, by callId; seeded from the "followups" field, kept in state files. */
public final class FollowUpStore implements Store<FollowUpStore.Snapshot> {
    /** The seed field: follow-ups of calls the portal does not otherwise know, as {@link FollowUpSpec} reads them. */
    public static final String SEED_FIELD = "followups";

    /** maps callId to the follow-up */
    private final ConcurrentSkipListMap<Long, FollowUp> followUps = new ConcurrentSkipListMap<>();

    /** What state files keep: every follow-up. */
    public record Snapshot(List<FollowUp> followUps) {
    }

    public Optional<FollowUp> get(long callId) {
        return Optional.ofNullable(followUps.get(callId));
    }

    public List<FollowUp> all() {
        return List.copyOf(followUps.values());
    }

    public void put(FollowUp followUp) {
        followUps.put(followUp.callId(), followUp);
    }

    /** Changes the follow-up of a call atomically: the change gets the current one (or empty) and returns the new. */
    public FollowUp update(long callId, Function<Optional<FollowUp>, FollowUp> change) {
        return followUps.compute(callId, (id, current) -> change.apply(Optional.ofNullable(current)));
    }

    @Override
    public void clear() {
        followUps.clear();
    }

    @Override
    public void seed(Portal portal, PortalSeed seed) {
        @SuppressWarnings("unchecked")
        List<FollowUp> seeded = seed.section(SEED_FIELD, List.class).orElse(List.of());
        seeded.forEach(this::put);
    }

    @Override
    public Class<Snapshot> snapshotType() {
        return Snapshot.class;
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
    public void restore(Snapshot snapshot) {
        snapshot.followUps().forEach(this::put);
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
