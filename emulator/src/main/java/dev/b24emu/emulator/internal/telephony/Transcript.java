package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** A transcription attached with telephony.call.attachTranscription. */
public record Transcript(long id, String callId, ArrayNode messages, Double cost, String costCurrency) {
}
