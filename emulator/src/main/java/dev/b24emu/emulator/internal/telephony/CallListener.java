package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;

import java.util.Set;

/**
 * What other areas react to in a call's life, declared here so telephony depends on none of them: the call-card
 * model opens widgets and emits CallCard::* events when a card is shown, hidden or its call ends; follow-ups take a
 * finished call's transcription.
 */
public interface CallListener {
    /** The card was shown to these users (register with SHOW, show, click-to-call), by a request at that address. */
    default void shown(Portal portal, Call call, Set<Long> users, Endpoints endpoints) {
    }

    /** telephony.externalCall.hide for these users. */
    default void hidden(Portal portal, Call call, Set<Long> users) {
    }

    /**
     * The call was dropped unfinished at the portal's bound of open calls (D117): what is kept for it goes, with no
     * event, as it would with a call the portal never had.
     */
    default void dropped(Portal portal, Call call) {
    }

    /** The call was finished: its cards go idle and try to close. */
    default void ended(Portal portal, FinishedCall row) {
    }

    /** A transcription was attached to the finished call (telephony.call.attachTranscription). */
    default void transcribed(Portal portal, FinishedCall row, Transcript transcript) {
    }
}
