package dev.b24emu.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;
import dev.b24emu.emulator.internal.transport.Stage;

import java.time.Instant;

/**
 * The real REST limits (limits.md), when the portal has them on: the leaky bucket and the method's operating time
 * before the call ({@link #check}). The time the call spent is counted after it ({@link #account}) whether or not
 * the limits are on, so every success's time block carries operating and operating_reset_at as on a cloud portal
 * (limits.md: "the time array in the response contains the operating key"; SDKs read both). "An external call to
 * batch is not accounted for in operating. Nested calls are executed as separate methods": batch itself is neither
 * checked nor counted, {@link Batch} checks and counts each command ({@link #checkOperating}, {@link #spend}).
 */
final class Limits {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BATCH = "batch";

    private Limits() {
    }

    static Stage check() {
        return exchange -> {
            Caller caller = exchange.principal();
            Portal portal = caller.portal();
            PortalSettings settings = portal.settings();
            if (!settings.limits()) {
                return;
            }
            if (!portal.store(RateLimiter.class).admit(exchange.clientAddress(), portal.now(), settings.rateLimit(),
                    settings.burst())) {
                throw new RestError(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
            }
            if (!exchange.method().equalsIgnoreCase(BATCH)) {
                checkOperating(caller, exchange.method());
            }
        };
    }

    static Stage account() {
        return exchange -> {
            Caller caller = exchange.principal();
            Portal portal = caller.portal();
            RateLimiter limiter = portal.store(RateLimiter.class);
            String key = RateLimiter.key(caller, exchange.method());
            if (!exchange.method().equalsIgnoreCase(BATCH)) {
                spend(portal, key, exchange.startedNanos());
            }
            // as nodes: Jackson's valueToTree of a boxed number was a twentieth of the bytes a request allocated
            exchange.timeExtras().put("operating_reset_at", NODES.numberNode(limiter.resetAt(key, portal.now()).getEpochSecond()));
            // seconds to the microsecond in plain notation, as PHP prints them (a double node wrote 8.88264E-4); a
            // DecimalNode as is, since the factory's strips trailing zeros and 480.000000 would print as 4.8E+2
            exchange.timeExtras().put("operating", DecimalNode.valueOf(java.math.BigDecimal.valueOf(
                    Math.round(limiter.operating(key, portal.now()) * 1e6), 6)));
        };
    }

    /**
     * 429 OPERATION_TIME_LIMIT when the portal has limits on and the caller (an application or a webhook) used up the
     * method's operating time.
     */
    static void checkOperating(Caller caller, String method) {
        Portal portal = caller.portal();
        PortalSettings settings = portal.settings();
        Instant now = portal.now();
        if (settings.limits() && portal.store(RateLimiter.class).operating(RateLimiter.key(caller, method), now)
                >= settings.operatingLimit()) {
            throw new RestError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit");
        }
    }

    /** Counts the time a call of the method took, from its start, into the caller's operating time of it. */
    static void spend(Caller caller, String method, long startedNanos) {
        spend(caller.portal(), RateLimiter.key(caller, method), startedNanos);
    }

    private static void spend(Portal portal, String key, long startedNanos) {
        portal.store(RateLimiter.class).spend(key, (System.nanoTime() - startedNanos) / 1e9, portal.now());
    }
}
