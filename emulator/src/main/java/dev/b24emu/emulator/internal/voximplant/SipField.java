package dev.b24emu.emulator.internal.voximplant;

import java.util.function.Function;

/**
 * The filter and SORT fields of voximplant.sip.get (api-reference/telephony/voximplant/sip/voximplant-sip-get.md),
 * with each one's value in a connection.
 */
public enum SipField implements FilterQuery.Field {
    ID(Kind.NUMBER, c -> c.id()),
    TYPE(Kind.TEXT, SipConnection::type),
    TITLE(Kind.TEXT, SipConnection::title),
    CONFIG_ID(Kind.NUMBER, c -> c.configId()),
    REG_ID(Kind.NUMBER, SipConnection::regId),
    APP_ID(Kind.TEXT, SipConnection::appKey),
    SERVER(Kind.TEXT, SipConnection::server),
    LOGIN(Kind.TEXT, SipConnection::login),
    PASSWORD(Kind.TEXT, SipConnection::password),
    INCOMING_SERVER(Kind.TEXT, SipConnection::incomingServer),
    INCOMING_LOGIN(Kind.TEXT, SipConnection::incomingLogin),
    INCOMING_PASSWORD(Kind.TEXT, SipConnection::incomingPassword),
    AUTH_USER(Kind.TEXT, c -> null),
    OUTBOUND_PROXY(Kind.TEXT, c -> null),
    DETECT_LINE_NUMBER(Kind.TEXT, c -> SipViews.DETECT_LINE_NUMBER),
    LINE_DETECT_HEADER_ORDER(Kind.TEXT, c -> SipViews.HEADER_ORDER),
    REGISTRATION_STATUS_CODE(Kind.NUMBER, c -> c.registrationStatusCode() == null ? null
            : c.registrationStatusCode().longValue()),
    REGISTRATION_ERROR_MESSAGE(Kind.TEXT, SipConnection::registrationErrorMessage);

    private final Kind kind;
    private final Function<SipConnection, Object> value;

    SipField(Kind kind, Function<SipConnection, Object> value) {
        this.kind = kind;
        this.value = value;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    public Object value(SipConnection connection) {
        return value.apply(connection);
    }

    @Override
    public boolean filterable() {
        return true;
    }

    @Override
    public boolean sortable() {
        return true;
    }
}
