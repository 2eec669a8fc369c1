package dev.b24emu.emulator.internal.apps;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An application installed on a portal.
 *
 * @param appKey           the application's ID on the portal (REST_APP_ID), a decimal string
 * @param handlerUrl       where the installation callback (ONAPPINSTALL) goes, or null
 * @param applicationToken the secret the portal sends in every event's auth block, so handlers can check the sender
 * @param installedBy      the user who installed it; offline events and admin-only calls check this user
 * @param version          the installed version (app.info VERSION, an integer on the real server)
 * @param status           app.info STATUS: L local, F free, D demo, T trial, P paid, S subscription
 * @param awaitingFinish   an application with an installation wizard (installUrl) that has not called installFinish:
 *                         app.info says INSTALLED false and no event reaches it (installation-finish.md)
 * @param installUrl       the wizard's address, opened with the page form at installation, or null
 * @param redirectUri      where the authorization-code flow returns (settings/oauth/index.md), or null
 * @param paidUntil        the end of the trial or paid period on the portal's clock, or null when it has none
 */
public record App(String appKey, String clientId, String clientSecret, String name, Set<String> scopes,
                  String handlerUrl, String applicationToken, long installedBy, int version, String status,
                  boolean awaitingFinish, String installUrl, String redirectUri, Instant paidUntil) {
    public App {
        scopes = Set.copyOf(scopes);
        version = Math.max(version, 1);
        status = status == null ? "L" : status;
    }

    /**
     * Why the portal sends this application no events now, or empty when it does: an installation wizard not through
     * installFinish (installation-finish.md), or a payment that ran out past its grace (D111). Said to whoever caused
     * an event it will not get, so a withheld event is not taken for a lost one.
     */
    public Optional<String> eventsWithheld(Instant now) {
        if (awaitingFinish) {
            return Optional.of("application " + appKey + " has not called installFinish (it is still in its"
                    + " installation wizard), so the portal sends it no events");
        }
        if (!Standing.of(this, now).paymentAllowed()) {
            return Optional.of("application " + appKey + "'s payment ran out on " + paidUntil
                    + ", so the portal sends it no events");
        }
        return Optional.empty();
    }

    public String scopeList() {
        return String.join(",", scopes.stream().sorted().toList());
    }

    App finished() {
        return new App(appKey, clientId, clientSecret, name, scopes, handlerUrl, applicationToken, installedBy, version,
                status, false, installUrl, redirectUri, paidUntil);
    }

    App withVersion(int newVersion) {
        return new App(appKey, clientId, clientSecret, name, scopes, handlerUrl, applicationToken, installedBy,
                newVersion, status, awaitingFinish, installUrl, redirectUri, paidUntil);
    }

    App withSubscription(String newStatus, Instant newPaidUntil) {
        return new App(appKey, clientId, clientSecret, name, scopes, handlerUrl, applicationToken, installedBy, version,
                newStatus, awaitingFinish, installUrl, redirectUri, newPaidUntil);
    }
}
