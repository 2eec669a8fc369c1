package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.telephony.ExternalLine;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lines of a portal as the voximplant.* methods see them (lines/voximplant-line-outgoing-get.md): rented
 * numbers (the number), cloud PBXs (reg&lt;REG_ID&gt;) and office PBXs (sip&lt;CONFIG_ID&gt;) are the portal's own
 * lines; a telephony application's REST_APP:&lt;id&gt; and its external lines (telephony.externalLine.add) are lines
 * too, though voximplant.line.get does not list them, and so are the external lines added through the incoming
 * webhook, which belong to the outgoing webhooks (D76); LINK_BASE_NUMBER is the service line the server falls back to.
 */
public final class Lines {
    public static final String SERVICE_LINE = "LINK_BASE_NUMBER";
    private static final String REST_APP = "REST_APP:";

    private final Portal portal;

    public Lines(Portal portal) {
        this.portal = portal;
    }

    /**
     * A line of a telephony application: the application's key ({@link TelephonyStore#WEBHOOK_APP} for a line of the
     * outgoing webhooks), and the external line's number ("" for REST_APP:id).
     */
    public record AppLine(String appKey, String number) {
    }

    private VoximplantStore store() {
        return portal.store(VoximplantStore.class);
    }

    /** voximplant.line.get: the portal's own lines, {LINE_ID: name}, in the order they were added. */
    public Map<String, String> outgoingLines() {
        record Named(long configId, String id, String name) {
        }
        List<Named> lines = new ArrayList<>();
        store().numbers().forEach(n -> lines.add(new Named(n.configId(), n.number(), n.lineName())));
        store().sipConnections().forEach(c -> lines.add(new Named(c.configId(), c.lineId(), c.name())));
        lines.sort(Comparator.comparingLong(Named::configId));
        Map<String, String> result = new LinkedHashMap<>();
        lines.forEach(line -> result.put(line.id(), line.name()));
        return result;
    }

    /** Whether the line is a rented number or a SIP connection of the portal. */
    public boolean builtIn(String lineId) {
        return lineId != null && (store().number(lineId).isPresent() || sipLine(lineId).isPresent());
    }

    /** The SIP connection behind reg&lt;REG_ID&gt; or sip&lt;CONFIG_ID&gt;. */
    public Optional<SipConnection> sipLine(String lineId) {
        if (lineId == null) {
            return Optional.empty();
        }
        if (lineId.matches("reg[0-9]{1,18}")) {
            return store().sipByRegId(Long.parseLong(lineId.substring(3)));
        }
        if (lineId.matches("sip[0-9]{1,18}")) {
            return store().sip(Long.parseLong(lineId.substring(3))).filter(c -> !c.cloud());
        }
        return Optional.empty();
    }

    /** The application (or the outgoing webhooks) a REST_APP:&lt;id&gt; line or an external line belongs to. */
    public Optional<AppLine> appLine(String lineId) {
        if (lineId == null) {
            return Optional.empty();
        }
        AppStore apps = portal.store(AppStore.class);
        if (lineId.equals(REST_APP + "0")) { // the outgoing webhooks' line, while one of them takes clicks (D74)
            boolean taken = !portal.store(EventStore.class).webhooks(EventNames.EXTERNAL_CALL_START).isEmpty()
                    && portal.settings().outgoingWebhookClickToCall();
            return taken ? Optional.of(new AppLine(TelephonyStore.WEBHOOK_APP, "")) : Optional.empty();
        }
        if (lineId.startsWith(REST_APP)) {
            return apps.byAppKey(lineId.substring(REST_APP.length())).map(app -> new AppLine(app.appKey(), ""));
        }
        for (ExternalLine line : portal.store(TelephonyStore.class).allLines()) {
            boolean owned = line.appKey().equals(TelephonyStore.WEBHOOK_APP) || apps.byAppKey(line.appKey()).isPresent();
            if (line.number().equals(lineId) && owned) {
                return Optional.of(new AppLine(line.appKey(), line.number()));
            }
        }
        return Optional.empty();
    }

    /** Whether voximplant.line.outgoing.set may choose the line: the portal's own, an application's, or the service line. */
    public boolean available(String lineId) {
        return SERVICE_LINE.equals(lineId) || builtIn(lineId) || appLine(lineId).isPresent();
    }

    /** The line a portal's calls go out on when one is chosen (the service line is none): telephony's OutgoingLine. */
    public static Optional<String> chosen(Portal portal) {
        return Optional.of(new Lines(portal).outgoingLine()).filter(line -> !line.equals(SERVICE_LINE));
    }

    /** voximplant.line.outgoing.get: the line set, or LINK_BASE_NUMBER when none is set or it is gone (D63). */
    public String outgoingLine() {
        String line = store().storedOutgoingLine();
        return line != null && available(line) ? line : SERVICE_LINE;
    }
}
