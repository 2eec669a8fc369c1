package dev.b24emu.emulator.internal.callcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A CallCard::* event as the card emitted it: {@code args} are the arguments the card's page fires it with
 * (EntityChanged: [data]; CallStateChanged: [callState, additionalParams]; BeforeClose: []).
 */
public record CallCardEvent(long seq, String name, JsonNode args, String time, String trigger) {

    /**
     * What a widget's handler bound through BX24.placement.bindEvent is called with (D187). The portal's page forwards
     * a fired event to the widget's frame through its one-argument reply ({@code _cb(res)} in rest/applayout.js), so
     * the library hands the handler the first argument alone, and an event of none as the empty list it parses from
     * an empty message; with {@code firstOnly} false, every argument, as the event pages show them.
     */
    public JsonNode handlerArgs(boolean firstOnly) {
        if (!firstOnly) {
            return args;
        }
        ArrayNode handed = JsonNodeFactory.instance.arrayNode();
        return args.isEmpty() ? handed.add(handed.arrayNode()) : handed.add(args.get(0));
    }
}
