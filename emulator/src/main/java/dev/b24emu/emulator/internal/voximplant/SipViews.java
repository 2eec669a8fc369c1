package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * SIP connections as the sip.* methods answer them (api-reference/telephony/voximplant/sip/*.md): sip.add answers
 * the new connection with typed values (ID and CONFIG_ID strings, REG_ID an integer), sip.get the stored ones as
 * the database gives them (REG_ID and REGISTRATION_STATUS_CODE strings) without ID; a cloud PBX has REG_ID, an office
 * PBX its INCOMING_* credentials; passwords are returned.
 */
public final class SipViews {
    static final String DETECT_LINE_NUMBER = "N";
    static final String HEADER_ORDER = "diversion;to";

    private SipViews() {
    }

    /** voximplant.sip.add's result: cloud PBXs have TITLE after REG_ID, office PBXs TITLE last (the examples). */
    public static ObjectNode added(SipConnection c) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("ID", Long.toString(c.id()));
        json.put("TYPE", c.type());
        json.put("CONFIG_ID", Long.toString(c.configId()));
        if (c.cloud()) {
            json.put("REG_ID", c.regId());
            json.put("TITLE", c.title());
        }
        common(json, c);
        if (c.registrationStatusCode() == null) {
            json.putNull("REGISTRATION_STATUS_CODE");
        } else {
            json.put("REGISTRATION_STATUS_CODE", c.registrationStatusCode());
        }
        json.put("REGISTRATION_ERROR_MESSAGE", c.registrationErrorMessage());
        if (!c.cloud()) {
            json.put("TITLE", c.title());
        }
        return json;
    }

    /** A record of voximplant.sip.get. */
    public static ObjectNode listed(SipConnection c) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("TYPE", c.type());
        json.put("CONFIG_ID", Long.toString(c.configId()));
        if (c.cloud()) {
            json.put("REG_ID", Long.toString(c.regId()));
        }
        common(json, c);
        json.put("REGISTRATION_STATUS_CODE", c.registrationStatusCode() == null ? null
                : Integer.toString(c.registrationStatusCode()));
        json.put("REGISTRATION_ERROR_MESSAGE", c.registrationErrorMessage());
        json.put("TITLE", c.title());
        return json;
    }

    private static void common(ObjectNode json, SipConnection c) {
        json.put("SERVER", c.server());
        json.put("LOGIN", c.login());
        json.put("PASSWORD", c.password());
        if (!c.cloud()) {
            json.put("INCOMING_SERVER", c.incomingServer());
            json.put("INCOMING_LOGIN", c.incomingLogin());
            json.put("INCOMING_PASSWORD", c.incomingPassword());
        }
        json.putNull("AUTH_USER");
        json.putNull("OUTBOUND_PROXY");
        json.put("DETECT_LINE_NUMBER", DETECT_LINE_NUMBER);
        json.put("LINE_DETECT_HEADER_ORDER", HEADER_ORDER);
    }
}
