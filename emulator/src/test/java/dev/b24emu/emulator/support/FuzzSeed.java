package dev.b24emu.emulator.support;

/**
 * The seed of a generated test: the build's fixed one (so CI runs the same cases every time), the one given with
 * {@code -Dfuzz.seed=N} to replay a run, or a fresh one with {@code -Dfuzz.seed=random} to explore.
 */
public final class FuzzSeed {
    public static final long BUILD_SEED = 20261201L;

    private FuzzSeed() {
    }

    public static long get() {
        String given = System.getProperty("fuzz.seed");
        if (given == null || given.isBlank()) {
            return BUILD_SEED;
        }
        return given.equals("random") ? System.nanoTime() : Long.parseLong(given.trim());
    }
}
