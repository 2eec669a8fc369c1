package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.portal.Portal;

import java.util.Set;

/** Call-card moments other areas react to: the call card model opens widgets and emits CallCard::* events. */
public interface CardListener {
    CardListener NONE = new CardListener() {
    };

    /** The card was shown to these users (register with SHOW, show, click-to-call). */
    default void shown(Portal portal, Call call, Set<Long> users) {
    }

    /** telephony.externalCall.hide for these users. */
    default void hidden(Portal portal, Call call, Set<Long> users) {
    }

    /** The call was finished: its cards go idle and try to close. */
    default void ended(Portal portal, FinishedCall row) {
    }
}
