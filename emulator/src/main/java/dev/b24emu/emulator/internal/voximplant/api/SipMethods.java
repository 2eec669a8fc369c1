package dev.b24emu.emulator.internal.voximplant.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.voximplant.FilterQuery;
import dev.b24emu.emulator.internal.voximplant.Rights;
import dev.b24emu.emulator.internal.voximplant.SipConnection;
import dev.b24emu.emulator.internal.voximplant.SipConnections;
import dev.b24emu.emulator.internal.voximplant.SipField;
import dev.b24emu.emulator.internal.voximplant.SipViews;
import dev.b24emu.emulator.internal.voximplant.VoximplantErrors;
import dev.b24emu.emulator.internal.voximplant.VoximplantSettings;
import dev.b24emu.emulator.internal.voximplant.VoximplantStore;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * voximplant.sip.* (api-reference/telephony/voximplant/sip/*.md): an application's SIP connections, their
 * registration status and the SIP connector's state, all behind the "Management of Numbers — modification" right.
 * Webhooks share the owner "" (no application), as the server keys connections by application ID (D65).
 */
final class SipMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** LAST_UPDATED of sip.status: "2026-03-12 09:10:51", not ISO. */
    private static final DateTimeFormatter LAST_UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SipMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("voximplant.sip.add", SipMethods::add)
                .add("voximplant.sip.get", SipMethods::get)
                .add("voximplant.sip.update", SipMethods::update)
                .add("voximplant.sip.delete", SipMethods::delete)
                .add("voximplant.sip.status", SipMethods::status)
                .add("voximplant.sip.connector.status", SipMethods::connector);
    }

    private static JsonNode add(RestCall call) {
        Permissions.require(call, Rights::lineModify);
        SipConnection added = new SipConnections(call.portal()).add(call.caller().appKey(), fields(call.params()));
        return SipViews.added(added);
    }

    /** The caller's connections only: a filter on APP_ID cannot widen them (sip-get.md). */
    private static ListResult get(RestCall call) {
        Permissions.require(call, Rights::lineModify);
        Params p = call.params();
        FilterQuery<SipField> query = FilterQuery.of(SipField.class, p.node("FILTER").orElse(null),
                p.node("SORT").orElse(null), p.node("ORDER").orElse(null), call.portal().settings().timeZone());
        List<SipConnection> matching = call.portal().store(VoximplantStore.class).sipConnections().stream()
                .filter(c -> c.appKey().equals(call.caller().appKey()))
                .filter(c -> query.matches(field -> field.value(c)))
                .sorted(query.order((field, c) -> field.value(c), Comparator.comparingLong(SipConnection::configId)))
                .toList();
        int start = (int) Math.max(0, Math.min(Integer.MAX_VALUE, p.start()));
        ArrayNode items = NODES.arrayNode();
        matching.stream().skip(start).limit(ListQuery.PAGE_SIZE).forEach(c -> items.add(SipViews.listed(c)));
        Integer next = (long) start + ListQuery.PAGE_SIZE < matching.size() ? start + ListQuery.PAGE_SIZE : null;
        // sipGet answers a count of 0 with [] alone, no total
        return matching.isEmpty() ? ListResult.uncounted(items) : new ListResult(items, next, matching.size());
    }

    private static JsonNode update(RestCall call) {
        Permissions.require(call, Rights::lineModify);
        new SipConnections(call.portal()).update(call.caller().appKey(), call.params().phpInt("CONFIG_ID"),
                fields(call.params()));
        return NODES.numberNode(1);
    }

    private static JsonNode delete(RestCall call) {
        Permissions.require(call, Rights::lineModify);
        new SipConnections(call.portal()).delete(call.caller().appKey(), call.params().phpInt("CONFIG_ID"));
        return NODES.numberNode(1);
    }

    private static JsonNode status(RestCall call) {
        Permissions.require(call, Rights::lineModify);
        Portal portal = call.portal();
        long regId = call.params().phpInt("REG_ID");
        if (regId <= 0) {
            throw VoximplantErrors.regIdNotFound();
        }
        SipConnection.Registration registration = new SipConnections(portal).status(regId);
        ObjectNode result = NODES.objectNode();
        result.put("REG_ID", regId);
        result.put("LAST_UPDATED", LAST_UPDATED.format(registration.lastUpdated().atZone(portal.settings().timeZone())));
        result.put("ERROR_MESSAGE", registration.errorMessage());
        result.put("STATUS_CODE", registration.statusCode());
        result.put("STATUS_RESULT", registration.result());
        return result;
    }

    /** PAID_DATE_END only when the connector is paid (sip-connector-status.md). */
    private static JsonNode connector(RestCall call) {
        Permissions.require(call, Rights::lineModify);
        VoximplantSettings settings = call.portal().store(VoximplantStore.class).settings();
        ObjectNode result = NODES.objectNode().put("FREE_MINUTES", settings.freeMinutes()).put("PAID", settings.connectorPaid());
        if (settings.connectorPaid() && settings.connectorPaidUntil() != null) {
            result.put("PAID_DATE_END", settings.connectorPaidUntil());
        }
        return result;
    }

    private static SipConnections.Fields fields(Params p) {
        return new SipConnections.Fields(p.text("TYPE").orElse(null), p.text("TITLE").orElse(null),
                p.text("SERVER").orElse(null), p.text("LOGIN").orElse(null), p.text("PASSWORD").orElse(null));
    }
}
