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
            if (!traffic.retriedAfter(i, r -> r.credential() != null && !r.credential().equals(refused.credential()))) {
                ObjectNode actual = refused.view().put("token", refused.credential());
                ObjectNode expected = refused.viewAnswered().put("token", "<a new access_token from grant_type=refresh_token>");
                violations.add(new Violation(id(), refused.method() + " refused with expired_token was not retried "
                        + "with a refreshed token", refused.seq(), actual, expected));
            }
        }
        return violations;
    }
}
