package dev.b24emu.emulator.internal.users;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A portal employee as the telephony methods see it: who can take calls, by which inner number,
 * and the phones and time-tracking status that searchCrmEntities reports for a responsible user.
 *
 * @param profile     the other profile fields user.update and seeds write (SECOND_NAME, PERSONAL_GENDER, TIME_ZONE,
 *                    WORK_POSITION, USER_TYPE, UF_USR_* ...), by user.get field name; absent means empty
 * @param departments the IDs of the user's departments (UF_DEPARTMENT)
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
        boolean admin,
        Map<String, String> profile,
        List<Long> departments) {

    /** Working-time status as telephony.externalCall.searchCrmEntities reports it. */
    public enum TimemanStatus { OPENED, CLOSED, PAUSED, EXPIRED, UNAVAILABLE, NOT_INSTALLED }

    /** The department every seeded user is in (the portal's root department), as before users had departments. */
    static final List<Long> ROOT_DEPARTMENT = List.of(1L);

    public User {
        // state files written before users kept profiles have neither
        profile = profile == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(profile));
        departments = departments == null ? ROOT_DEPARTMENT : List.copyOf(departments);
    }

    /** The same user with another profile. */
    public User withProfile(Map<String, String> changed) {
        return new User(id, name, lastName, email, active, innerPhone, workPhone, personalPhone, personalMobile,
                timemanStatus, admin, changed, departments);
    }

    public String fullName() {
        String full = (nullToEmpty(name) + " " + nullToEmpty(lastName)).trim();
        return full.isEmpty() ? nullToEmpty(email) : full;
    }

    /** A profile field, "" when the user has none. */
    public String profileField(String name) {
        return profile.getOrDefault(name, "");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
