package dev.b24emu.emulator.internal.users;

import dev.b24emu.emulator.internal.portal.Portal;

/**
 * A user's TIMEMAN_STATUS as the timeman area keeps it. The users area stores the status a seed or the control API
 * set; what it stands at after timeman.open, .pause and .close, or once an open day runs past midnight, is the work
 * day's, which the timeman area (above this one) keeps: it implements this, the users area calls it.
 */
public interface WorkDayStatus {
    /** The status now: UNAVAILABLE and NOT_INSTALLED as set, otherwise the user's work day's. */
    User.TimemanStatus of(Portal portal, User user);

    /** The control API set the user's TIMEMAN_STATUS: the work day follows it (a day opened, paused, closed). */
    void set(Portal portal, User user);
}
