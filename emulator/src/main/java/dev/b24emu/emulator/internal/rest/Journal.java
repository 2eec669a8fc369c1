package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts every answered request of a known caller in its portal's request journal (specs/DECISIONS.md D49), and one
 * refused for credentials that name no portal in the emulator-wide journal of such requests, with why (D184).
 */
final class Journal implements Consumer<RestExchange> {
    /** the origin of the journal's monotonic uptime stamps */
    private static final long STARTED_NANOS = System.nanoTime();

    private final ObjectMapper json;
    private final RequestJournal noPortal;
    private final EmulatorClock clock;

    Journal(ObjectMapper json, RequestJournal noPortal, EmulatorClock clock) {
        this.json = json;
        this.noPortal = noPortal;
        this.clock = clock;
    }

    @Override
    public void accept(RestExchange exchange) {
        Caller caller = exchange.principal();
        RestError error = exchange.error();
        if (caller == null) {
            NoPortal why = exchange.note(NoPortal.class);
            if (why != null && error != null) {
                List<String> warnings = new ArrayList<>(exchange.warnings());
                warnings.add(why.why());
                noPortal.record(IsoTime.format(clock.instant(), ZoneOffset.UTC), new RequestJournal.Who(null, why.auth(),
                        null, why.credential()), exchange.method(),
                        exchange.httpMethod(), exchange.params(), error.httpStatus(), error.code(), error.description(),
                        null, warnings, List.of(), micros(exchange), uptimeMillis(exchange));
            }
            return;
        }
        Portal portal = caller.portal();
        String dropped = Faults.dropCode(exchange);
        int status = dropped != null ? 0 : error == null ? 200 : error.httpStatus();
        String code = dropped != null ? dropped : error == null ? null : error.code();
        String description = dropped != null || error == null ? null : error.description();
        JsonNode result = error != null || dropped != null || exchange.result() == null ? null : resultOf(exchange.result());
        RequestJournal.Who who = new RequestJournal.Who(portal.id(), caller.authType().label(),
                caller.clientId(), caller.credential());
        portal.store(RequestJournal.class).record(portal.isoNow(), who, exchange.method(), exchange.httpMethod(),
                exchange.params(), status, code, description, result, exchange.warnings(), exchange.notices(), micros(exchange),
                uptimeMillis(exchange));
    }

    private static long micros(RestExchange exchange) {
        return (System.nanoTime() - exchange.startedNanos()) / 1000;
    }

    private static long uptimeMillis(RestExchange exchange) {
        return (exchange.startedNanos() - STARTED_NANOS) / 1_000_000;
    }

    private JsonNode resultOf(Object result) {
        if (result instanceof ListResult page) {
            return page.items();
        }
        return result instanceof JsonNode node ? node : json.valueToTree(result);
    }
}
