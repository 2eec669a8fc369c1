package dev.b24emu.emulator.clock;

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

    @Override
    public Instant instant() {
        Instant frozen = frozenAt.get();
        return (frozen == null ? base.instant() : frozen).plus(offset.get());
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

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    public synchronized void set(Instant now) {
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
