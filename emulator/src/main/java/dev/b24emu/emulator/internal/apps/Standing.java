package dev.b24emu.emulator.internal.apps;

import java.time.Duration;
import java.time.Instant;

/**
 * Where an application stands with its payment on the portal's clock, as the server computes it
 * (AppTable::getAppStatusInfo): DAYS is null without a period, the days left otherwise, a begun day counted (negative once
 * it is over), PAYMENT_EXPIRED is Y once it is over. A trial or subscription stops at once; a paid application keeps working for
 * a 14-day grace period. An application whose payment is not allowed gets no new tokens (PAYMENT_REQUIRED) and no
 * events; a token it still holds keeps working until it expires, as the portal itself checks no payment
 * (specs/DECISIONS.md D111).
 */
public record Standing(String status, Long days, boolean paymentExpired, boolean paymentAllowed) {
    static final int GRACE_DAYS = 14;

    public static Standing of(App app, Instant now) {
        if (app.paidUntil() == null || app.status().equals("F") || app.status().equals("L")) {
            return new Standing(app.status(), null, false, true);
        }
        long seconds = Duration.between(now, app.paidUntil()).getSeconds();
        long days = Math.floorDiv(seconds + 86_399L, 86_400L); // a day begun counts as left: set 3, read 3
        boolean expired = seconds < 0;
        boolean allowed = !expired || (app.status().equals("P") && days >= -GRACE_DAYS);
        return new Standing(app.status(), days, expired, allowed);
    }
}
