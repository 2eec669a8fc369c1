package dev.b24emu.emulator.internal.contract;

import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.transport.Caller;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RequestValidator;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.specs.Contracts;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds every request to its method's parameter schema in specs/ before the method runs. A violation is answered
 * as the real server answers that parameter (the schema's x-b24-error), the first in the server's validation
 * order; otherwise 400 ERROR_ARGUMENT naming the parameter. In a portal's strict mode unknown parameters are
 * refused too; by default they are ignored, as the real server ignores them.
 */
public final class SchemaValidation implements RequestValidator {
    /** Parameters any method accepts: the source key of offline events (api-reference/events/offline-events.md). */
    private static final Set<String> GENERAL_PARAMS = Set.of("auth_connector");

    private final Contracts contracts;

    public SchemaValidation(Contracts contracts) {
        this.contracts = contracts.compileAll();
    }

    @Override
    public void check(Caller caller, String method, Params params) {
        PortalSettings settings = caller.portal().settings();
        if (!settings.validateRequests() || contracts.method(method).isEmpty()) {
            return;
        }
        List<Contracts.Violation> violations = contracts.validateParams(method, params.tree());
        if (!violations.isEmpty()) {
            Contracts.Violation first = violations.get(0);
            throw first.error().map(e -> new RestError(e.status(), e.code(), e.message()))
                    .orElseGet(() -> RestError.of("ERROR_ARGUMENT", describe(first)));
        }
        if (settings.strict()) {
            Set<String> documented = contracts.documentedParams(method).stream()
                    .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            for (Iterator<String> names = params.tree().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!documented.contains(name.toLowerCase(Locale.ROOT)) && !GENERAL_PARAMS.contains(name)) {
                    throw RestError.of("ERROR_ARGUMENT", "Unknown parameter " + name + " (strict mode)");
                }
            }
        }
    }

    private static String describe(Contracts.Violation violation) {
        String subject = violation.property().isEmpty() ? "Parameters" : "Parameter " + violation.property();
        return subject + " is invalid: " + violation.message();
    }
}
