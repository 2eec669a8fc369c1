package dev.b24emu.emulator.internal.voximplant.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.voximplant.Lines;
import dev.b24emu.emulator.internal.voximplant.Rights;
import dev.b24emu.emulator.internal.voximplant.RentedNumber;
import dev.b24emu.emulator.internal.voximplant.SipConnection;
import dev.b24emu.emulator.internal.voximplant.VoximplantErrors;
import dev.b24emu.emulator.internal.voximplant.VoximplantStore;

import java.util.Map;

/**
 * voximplant.line.get, voximplant.line.outgoing.get / .set / .sip.set (api-reference/telephony/voximplant/lines/*.md),
 * all behind the "Management of Numbers — modification" right.
 */
final class OutgoingLineMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OutgoingLineMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("voximplant.line.get", OutgoingLineMethods::lines)
                .add("voximplant.line.outgoing.get", call -> {
                    Permissions.require(call, Rights::lineModify);
                    return NODES.textNode(new Lines(call.portal()).outgoingLine());
                })
                .add("voximplant.line.outgoing.set", OutgoingLineMethods::set)
                .add("voximplant.line.outgoing.sip.set", OutgoingLineMethods::setSip);
    }

    /** {LINE_ID: name}; a portal without lines answers [] as PHP encodes an empty array (D63). */
    private static JsonNode lines(RestCall call) {
        Permissions.require(call, Rights::lineModify);
        Map<String, String> lines = new Lines(call.portal()).outgoingLines();
        if (lines.isEmpty()) {
            return NODES.arrayNode();
        }
        ObjectNode result = NODES.objectNode();
        lines.forEach(result::put);
        return result;
    }

    /** 1 whatever happens; the line changes only when it is available (line-outgoing-set.md, note). */
    private static JsonNode set(RestCall call) {
        Permissions.require(call, Rights::lineModify);
        String line = call.params().textOrEmpty("LINE_ID");
        Lines lines = new Lines(call.portal());
        if (!line.isEmpty() && lines.available(line)) {
            call.portal().store(VoximplantStore.class).outgoingLine(line);
        }
        return NODES.numberNode(1);
    }

    /**
     * Any configuration of the portal, whoever created it: a SIP connection or a rented number, as
     * SetPortalNumberByConfigId reads every row of the configurations and checks neither application nor kind (D63).
     */
    private static JsonNode setSip(RestCall call) {
        Permissions.require(call, Rights::lineModify);
        VoximplantStore store = call.portal().store(VoximplantStore.class);
        long configId = call.params().phpInt("CONFIG_ID");
        String line = store.sip(configId).map(SipConnection::lineId)
                .or(() -> store.numbers().stream().filter(n -> n.configId() == configId).findFirst()
                        .map(RentedNumber::number))
                .orElseThrow(VoximplantErrors::configNotFound);
        store.outgoingLine(line);
        return NODES.numberNode(1);
    }
}
