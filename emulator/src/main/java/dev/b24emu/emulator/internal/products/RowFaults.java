package dev.b24emu.emulator.internal.products;

import dev.b24emu.emulator.internal.transport.RestError;

/** The refusals of the product rows' methods, in the crm module's texts (specs/DECISIONS.md D177). */
final class RowFaults {
    private RowFaults() {
    }

    /** A RestException without a code (the server's "", D1's ERROR_CORE). */
    static RestError plain(String text) {
        return RestError.of("ERROR_CORE", text);
    }

    /** A row's check failing: CCrmProductRow::RegisterError's application exception, ending in {@code <br>}. */
    static RestError invalid(String text) {
        return RestError.of("ERROR_CORE", text + "<br>");
    }
}
