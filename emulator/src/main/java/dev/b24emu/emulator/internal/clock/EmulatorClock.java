package dev.b24emu.emulator.internal.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one source of "now": a base clock plus an offset that users move (advance or set) instead of sleeping.
 * Time keeps flowing from the base, so journals stay ordered; a portal's clock is built on the emulator's
 * clock, so moving the emulator moves every portal and moving a portal moves only that portal.
 */
public final class EmulatorClock extends Clock {
    /** The earliest moment a clock may show: CALL_IDs and tokens carry unix seconds, which are never negative. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest moment a clock may show: four-digit years in every date the portal writes. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Whether a time read from a state file is one a clock may show (a later one never comes: nothing it waits for). */
    public static boolean showable(Instant time) {
        return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }

    private final Clock base;
    /** How far this clock runs ahead of (or behind) its base. */
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    /** the base instant the clock stands still at, or null while time flows */
    private final AtomicReference<Instant> frozenAt = new AtomicReference<>();

    public EmulatorClock(Clock base) {
        this.base = base;
    }

    public static EmulatorClock system() {
        return new EmulatorClock(Clock.systemUTC());
    }

    /** Now, never outside {@link #EARLIEST}..{@link #LATEST} however the clocks below were moved. */
    @Override
    public Instant instant() {
        Instant frozen = frozenAt.get();
        return clamp(frozen == null ? base.instant() : frozen, offset.get());
    }

    private static Instant clamp(Instant from, Duration by) {
        long seconds;
        try {
            seconds = Math.addExact(from.getEpochSecond(), by.getSeconds());
        } catch (ArithmeticException overflow) {
            return by.isNegative() ? EARLIEST : LATEST;
        }
        if (seconds < EARLIEST.getEpochSecond()) {
            return EARLIEST;
        }
        if (seconds >= LATEST.getEpochSecond()) {
            return LATEST;
        }
        return from.plus(by);
    }

    /** Refuses a move that would take this clock outside the representable range, naming the range. */
    private void checkWithinRange(Duration newOffset) {
        Instant frozen = frozenAt.get();
        Instant from = frozen == null ? base.instant() : frozen;
        long seconds;
        try {
            seconds = Math.addExact(from.getEpochSecond(), newOffset.getSeconds());
        } catch (ArithmeticException overflow) {
            seconds = newOffset.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (seconds < EARLIEST.getEpochSecond() || seconds > LATEST.getEpochSecond()) {
            throw new IllegalArgumentException("The clock must stay between " + EARLIEST + " and " + LATEST);
        }
    }

    /** Stops time (moves only with advance/set), so rate and timer rules are exact in tests. */
    public synchronized void freeze() {
        frozenAt.compareAndSet(null, base.instant());
    }

    /** Lets time flow again from where it stood. */
    public synchronized void unfreeze() {
        Instant frozen = frozenAt.getAndSet(null);
        if (frozen != null) {
            offset.updateAndGet(current -> current.plus(Duration.between(base.instant(), frozen)));
        }
    }

    public boolean frozen() {
        return frozenAt.get() != null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(this, Duration.ZERO).withZone(zone);
    }

    /** Moves the clock; a move beyond {@link #EARLIEST}..{@link #LATEST} is an IllegalArgumentException. */
    public synchronized void advance(Duration by) {
        Duration moved;
        try {
            moved = offset.get().plus(by);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("The clock must stay between " + EARLIEST + " and " + LATEST);
        }
        checkWithinRange(moved);
        offset.set(moved);
    }

    /** Sets the clock to a moment within {@link #EARLIEST}..{@link #LATEST}. */
    public synchronized void set(Instant now) {
        if (now.isBefore(EARLIEST) || now.isAfter(LATEST)) {
            throw new IllegalArgumentException("The clock must stay between " + EARLIEST + " and " + LATEST);
        }
        Instant frozen = frozenAt.get();
        offset.set(Duration.between(frozen == null ? base.instant() : frozen, now));
    }

    public synchronized void reset() {
        frozenAt.set(null);
        offset.set(Duration.ZERO);
    }

    public Duration offset() {
        return offset.get();
    }
}
