package dev.b24emu.emulator.internal.rest;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault injected through the control API: for one method (or "*"), answer a Bitrix24 error, add latency, or drop
 * the connection; a given number of times, or with a probability drawn from a seeded generator so runs repeat.
 *
 * @param remaining how many more times it fires; negative means without limit
 */
public record Fault(long id, String method, String error, int status, String description, long latencyMillis,
                    boolean drop, AtomicInteger remaining, double probability, Random random, AtomicInteger fired) {

    /** Whether it fires for this call, counting it when it does. */
    synchronized boolean fires(String calledMethod) {
        if (!method.equals("*") && !method.equalsIgnoreCase(calledMethod)) {
            return false;
        }
        if (remaining.get() == 0) {
            return false;
        }
        if (probability < 1.0 && random.nextDouble() >= probability) {
            return false;
        }
        if (remaining.get() > 0) {
            remaining.decrementAndGet();
        }
        fired.incrementAndGet();
        return true;
    }
}
