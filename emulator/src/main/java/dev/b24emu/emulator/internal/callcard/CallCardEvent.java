package dev.b24emu.emulator.internal.callcard;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CallCard::* event as the card emitted it: the widget's handler gets {@code args} (EntityChanged: [data];
 * CallStateChanged: [callState, additionalParams]; BeforeClose: []).
 */
public record CallCardEvent(long seq, String name, JsonNode args, String time, String trigger) {
}
