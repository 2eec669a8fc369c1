package dev.b24emu.emulator.internal.im;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserFields;
import dev.b24emu.emulator.internal.users.UserStore;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user as the messenger describes one (Bitrix\Im\User::getArray with JSON Y, specs/DECISIONS.md D183, D185): what
 * im.user.get and im.user.list.get answer, and im.department.* with USER_DATA Y. A portal user is an intranet user, no
 * bot, no connector and not on the network; the emulator keeps no avatars or absences.
 */
public final class ImUsers {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Bitrix\Im\Color's first ten colours, which getCodeByNumber picks from by an ID's last digit (1 the first) */
    private static final List<String> COLORS = List.of("#df532d", "#64a513", "#4ba984", "#4ba5c3", "#3e99ce",
            "#8474c8", "#1eb4aa", "#f76187", "#58cc47", "#ab7761");
    /** Color::getReplaceColors, for men only: light blue, aqua and pink (digits 4, 7, 8) become azure, sand, khaki */
    private static final Map<String, String> MEN = Map.of("#4ba5c3", "#29619b", "#1eb4aa", "#ba9c7b",
            "#f76187", "#728f7a");

    private ImUsers() {
    }

    /** A portal's user as getArray writes it, or JSON null for one it lacks (getArray of a user that is not). */
    public static JsonNode of(Portal portal, long userId) {
        return portal.store(UserStore.class).get(userId).<JsonNode>map(user -> of(user, portal.settings().timeZone(),
                portal.store(PresenceStore.class).get(userId).status())).orElse(NODES.nullNode());
    }

    /**
     * The user as getArray writes it, its dates in the portal's time zone, with the messenger status they set; idle
     * stays false, as the server shows it only while the user's desktop application is online (D189).
     */
    static ObjectNode of(User user, ZoneId zone, String status) {
        boolean named = !text(user.name()).isEmpty() || !text(user.lastName()).isEmpty();
        String login = text(user.email()); // a cloud portal's LOGIN is the e-mail, shown when the user has no name
        String gender = user.profileField("PERSONAL_GENDER");
        ObjectNode view = NODES.objectNode().put("id", user.id()).put("active", user.active())
                .put("name", named ? (text(user.name()) + " " + text(user.lastName())).trim() : login)
                .put("first_name", named ? text(user.name()) : login).put("last_name", text(user.lastName()))
                .put("work_position", user.profileField("WORK_POSITION")).put("color", color(user.id(), gender))
                .put("avatar", "").put("gender", gender.equals("F") ? "F" : "M")
                .put("birthday", birthday(user.profileField("PERSONAL_BIRTHDAY"))).put("extranet", false)
                .put("network", false).put("bot", false).put("connector", false).put("external_auth_id", "default")
                .put("status", status).put("idle", false);
        Optional<Instant> activity = UserFields.lastActivity(user, zone); // date('c'), false without one
        if (activity.isEmpty()) {
            view.put("last_activity_date", false);
        } else {
            view.put("last_activity_date", IsoTime.format(activity.get(), zone));
        }
        view.put("mobile_last_date", false).put("absent", false);
        user.departments().forEach(view.putArray("departments")::add);
        ObjectNode phones = NODES.objectNode(); // the numbers the user has, in GetUserData's order
        phone(phones, "work_phone", user.workPhone());
        phone(phones, "personal_mobile", user.personalMobile());
        phone(phones, "personal_phone", user.personalPhone());
        phone(phones, "inner_phone", user.innerPhone());
        if (phones.isEmpty()) {
            view.put("phones", false); // GetUserData leaves the key its earlier boolean when the user has no phone
        } else {
            view.set("phones", phones);
        }
        return view;
    }

    private static void phone(ObjectNode phones, String key, String number) {
        if (number != null && !number.isBlank()) {
            phones.put(key, number);
        }
    }

    /**
     * GetUserColor: Color::getCodeByNumber's colour (the last digit d picks colour d, 0 the tenth), replaced for a user
     * whose PERSONAL_GENDER is exactly M (one without a gender is shown as M but coloured as a woman).
     */
    static String color(long userId, String gender) {
        int digit = (int) (userId % 10);
        String color = COLORS.get(digit == 0 ? 9 : digit - 1);
        return gender.equals("M") ? MEN.getOrDefault(color, color) : color;
    }

    /** The day and month ("17-05"), "" without a birthday. */
    private static String birthday(String date) {
        return date.length() >= 10 && date.charAt(4) == '-' ? date.substring(8, 10) + "-" + date.substring(5, 7) : "";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
