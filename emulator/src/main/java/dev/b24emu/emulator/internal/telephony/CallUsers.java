package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

/** How register and finish pick their user: USER_ID, or when it casts to 0, the active owner of USER_PHONE_INNER. */
final class CallUsers {
    private CallUsers() {
    }

    static long resolveId(UserStore users, long userId, String userPhoneInner) {
        if (userId != 0) {
            return userId;
        }
        if (userPhoneInner != null && !userPhoneInner.isBlank()) {
            return users.activeByInnerPhone(userPhoneInner).map(User::id).orElseThrow(TelephonyErrors::userNotSet);
        }
        throw TelephonyErrors.userNotSet();
    }

    static User requireActive(UserStore users, long userId) {
        return users.get(userId).filter(User::active).orElseThrow(TelephonyErrors::userNotActive);
    }
}
