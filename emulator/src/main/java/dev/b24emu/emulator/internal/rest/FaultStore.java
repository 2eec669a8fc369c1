package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The faults injected into one portal, checked in the order they were added. */
public final class FaultStore implements Store<Void> {
    /** the active faults, oldest first */
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicLong lastId = new AtomicLong();

    public long nextId() {
        return lastId.incrementAndGet();
    }

    public void add(Fault fault) {
        faults.add(fault);
    }

    /** The first fault that fires for this method, if any. */
    public Optional<Fault> fire(String method) {
        for (Fault fault : faults) {
            if (fault.fires(method)) {
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    public List<Fault> all() {
        return List.copyOf(faults);
    }

    @Override
    public void clear() {
        faults.clear();
    }
}
