package dev.b24emu.emulator.internal.portal;

/**
 * The per-portal state of one area (LocalStack's store per account): the portal creates it, and seeds, exports,
 * restores and clears it through this contract without knowing what it holds.
 *
 * @param <S> what state files keep of the store (a record Jackson writes and reads), or Void for live state
 */
public interface Store<S> {
    /** Empties the store, and lets go of what it holds outside itself ({@link #retire}): a deleted portal's. */
    void clear();

    /**
     * Lets go of what the store holds outside itself (AppStore: the portal's tokens in the emulator-wide OAuth
     * server) when a reset or a restore puts a fresh store in its place. What it holds itself stays: requests that
     * took the store before still read it whole.
     */
    default void retire() {
    }

    /** Adds what the seed holds to this fresh store, in the order of the areas: the stores before it are seeded. */
    default void seed(Portal portal, PortalSeed seed) {
    }

    /**
     * The type state files read this store's section into: the store's own type argument (the record of
     * {@code implements Store<Snapshot>}), or null for {@code Store<Void>}, live state the files do not keep.
     */
    default Class<S> snapshotType() {
        return SnapshotTypes.of(getClass());
    }

    /**
     * What state files keep of the store; only called when {@link #snapshotType()} is not null. It is taken under the
     * portal's lock and written after it is released, so it must be a value later changes leave as it is: copies of
     * the store's collections, holding records the store replaces rather than changes.
     */
    default S snapshot() {
        return null;
    }

    /**
     * Checks a snapshot read from a state file before anything is changed; throws {@link StateException} naming
     * what is wrong (a value at a path). The default accepts whatever Jackson could read.
     */
    default void check(S snapshot) {
    }

    /** Puts a checked snapshot into this fresh store. */
    default void restore(S snapshot) {
    }
}
