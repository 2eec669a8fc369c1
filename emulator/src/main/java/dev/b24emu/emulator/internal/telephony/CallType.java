package dev.b24emu.emulator.internal.telephony;

/** TYPE values of telephony.externalCall.register. */
public final class CallType {
    public static final int OUTGOING = 1;
    public static final int INCOMING = 2;
    public static final int INCOMING_REDIRECTED = 3;
    public static final int CALLBACK = 4;
    public static final int INFO = 5;

    private CallType() {
    }

    public static boolean isValid(long type) {
        return type >= OUTGOING && type <= INFO;
    }
}
