package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One call of a REST method as its handler sees it: who calls, with which parameters, at which address, and a way to
 * report what the call did that the contract rules out but the real server accepts ({@code warnings}), and what the
 * emulator answered otherwise than a real portal through no fault of the call ({@code notices}, D197).
 *
 * @param clientAddress the client's IP address ($_SERVER['REMOTE_ADDR']: where a work day was closed from), or ""
 * @param start when the call started on the portal's clock: the time block's start, so a method that answers the
 *              time (server.time) agrees with the envelope's date_start
 * @param hit   the request the call is part of (a batch's commands share their batch's): the events it sends go to
 *              each handler once
 */
public record RestCall(Caller caller, Params params, Endpoints endpoints, String clientAddress,
                       Consumer<String> warnings, Consumer<String> notices, Instant start, Hit hit) {
    public Portal portal() {
        return caller.portal();
    }

    public long userId() {
        return caller.userId();
    }

    public void warn(String warning) {
        warnings.accept(warning);
    }

    /**
     * Something the contract rules out but the real server accepts, found by the method itself rather than by the
     * parameter schema: reported as the schema's deviations are, by the portal's validation mode (D27, D28): a
     * warning, a refusal in strict mode, nothing when validation is off.
     */
    public void deviation(String what) {
        switch (portal().settings().validation()) {
            case STRICT -> throw RestError.of("ERROR_ARGUMENT", what + Validate.ACCEPTED);
            case WARN -> warn(what);
            case OFF -> { }
        }
    }

    /**
     * Something the real server refuses, with an answer not established here, so that the emulator keeps the request:
     * a warning saying so, the refusal in strict mode (ERROR_CORE, the text the warning's), nothing when validation is
     * off.
     */
    public void refusedThere(String what) {
        switch (portal().settings().validation()) {
            case STRICT -> throw RestError.of("ERROR_CORE", what);
            case WARN -> warn(what);
            case OFF -> { }
        }
    }

    /**
     * Something the emulator does otherwise than a real portal, through no fault of the request: a feature it does
     * not keep (a recurrence, a quote). Told in every mode, refused in none, and not a contract deviation of the
     * client's (D197).
     */
    public void limitation(String what) {
        notices.accept(what);
    }
}
