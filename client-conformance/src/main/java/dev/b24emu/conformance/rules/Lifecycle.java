package dev.b24emu.conformance.rules;

import dev.b24emu.conformance.Traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Installed again after a deletion or a revocation of its tokens, the integration takes the tokens of the new
 * ONAPPINSTALL and calls with them: no call after the new installation is refused for a token of the old one.
 */
final class Lifecycle extends Rule {
    private static final Set<String> OLD_TOKEN = Set.of("APPLICATION_NOT_FOUND", "invalid_token");

    Lifecycle() {
        super("lifecycle",
                "after a deletion or a revocation and a new installation, calls use the new installation's tokens",
                "settings/app-uninstallation.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        // installed again, and then a call made with a token: one made with other credentials (the driver's webhook
        // URL) says nothing of which token the integration keeps
        List<Traffic.Delivery> installs = traffic.delivered("ONAPPINSTALL");
        return installs.size() > 1 && traffic.requests().stream().anyMatch(r -> r.seq() > installs.get(installs.size() - 1)
                .seq() && "oauth".equals(r.auth()));
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        List<Traffic.Delivery> installs = traffic.delivered("ONAPPINSTALL");
        if (installs.size() < 2) {
            return violations;
        }
        long reinstalled = installs.get(installs.size() - 1).seq();
        for (Traffic.Request request : traffic.requests()) {
            if (request.seq() > reinstalled && request.error() != null && OLD_TOKEN.contains(request.error())) {
                violations.add(new Violation(id(), request.method() + " was called with a token of the deleted or revoked"
                        + " installation (" + request.error() + ")", request.seq(),
                        request.view().put("token", request.credential()),
                        request.viewAnswered().put("token", "<the access_token of the last ONAPPINSTALL>")));
            }
        }
        return violations;
    }
}
