package dev.b24emu.emulator.internal.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.transport.Pipeline;
import dev.b24emu.emulator.internal.transport.Stage;
import dev.b24emu.specs.Contracts;

import java.util.List;

/**
 * The REST request path of a portal, stage by stage: authenticate → authorize (method, scope, application context)
 * → limits → faults → validate → call → account, with the journal told of every answer. {@link #batch} runs a
 * batch's commands through the same checks.
 */
public final class RestService {
    private final MethodTable methods;
    private final Pipeline pipeline;
    private final Validate validate;

    /**
     * @param noPortal  the emulator-wide journal of requests refused for credentials that name no portal (D184)
     * @param committed the last stage: run after every answered call and before the answer is written (durable
     *                  state mode saves there), a no-op otherwise
     */
    public RestService(PortalRegistry portals, TokenResolver tokens, UserStatus users, MethodTable methods,
                       Contracts contracts, ObjectMapper json, RequestJournal noPortal, Stage committed) {
        this.methods = methods;
        this.validate = new Validate(contracts);
        Authenticate authenticate = new Authenticate(portals, tokens, methods, users);
        this.pipeline = new Pipeline(
                List.of(authenticate.beforeBody()),
                List.of(authenticate, new Authorize(methods), Limits.check(), Faults.inject(), Faults.answer(),
                        validate, new Invoke(), Limits.account(), committed),
                List.of(Validate::silentWhenOff, new Journal(json, noPortal, portals.clock())));
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public MethodTable methods() {
        return methods;
    }

    /** The batch method, running each command as its caller with the same checks as a direct call. */
    public RestMethod batch(ObjectMapper json) {
        return new Batch(methods, validate, new dev.b24emu.emulator.internal.transport.Envelope(json));
    }
}
