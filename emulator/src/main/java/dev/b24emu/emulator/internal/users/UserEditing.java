package dev.b24emu.emulator.internal.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * user.update and user.add (api-reference/user/user-update.md, user-add.md): who may change or invite users, and
 * what of the given fields is written. Field names are read in any case (the server upper-cases them); unknown fields
 * and null values are left alone. A change is visible at once to user.get, user.current, profile and the telephony
 * look-ups by inner number, since every one of them reads the user store.
 */
public final class UserEditing {
    /** What a user may not change on their own profile (the real server drops them silently; D52). */
    private static final Set<String> ADMIN_ONLY_FIELDS = Set.of("ACTIVE", "UF_DEPARTMENT");
    private static final String DATE_REGISTER = "DATE_REGISTER";
    private static final String LAST_LOGIN = "LAST_LOGIN";
    private static final String BIRTHDAY = "PERSONAL_BIRTHDAY";

    private UserEditing() {
    }

    /**
     * Updates a user. An administrator may change anyone; anyone else only their own profile (unless the portal sets
     * userUpdateAdminOnly, as the docs say), and not ACTIVE or UF_DEPARTMENT there. Anything else is ERROR_CORE
     * access_denied; an unknown user, for an administrator, the empty message the server's failed update carries.
     */
    public static User update(Caller caller, long userId, ObjectNode params) {
        boolean admin = Access.isAdmin(caller);
        boolean self = userId == caller.userId() && !caller.portal().settings().userUpdateAdminOnly();
        if (userId <= 0 || !(admin || self)) {
            throw RestError.of("ERROR_CORE", "access_denied");
        }
        ObjectNode changes = writable(caller.portal(), params, admin);
        UserStore users = caller.portal().store(UserStore.class);
        return users.update(userId, user -> {
            User changed = UserFields.parse(UserFields.toRecord(user).setAll(changes), user.id());
            ConfigBound.admitChange(caller.portal(), users.all(), user, changed, "users"); // D120, as an invitation
            return changed;
        }).orElseThrow(() -> RestError.of("ERROR_CORE", ""));
    }

    /**
     * Invites a user, as an administrator: an intranet user needs UF_DEPARTMENT, an extranet user (EXTRANET Y) comes
     * without departments; the e-mail must be free. The new user is active unless ACTIVE says otherwise, and is an
     * employee (or extranet) user; no invitation e-mail leaves the emulator.
     */
    public static User invite(Caller caller, ObjectNode params) {
        if (!Access.isAdmin(caller)) {
            throw RestError.of("ERROR_CORE", "access_denied");
        }
        ObjectNode fields = writable(caller.portal(), params, true);
        fields.put(DATE_REGISTER, registrationDate(caller.portal())); // an invitation registers the user; LAST_LOGIN waits
        boolean extranet = "Y".equalsIgnoreCase(text(params, "EXTRANET"));
        if (!extranet && (!fields.has("UF_DEPARTMENT") || !Params.phpTruthy(fields.get("UF_DEPARTMENT")))) {
            throw RestError.argument("", "no_extranet_field");
        }
        String email = text(params, "EMAIL").trim();
        fields.put("EMAIL", email);
        fields.put("USER_TYPE", extranet ? "extranet" : "employee");
        if (extranet) {
            fields.putArray("UF_DEPARTMENT");
        }
        UserStore users = caller.portal().store(UserStore.class);
        return ConfigBound.adding(caller.portal(), users::all, params, "users",
                () -> users.addWithUniqueEmail(email, id -> UserFields.parse(fields, id)))
                .orElseThrow(() -> RestError.argument("", "A user with this email already exists"));
    }

    /** A user the control API put, and whether it is a new one (ONUSERADD) rather than a replaced one. */
    public record Put(User user, boolean joined) {
    }

    /**
     * A user the control API adds or replaces (by ID): a new one is a colleague who joined and logged in
     * (DATE_REGISTER and LAST_LOGIN now unless the fields give them), whom ONUSERADD announces.
     */
    public static Put put(Portal portal, JsonNode fields) {
        UserStore users = portal.store(UserStore.class);
        ConfigBound.admit(portal, users.all(), fields, "users");
        User parsed = UserFields.parse(fields, users.nextId());
        Optional<User> replaced = users.get(parsed.id());
        Map<String, String> profile = new TreeMap<>(parsed.profile());
        for (String registration : List.of(DATE_REGISTER, LAST_LOGIN)) { // kept by a replacement, now for a new user
            String kept = replaced.map(user -> user.profileField(registration))
                    .orElseGet(() -> registration.equals(DATE_REGISTER) ? registrationDate(portal) : portal.isoNow());
            if (!kept.isEmpty()) {
                profile.putIfAbsent(registration, kept);
            }
        }
        User user = parsed.withProfile(profile);
        users.put(user);
        return new Put(user, replaced.isEmpty());
    }

    /**
     * Today as user.get shows DATE_REGISTER: CRestUtil::ConvertDate reads the day only and writes
     * {@code date('c', midnight + date("Z"))}, the day's midnight moved on by the zone's offset, so a UTC portal shows
     * {@code 2026-12-05T00:00:00+00:00} (user-current.md's example) and a Moscow one {@code 2026-12-05T03:00:00+03:00}
     * (D157).
     */
    static String registrationDate(Portal portal) {
        return convertDate(portal, portal.now().atZone(portal.settings().timeZone()).toLocalDate());
    }

    /**
     * PERSONAL_BIRTHDAY as the server keeps a written one: CRestUtil::unConvertDate reads an ISO-8601 date, or a date
     * and time (its day in the portal's zone), or the portal's own DD.MM.YYYY, and user.get writes the day back as
     * ConvertDate does; anything else is no date, and the birthday is cleared (D157).
     */
    static String birthday(Portal portal, String given) {
        return PhpDates.unConvertDate(given, portal.settings().timeZone()).map(day -> convertDate(portal, day))
                .orElse("");
    }

    /** A day as ConvertDate writes it (PhpDates). */
    private static String convertDate(Portal portal, LocalDate day) {
        return PhpDates.convertDate(day, portal.settings().timeZone(), portal.now());
    }

    /**
     * A user logs in (the control API plays it): the first login of an invited user completes the registration, the
     * moment Bitrix24 sends ONUSERADD; answers the user when it was the first, empty for a later one. A login is also
     * activity: the user is online for the next {@link UserFields#ONLINE_FOR} (D157).
     */
    public static Optional<User> loggedIn(Portal portal, long userId) {
        String now = portal.isoNow();
        String activity = UserFields.ACTIVITY_FORM.format(portal.now().atZone(portal.settings().timeZone()));
        boolean[] first = new boolean[1];
        portal.store(UserStore.class).get(userId).filter(u -> !u.active()).ifPresent(u -> {
            throw new IllegalArgumentException("User " + userId + " is not active: a deactivated user cannot log in");
        });
        User user = portal.store(UserStore.class).update(userId, current -> {
            first[0] = current.profileField(LAST_LOGIN).isEmpty();
            Map<String, String> profile = new TreeMap<>(current.profile());
            profile.put(LAST_LOGIN, now);
            profile.put("LAST_ACTIVITY_DATE", activity);
            return current.withProfile(profile);
        }).orElseThrow(() -> new IllegalArgumentException("No user " + userId + " on portal " + portal.id()));
        return first[0] ? Optional.of(user) : Optional.empty();
    }

    /** The fields the method writes, by upper-cased name: scalars, and UF_DEPARTMENT as a list or one ID. */
    private static ObjectNode writable(Portal portal, ObjectNode params, boolean admin) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey().toUpperCase(Locale.ROOT);
            JsonNode value = field.getValue();
            boolean allowed = UserFields.writable(name) && (admin || !ADMIN_ONLY_FIELDS.contains(name));
            boolean readable = name.equals("UF_DEPARTMENT") ? !value.isNull() : Params.scalarText(value).isPresent();
            if (allowed && readable) {
                changes.set(name, name.equals(BIRTHDAY) ? JsonNodeFactory.instance.textNode(birthday(portal, value.asText()))
                        : value);
            }
        }
        return changes;
    }

    private static String text(ObjectNode params, String name) {
        return new Params(params).text(name).orElse("");
    }
}
