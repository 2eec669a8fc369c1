package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.RandomHex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * voximplant.sip.add / update / delete / status (api-reference/telephony/voximplant/sip/*.md) with the server's
 * checks in its order: ownership, then every field problem at once (one CHECK_FIELDS_ERROR, messages joined with
 * "&lt;br&gt; " as the server joins them; specs/DECISIONS.md D65), then the 10-cloud-PBX limit, then a unique name.
 * A connection belongs to the application that created it ("" for webhooks); the limit and names are portal-wide.
 */
public final class SipConnections {
    static final int MAX_CLOUD = 10;
    /** VI_SIP_TYPE_ERR (an emulator text, D65) */
    private static final String INCORRECT_TYPE = "Incorrect PBX type";
    private static final int MAX_LENGTH = 100;

    private final Portal portal;

    public SipConnections(Portal portal) {
        this.portal = portal;
    }

    /** The fields of sip.add / sip.update as given (null: not given), before trimming. */
    public record Fields(String type, String title, String server, String login, String password) {
    }

    private VoximplantStore store() {
        return portal.store(VoximplantStore.class);
    }

    /** sip.add: checks the fields, the limit and the name, creates the connection. */
    public SipConnection add(String appKey, Fields fields) {
        String type = fields.type() == null ? SipConnection.CLOUD : fields.type().trim().toLowerCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (!type.equals(SipConnection.CLOUD) && !type.equals(SipConnection.OFFICE)) {
            problems.add(INCORRECT_TYPE);
        }
        String server = server(fields.server());
        String login = fields.login() == null ? "" : fields.login().trim();
        String password = fields.password() == null ? "" : fields.password().trim();
        checkServerAndLogin(server, login, problems);
        checkPassword(password, problems);
        if (!problems.isEmpty()) {
            throw VoximplantErrors.checkFields(String.join("<br> ", problems));
        }
        return portal.exclusive(() -> {
            ConfigBound.admit(portal, store().sipConnections(), fields, "SIP connections");
            if (type.equals(SipConnection.CLOUD)
                    && store().sipConnections().stream().filter(SipConnection::cloud).count() >= MAX_CLOUD) {
                throw VoximplantErrors.maxCloudPbx();
            }
            String title = fields.title() == null ? "" : fields.title().trim();
            if (!title.isEmpty() && nameTaken(title, -1)) {
                throw VoximplantErrors.titleExists();
            }
            SipConnection created = create(appKey, type, title, server, login, password);
            if (new Lines(portal).outgoingLine().equals(Lines.SERVICE_LINE)) {
                store().outgoingLine(created.lineId()); // the server makes a first connection the default line
            }
            return created;
        });
    }

    /** Creates and stores a connection without checks (the seed and the control API give trusted values). */
    public SipConnection create(String appKey, String type, String title, String server, String login,
                                String password) {
        boolean cloud = type.equals(SipConnection.CLOUD);
        long[] ids = store().nextSipIds(cloud);
        SipConnection connection = new SipConnection(ids[0], ids[1], type, title, server, login, password,
                cloud ? ids[2] : null,
                cloud ? null : incomingServer(portal),
                cloud ? null : "sip" + ids[1],
                cloud ? null : RandomHex.of(16),
                // an office PBX has no registration sip.status could read: "0", as sip-get.md's office example shows
                cloud ? null : Integer.valueOf(0), null, appKey,
                cloud ? new SipConnection.Registration("success", 200, "", portal.now(), false) : null);
        store().putSip(connection);
        return connection;
    }

    /**
     * sip.update: only the caller's connection; nothing given changes nothing (D65). TYPE is checked, never applied:
     * sipUpdate passes it as given (not trimmed or lower-cased as sip.add does) to a check that wants exactly
     * {@code cloud} or {@code office}, and only when a field is given, and the update keeps the connection's kind.
     */
    public void update(String appKey, long configId, Fields fields) {
        portal.exclusive(() -> {
            SipConnection connection = owned(appKey, configId).orElseThrow(() -> VoximplantErrors.sipNotFound(404));
            if (fields.title() == null && fields.server() == null && fields.login() == null && fields.password() == null) {
                return null;
            }
            List<String> problems = new ArrayList<>();
            if (fields.type() != null && !fields.type().equals(SipConnection.CLOUD) && !fields.type().equals(SipConnection.OFFICE)) {
                problems.add(INCORRECT_TYPE);
            }
            String server = fields.server() == null ? connection.server() : server(fields.server());
            String login = fields.login() == null ? connection.login() : fields.login().trim();
            String password = fields.password() == null ? connection.password() : fields.password().trim();
            checkServerAndLogin(server, login, problems);
            checkPassword(password, problems);
            if (!problems.isEmpty()) {
                throw VoximplantErrors.checkFields(String.join("<br> ", problems));
            }
            String title = fields.title() == null ? connection.title() : fields.title().trim();
            if (fields.title() != null && !title.isEmpty() && nameTaken(title, configId)) {
                throw VoximplantErrors.titleExists();
            }
            boolean reconnect = !server.equals(connection.server()) || !login.equals(connection.login())
                    || !password.equals(connection.password());
            store().putSip(connection.with(title, server, login, password,
                    reconnect ? Integer.valueOf(0) : connection.registrationStatusCode()));
            return null;
        });
    }

    /** sip.delete: only the caller's connection; a cloud PBX whose registration the operator lost cannot go. */
    public void delete(String appKey, long configId) {
        portal.exclusive(() -> {
            SipConnection connection = owned(appKey, configId).orElseThrow(() -> VoximplantErrors.sipNotFound(400));
            if (connection.cloud() && connection.registration().lost()) {
                throw VoximplantErrors.regIdNotFound();
            }
            store().removeSip(configId);
            return null;
        });
    }

    /** sip.status: any connection of the portal by REG_ID; what it reads is then shown by sip.get too. */
    public SipConnection.Registration status(long regId) {
        return portal.exclusive(() -> {
            SipConnection connection = store().sipByRegId(regId)
                    .filter(c -> !c.registration().lost()).orElseThrow(VoximplantErrors::regIdNotFound);
            store().putSip(connection.withRegistration(connection.registration(), true));
            return connection.registration();
        });
    }

    /** The control API's registrar: a cloud PBX's registration state, code and message, or lost. */
    public SipConnection setRegistration(long regId, String result, int statusCode, String message, boolean lost) {
        if (!List.of("success", "error", "in_progress", "wait").contains(result)) {
            throw new IllegalArgumentException("result must be success, error, in_progress or wait");
        }
        return portal.exclusive(() -> {
            SipConnection connection = store().sipByRegId(regId)
                    .orElseThrow(() -> new IllegalArgumentException("No cloud PBX with REG_ID " + regId));
            SipConnection changed = connection.withRegistration(
                    new SipConnection.Registration(result, statusCode, message, portal.now(), lost), false);
            store().putSip(changed);
            return changed;
        });
    }

    private Optional<SipConnection> owned(String appKey, long configId) {
        return store().sip(configId).filter(c -> c.appKey().equals(appKey));
    }

    /** Whether another line of the portal already has the name (the server compares it with every line's name). */
    private boolean nameTaken(String title, long exceptConfigId) {
        boolean sipName = store().sipConnections().stream()
                .anyMatch(c -> c.configId() != exceptConfigId && c.name().equalsIgnoreCase(title));
        return sipName || store().numbers().stream().anyMatch(n -> n.lineName().equalsIgnoreCase(title));
    }

    private static void checkServerAndLogin(String server, String login, List<String> problems) {
        if (server.isEmpty()) {
            problems.add("Server address not specified");
        } else if (server.length() > MAX_LENGTH) {
            problems.add("Server address cannot exceed 100 characters");
        }
        if (login.isEmpty()) {
            problems.add("Login for connecting to the server not specified");
        } else if (login.length() > MAX_LENGTH) {
            problems.add("Login for connecting to the server cannot exceed 100 characters");
        }
    }

    private static void checkPassword(String password, List<String> problems) {
        if (password.length() > MAX_LENGTH) {
            problems.add("Password for connecting to the server cannot exceed 100 characters");
        }
    }

    /** The server address trimmed and without http:// or https:// (the server strips them). */
    private static String server(String raw) {
        return raw == null ? "" : raw.trim().replaceFirst("(?i)^https?://", "");
    }

    /** Where an office PBX and employees' SIP phones register: ip.&lt;portal&gt;.bitrixphone.com. */
    public static String incomingServer(Portal portal) {
        return "ip." + portal.id().toLowerCase(Locale.ROOT).replace('_', '-') + ".bitrixphone.com";
    }

    /** A SIP phone's password as voximplant.user.get shows one: 12 hex digits (28fec473a88a). */
    public static String password() {
        return RandomHex.of(6);
    }

}
