package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;
import dev.b24emu.emulator.internal.transport.Stage;

/** The method exists, the caller's scopes cover it, and a method reserved for applications is not called by a webhook. */
final class Authorize implements Stage {
    private final MethodTable methods;

    Authorize(MethodTable methods) {
        this.methods = methods;
    }

    @Override
    public void apply(RestExchange exchange) {
        MethodTable.Method method = methods.find(exchange.method(), exchange.path().v3())
                .orElseThrow(() -> RestError.methodNotFound(exchange.path()));
        exchange.method(method.name());
        exchange.handler(method);
        check(exchange.principal(), method);
    }

    /**
     * The scope and application-context rules of a method for a caller (also for each command of a batch), checked
     * here rather than in the method so that they come before what the validation stage would say of its parameters,
     * as on the real server, whose methods check who calls them before reading anything.
     */
    static void check(Caller caller, MethodTable.Method method) {
        if (!method.grantedBy(caller.scopes())) {
            if (method.v3()) {
                throw RestError.insufficientScopeV3();
            }
            throw caller.isWebhook() ? RestError.insufficientScope() : RestError.insufficientScopeOAuth();
        }
        if (method.appContextOnly() && caller.isWebhook() && caller.portal().settings().appContextOnly()) {
            throw RestError.wrongAuthType();
        }
        if (caller.isWebhook()) {
            method.webhookRefusal().ifPresent(refusal -> {
                throw new RestError(refusal.status(), refusal.code(), refusal.message());
            });
        }
    }
}
