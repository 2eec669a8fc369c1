package dev.b24emu.emulator.internal.users;

/**
 * A portal employee as the telephony methods see it: who can take calls, by which inner number,
 * and the phones and time-tracking status that searchCrmEntities reports for a responsible user.
 */
public record User(
        long id,
        String name,
        String lastName,
        String email,
        boolean active,
        String innerPhone,
        String workPhone,
        String personalPhone,
        String personalMobile,
        TimemanStatus timemanStatus,
        boolean admin) {

    /** Working-time status as telephony.externalCall.searchCrmEntities reports it. */
    public enum TimemanStatus { OPENED, CLOSED, PAUSED, EXPIRED, UNAVAILABLE, NOT_INSTALLED }

    public String fullName() {
        String full = (nullToEmpty(name) + " " + nullToEmpty(lastName)).trim();
        return full.isEmpty() ? nullToEmpty(email) : full;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
