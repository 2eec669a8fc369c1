package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * After QUERY_LIMIT_EXCEEDED the integration waits before its next request (the bucket drains 2 requests a
 * second, so anything sooner than half a second is refused again) and then retries the refused call rather than
 * dropping it (whatever the retry is then answered).
 */
final class RateLimitBackoff extends Rule {
    static final long MIN_PAUSE_MILLIS = 500;
    private static final String LIMIT = "QUERY_LIMIT_EXCEEDED";

    RateLimitBackoff() {
        super("rate-limit-backoff",
                "QUERY_LIMIT_EXCEEDED is retried after a pause of at least " + MIN_PAUSE_MILLIS + " ms, not hammered or dropped",
                "settings/performance/limits.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return traffic.requests().stream().anyMatch(r -> LIMIT.equals(r.error()));
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Traffic.Request> requests = traffic.requests();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Traffic.Request refused = requests.get(i);
            if (!LIMIT.equals(refused.error())) {
                continue;
            }
            if (i + 1 < requests.size()) {
                Traffic.Request next = requests.get(i + 1);
                long pause = next.uptimeMillis() - refused.uptimeMillis();
                if (pause < MIN_PAUSE_MILLIS) {
                    violations.add(new Violation(id(), "Next request " + pause + " ms after QUERY_LIMIT_EXCEEDED on "
                            + refused.method(), next.seq(), timing(refused, next, pause),
                            timing(refused, next, MIN_PAUSE_MILLIS).put("pauseMillis", ">= " + MIN_PAUSE_MILLIS)));
                }
            }
            if (!retried(requests, i)) {
                violations.add(new Violation(id(), refused.method() + " refused with QUERY_LIMIT_EXCEEDED was never "
                        + "retried", refused.seq(), refused.view(), refused.viewAnswered()));
            }
        }
        return violations;
    }

    /**
     * Whether a later call of the method got past the limit: the integration came back to it. What it then answered
     * (another mistake in the call, a success) is other rules' business, so a retry refused for a bad TYPE counts.
     */
    private static boolean retried(List<Traffic.Request> requests, int index) {
        Traffic.Request refused = requests.get(index);
        return requests.subList(index + 1, requests.size()).stream()
                .anyMatch(r -> r.is(refused.method()) && !LIMIT.equals(r.error()));
    }

    private static ObjectNode timing(Traffic.Request refused, Traffic.Request next, long pause) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("refused", refused.method());
        view.put("then", next.method());
        view.put("pauseMillis", pause);
        return view;
    }
}
