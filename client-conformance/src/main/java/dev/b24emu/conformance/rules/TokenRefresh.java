package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * An access token lives an hour; on expired_token the integration refreshes it with its refresh token and
 * repeats the refused call with the new one, instead of failing the call or retrying with the dead token.
 */
final class TokenRefresh extends Rule {
    private static final String EXPIRED = "expired_token";
    /** the answers to credentials the portal does not take: a retry answered so was not made with a working token */
    private static final java.util.Set<String> AUTH_ERRORS = java.util.Set.of(EXPIRED, "invalid_token", "NO_AUTH_FOUND",
            "WRONG_AUTH_TYPE", "INVALID_CREDENTIALS", "insufficient_scope", "authorization_error");

    TokenRefresh() {
        super("token-refresh",
                "expired_token leads to a token refresh and a retry of the refused call",
                "settings/oauth/auto-renewal.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return traffic.requests().stream().anyMatch(r -> EXPIRED.equals(r.error()));
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        List<Traffic.Request> requests = traffic.requests();
        for (int i = 0; i < requests.size(); i++) {
            Traffic.Request refused = requests.get(i);
            if (!EXPIRED.equals(refused.error())) {
                continue;
            }
            // the retry judged: a new token the portal took, whatever the call then answered (a retry refused for
            // another mistake is that mistake's finding: audit 50b's refresh was blamed for a bad USER_ID)
            boolean retried = requests.subList(i + 1, requests.size()).stream().anyMatch(r -> r.is(refused.method())
                    && r.credential() != null && !r.credential().equals(refused.credential())
                    && (r.error() == null || !AUTH_ERRORS.contains(r.error())));
            if (!retried) {
                ObjectNode actual = refused.view().put("token", refused.credential());
                ObjectNode expected = refused.viewAnswered().put("token", "<a new access_token from grant_type=refresh_token>");
                violations.add(new Violation(id(), refused.method() + " refused with expired_token was not retried "
                        + "with a refreshed token", refused.seq(), actual, expected));
            }
        }
        return violations;
    }
}
