package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.transport.RestError;

/**
 * Resolves an OAuth access token to its caller. Declared here and implemented by the applications area, so the
 * request path authenticates applications without knowing how they are installed.
 */
@FunctionalInterface
public interface TokenResolver {
    /**
     * @param caller  who the token stands for, also when it is refused for having expired (the request is then
     *                journaled on that caller's portal: a client's reaction to expiry is what conformance checks read)
     * @param refusal why the token is refused, or null when it is good
     */
    record Resolution(Caller caller, RestError refusal) {
    }

    Resolution resolve(String accessToken);
}
