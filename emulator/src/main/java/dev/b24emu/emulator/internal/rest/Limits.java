package dev.b24emu.emulator.internal.rest;

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
 * (limits.md: "the time array in the response contains the operating key"; SDKs read both).
 */
final class Limits {
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
            RateLimiter limiter = portal.store(RateLimiter.class);
            Instant now = portal.now();
            if (!limiter.admit(now, settings.rateLimit(), settings.burst())) {
                throw new RestError(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
            }
            if (limiter.operating(exchange.method(), now) >= settings.operatingLimit()) {
                throw new RestError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit");
            }
        };
    }

    static Stage account() {
        return exchange -> {
            Portal portal = ((Caller) exchange.principal()).portal();
            RateLimiter limiter = portal.store(RateLimiter.class);
            double seconds = (System.nanoTime() - exchange.startedNanos()) / 1e9;
            limiter.spend(exchange.method(), seconds, portal.now());
            exchange.timeExtras().put("operating_reset_at", limiter.resetAt(portal.now()).getEpochSecond());
            exchange.timeExtras().put("operating", limiter.operating(exchange.method(), portal.now()));
        };
    }
}
