package dev.b24emu.emulator.internal.im;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.users.User;

import java.util.List;

/**
 * A user as the messenger describes one (Bitrix\Im\User::getArray with JSON Y, specs/DECISIONS.md D183): what
 * im.department.employees.get and .managers.get answer with USER_DATA Y. A portal user is an intranet user, no bot,
 * no connector and not on the network; the emulator keeps no avatars, presence or absences.
 */
public final class ImUsers {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Bitrix\Im\Color's first ten colours, which getColorByNumber picks from by an ID's last digit (1 the first) */
    private static final List<String> COLORS = List.of("#df532d", "#aac337", "#4ba984", "#6fc8e5", "#3e99ce",
            "#8474c8", "#1eb4aa", "#e98fa6", "#85cb7b", "#ab7761");

    private ImUsers() {
    }

    public static ObjectNode of(User user) {
        ObjectNode view = NODES.objectNode().put("id", user.id()).put("active", user.active())
                .put("name", (text(user.name()) + " " + text(user.lastName())).trim())
                .put("first_name", text(user.name())).put("last_name", text(user.lastName()))
                .put("work_position", user.profileField("WORK_POSITION")).put("color", color(user.id()))
                .put("avatar", "").put("gender", user.profileField("PERSONAL_GENDER").equals("F") ? "F" : "M")
                .put("birthday", birthday(user.profileField("PERSONAL_BIRTHDAY"))).put("extranet", false)
                .put("network", false).put("bot", false).put("connector", false).put("external_auth_id", "default")
                .put("status", "online").put("idle", false);
        String activity = user.profileField("LAST_ACTIVITY_DATE");
        if (activity.isEmpty()) {
            view.put("last_activity_date", false);
        } else {
            view.put("last_activity_date", activity);
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

    /** Color::getCodeByNumber: the last digit d picks colour d (0 the tenth). */
    static String color(long userId) {
        int digit = (int) (userId % 10);
        return COLORS.get(digit == 0 ? 9 : digit - 1);
    }

    /** The day and month ("17-05"), "" without a birthday. */
    private static String birthday(String date) {
        return date.length() >= 10 && date.charAt(4) == '-' ? date.substring(8, 10) + "-" + date.substring(5, 7) : "";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
