package dev.b24emu.emulator.internal.telephony;

/**
 * What the texts a client gave a kept call weigh, in bytes at two a character (a string's worst case): the bound on
 * call text (D122) adds and subtracts these as calls, rows, recordings and transcripts come and go. Only the fields a
 * client writes count; IDs and dates the emulator makes are small and the count bounds already cover them.
 */
final class TextWeight {
    private TextWeight() {
    }

    static long of(Call call) {
        return 2L * (length(call.phoneNumber()) + length(call.lineNumber()) + length(call.externalCallId()));
    }

    static long of(FinishedCall row) {
        return of(row.call()) + 2L * (length(row.costCurrency()) + length(row.statusCode()) + length(row.failedReason())
                + length(row.recordUrl()));
    }

    static long of(CallRecord record) {
        return 2L * (length(record.fileName()) + length(record.url()));
    }

    /** Its messages as JSON text: read once when it is attached or restored, never per request. */
    static long of(Transcript transcript) {
        return 2L * ((transcript.messages() == null ? 0 : transcript.messages().toString().length())
                + length(transcript.costCurrency()));
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
