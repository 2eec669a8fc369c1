package dev.b24emu.emulator.internal.events;

import java.util.List;
import java.util.Locale;

/** The events a handler may bind to (the events method lists them); the telephony ones are the ones emitted. */
public final class EventNames {
    public static final String CALL_INIT = "ONVOXIMPLANTCALLINIT";
    public static final String CALL_START = "ONVOXIMPLANTCALLSTART";
    public static final String CALL_END = "ONVOXIMPLANTCALLEND";
    public static final String EXTERNAL_CALL_START = "ONEXTERNALCALLSTART";
    public static final String EXTERNAL_CALLBACK_START = "ONEXTERNALCALLBACKSTART";

    static final List<String> ALL = List.of(
            "ONAPPUNINSTALL", "ONAPPINSTALL", "ONAPPUPDATE", "ONAPPPAYMENT", "ONAPPTEST", "ONAPPMETHODCONFIRM",
            "ONOFFLINEEVENT", "ONUSERADD",
            "ONCRMLEADADD", "ONCRMLEADUPDATE", "ONCRMLEADDELETE",
            "ONCRMDEALADD", "ONCRMDEALUPDATE", "ONCRMDEALDELETE",
            "ONCRMCONTACTADD", "ONCRMCONTACTUPDATE", "ONCRMCONTACTDELETE",
            "ONCRMCOMPANYADD", "ONCRMCOMPANYUPDATE", "ONCRMCOMPANYDELETE",
            "ONCRMACTIVITYADD", "ONCRMACTIVITYUPDATE", "ONCRMACTIVITYDELETE",
            CALL_INIT, CALL_START, CALL_END, EXTERNAL_CALL_START, EXTERNAL_CALLBACK_START);

    private EventNames() {
    }

    static boolean isKnown(String event) {
        return ALL.contains(event.toUpperCase(Locale.ROOT));
    }
}
