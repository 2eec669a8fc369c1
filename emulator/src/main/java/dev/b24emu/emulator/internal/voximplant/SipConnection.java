package dev.b24emu.emulator.internal.voximplant;

import java.time.Instant;

/**
 * A SIP connection (api-reference/telephony/voximplant/sip/index.md): a cloud PBX registers at the operator with a
 * REG_ID and is the line reg&lt;REG_ID&gt;; an office PBX registers at the portal (INCOMING_*) and is the line
 * sip&lt;CONFIG_ID&gt;. It belongs to the application that created it ("" for webhooks and the seed).
 *
 * @param registrationStatusCode the status sip.get shows: a cloud PBX's null until sip.status read it, 0 after a
 *                               change of server, login or password; an office PBX's 0
 * @param registration           the operator's registration of a cloud PBX (what sip.status reads), null for office
 */
public record SipConnection(long id, long configId, String type, String title, String server, String login,
                            String password, Long regId, String incomingServer, String incomingLogin,
                            String incomingPassword, Integer registrationStatusCode, String registrationErrorMessage,
                            String appKey, Registration registration) {
    public static final String CLOUD = "cloud";
    public static final String OFFICE = "office";

    /**
     * A registration's state as voximplant.sip.status answers it.
     *
     * @param result success, error, in_progress or wait
     * @param lost   the operator no longer knows it: sip.status and sip.delete answer REG_ID_NOT_FOUND
     */
    public record Registration(String result, int statusCode, String errorMessage, Instant lastUpdated, boolean lost) {
    }

    public boolean cloud() {
        return CLOUD.equals(type);
    }

    /** The line ID: reg&lt;REG_ID&gt; for a cloud PBX, sip&lt;CONFIG_ID&gt; for an office PBX. */
    public String lineId() {
        return cloud() ? "reg" + regId : "sip" + configId;
    }

    /** The line's name: its TITLE, or "Cloud PBX (CONFIG_ID)" / "Office PBX (CONFIG_ID)" without one. */
    public String name() {
        if (title != null && !title.isBlank()) {
            return title;
        }
        return (cloud() ? "Cloud PBX (" : "Office PBX (") + configId + ")";
    }

    SipConnection with(String newTitle, String newServer, String newLogin, String newPassword, Integer statusCode) {
        return new SipConnection(id, configId, type, newTitle, newServer, newLogin, newPassword, regId, incomingServer,
                incomingLogin, incomingPassword, statusCode, registrationErrorMessage, appKey, registration);
    }

    SipConnection withRegistration(Registration changed, boolean shownBySipGet) {
        return new SipConnection(id, configId, type, title, server, login, password, regId, incomingServer,
                incomingLogin, incomingPassword, shownBySipGet ? Integer.valueOf(changed.statusCode()) : registrationStatusCode,
                shownBySipGet ? changed.errorMessage() : registrationErrorMessage, appKey, changed);
    }
}
