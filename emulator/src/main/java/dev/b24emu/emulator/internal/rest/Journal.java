package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.function.Consumer;

/** Puts every answered request of a known caller in its portal's request journal (specs/DECISIONS.md D49). */
final class Journal implements Consumer<RestExchange> {
    /** the origin of the journal's monotonic uptime stamps */
    private static final long STARTED_NANOS = System.nanoTime();

    private final ObjectMapper json;

    Journal(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void accept(RestExchange exchange) {
        Caller caller = exchange.principal();
        if (caller == null) {
            return;
        }
        Portal portal = caller.portal();
        RestError error = exchange.error();
        String dropped = Faults.dropCode(exchange);
        int status = dropped != null ? 0 : error == null ? 200 : error.httpStatus();
        String code = dropped != null ? dropped : error == null ? null : error.code();
        JsonNode result = error != null || dropped != null || exchange.result() == null ? null : resultOf(exchange.result());
        RequestJournal.Who who = new RequestJournal.Who(portal.id(), caller.authType().label(),
                caller.clientId(), caller.credential());
        portal.store(RequestJournal.class).record(portal.isoNow(), who, exchange.method(), exchange.httpMethod(),
                exchange.params(), status, code, result, exchange.warnings(),
                (System.nanoTime() - exchange.startedNanos()) / 1000, (exchange.startedNanos() - STARTED_NANOS) / 1_000_000);
    }

    private JsonNode resultOf(Object result) {
        if (result instanceof ListResult page) {
            return page.items();
        }
        return result instanceof JsonNode node ? node : json.valueToTree(result);
    }
}
