package dev.b24emu.emulator.internal.voximplant;

/**
 * An employee's telephony settings (voximplant.user.get): their own default line (null: the portal's), whether a SIP
 * device is activated, and its password (generated at the first activation).
 */
public record UserPhone(String defaultLine, boolean phoneEnabled, String sipPassword) {
    public static UserPhone defaults() {
        return new UserPhone(null, false, null);
    }
}
