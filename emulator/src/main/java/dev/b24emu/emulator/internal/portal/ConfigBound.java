package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.internal.transport.RestError;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * The bound on the configuration objects of each kind a portal holds (D120): external lines, event handlers,
 * placement handlers and event subscriptions, users, SIP connections, and what the control API adds (faults,
 * outgoing webhooks, rented numbers, CRM exclusions, applications). A real portal keeps a few dozen of each, of a
 * few hundred bytes; a client adding them in a loop (350,000 external lines in 15 s under wrk) filled the heap, and so
 * did 27 lines named with 7 MB of text each. So a kind holds at most --max-config-objects objects, and as many times
 * {@link #AVERAGE_CHARACTERS} characters of their text. An add past either is refused, not made at the cost of an
 * older one: configuration an application relies on never disappears by itself.
 */
public final class ConfigBound {
    /** the text one configuration object may average: a real one is a few hundred characters */
    static final int AVERAGE_CHARACTERS = 8 * 1024;

    private ConfigBound() {
    }

    /**
     * Refuses adding {@code adding} (the new object, or the parameters it is made of) to the {@code held} objects of
     * a kind when the count or the text would pass the bound. Objects are weighed by the length of their text form:
     * every field of a record or a tree is in it, and the check runs only on adds, which are rare.
     */
    public static void admit(Portal portal, Collection<?> held, Object adding, String kind) {
        int max = portal.bounds().configObjects();
        if (held.size() >= max) {
            throw RestError.of("ERROR_CORE", "The emulator keeps at most " + max + " " + kind
                    + " per portal (--max-config-objects, D120)");
        }
        requireRoom(max, String.valueOf(adding).length() + characters(held), kind);
    }

    /**
     * Admits {@code adding} and adds it in the portal's exclusive section, so that adds at once cannot all pass a
     * bound with room for one: where the store's own lock does not already hold the check and the add together.
     */
    public static <T> T adding(Portal portal, Supplier<? extends Collection<?>> held, Object adding, String kind,
                               Supplier<T> add) {
        return portal.exclusive(() -> {
            admit(portal, held.get(), adding, kind);
            return add.get();
        });
    }

    /**
     * Refuses replacing {@code replaced}, one of the {@code held} objects, by {@code replacing} when that grows their
     * text past the bound: an update that was not weighed stored any size (the 26th department renamed with 7 MB ran
     * the heap out). One that does not grow the text always passes.
     */
    public static void admitChange(Portal portal, Collection<?> held, Object replaced, Object replacing, String kind) {
        long growth = String.valueOf(replacing).length() - (long) String.valueOf(replaced).length();
        if (growth <= 0) {
            return;
        }
        requireRoom(portal.bounds().configObjects(), growth + characters(held), kind);
    }

    /** The characters of the objects' text forms. */
    private static long characters(Collection<?> held) {
        long characters = 0;
        for (Object object : held) {
            characters += String.valueOf(object).length();
        }
        return characters;
    }

    private static void requireRoom(int max, long characters, String kind) {
        long maxCharacters = (long) max * AVERAGE_CHARACTERS;
        if (characters > maxCharacters) {
            throw RestError.of("ERROR_CORE", "The emulator keeps at most " + maxCharacters / 1024 + " K characters of "
                    + kind + " per portal, " + AVERAGE_CHARACTERS / 1024 + " K each on average (--max-config-objects, D120)");
        }
    }
}
