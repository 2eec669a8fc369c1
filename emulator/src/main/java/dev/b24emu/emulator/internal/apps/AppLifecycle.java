package dev.b24emu.emulator.internal.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.events.EventStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.Duration;
import java.time.Instant;

/**
 * What happens to an installed application after its installation, as the administrator and the marketplace cause
 * it: installFinish from the wizard (ONAPPINSTALL to the handlers it bound), a new version (ONAPPUPDATE), the end or
 * renewal of its trial or paid period, a revocation of its tokens, and its deletion (ONAPPUNINSTALL with CLEAN, then
 * its handlers and tokens are gone; settings/app-uninstallation.md).
 */
public final class AppLifecycle {
    private final OAuthServer oauth;
    private final EventPublisher publisher;

    private final java.util.List<AppListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Tells the listener of each application deleted from now on. */
    public void listen(AppListener listener) {
        listeners.add(listener);
    }

    public AppLifecycle(OAuthServer oauth, EventPublisher publisher) {
        this.oauth = oauth;
        this.publisher = publisher;
    }

    public static App require(Portal portal, String appId) {
        return portal.store(AppStore.class).byAppKey(appId).or(() -> portal.store(AppStore.class).byClientId(appId))
                .orElseThrow(() -> new RestError(404, "APP_NOT_FOUND", "No application " + appId));
    }

    /** BX24.installFinish (the layout's set_installed): INSTALLED becomes true, then ONAPPINSTALL goes out. */
    public App finish(Portal portal, String appId, Endpoints endpoints) {
        App app = portal.exclusive(() -> {
            App finished = require(portal, appId).finished();
            portal.store(AppStore.class).put(finished);
            return finished;
        });
        publisher.publish(portal, EventNames.APP_INSTALL, EventPublisher.installData(app.version()),
                new EventPublisher.Emit(Origin.user(app.installedBy(), endpoints), app.appKey(), app.appKey()));
        return app;
    }

    /** A newer version installed: ONAPPUPDATE with VERSION and PREVIOUS_VERSION (on-app-update.md). */
    public App update(Portal portal, String appId, JsonNode body, Endpoints endpoints) {
        int version = body.path("version").asInt(0);
        App[] before = new App[1];
        App app = portal.exclusive(() -> {
            before[0] = require(portal, appId);
            if (version <= before[0].version()) {
                throw new IllegalArgumentException("version must be an integer above " + before[0].version());
            }
            App updated = before[0].withVersion(version);
            portal.store(AppStore.class).put(updated);
            return updated;
        });
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("VERSION", Integer.toString(version));
        data.put("PREVIOUS_VERSION", Integer.toString(before[0].version()));
        data.put("LANGUAGE_ID", AppInfo.LANGUAGE);
        publisher.publish(portal, EventNames.APP_UPDATE, data,
                new EventPublisher.Emit(Origin.user(app.installedBy(), endpoints), app.appKey(), app.appKey()));
        // CRestUtil::UpdateApp's EventTable::deleteAppInstaller: the installer's ONAPPINSTALL handlers go, the
        // application's other handlers stay (event-bind.md says all go: D116)
        portal.store(EventStore.class).unbind(h -> h.appKey().equals(app.appKey())
                && h.event().equalsIgnoreCase(EventNames.APP_INSTALL));
        return app;
    }

    /**
     * event.test (api-reference/events/test-handler.md): ONAPPTEST to the calling application's handlers only, with
     * the call's parameters as QUERY (the server's OnAppEvent refuses every other application's handler).
     */
    public void test(Portal portal, String appKey, long userId, ObjectNode query, String authConnector, Endpoints endpoints) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("QUERY", query);
        data.put("LANGUAGE_ID", AppInfo.LANGUAGE);
        publisher.publish(portal, EventNames.APP_TEST, data,
                new EventPublisher.Emit(new Origin(userId, appKey, authConnector, endpoints, null), appKey, "test"));
    }

    /**
     * The trial or paid period: {status, days} — days left from now on the portal's clock (negative: it ended that
     * many days ago), or no days for an application without a period.
     */
    public App subscription(Portal portal, String appId, JsonNode body) {
        String status = body.path("status").asText("");
        if (!Installation.STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of L, F, D, T, P, S");
        }
        Instant paidUntil = body.hasNonNull("days") ? portal.now().plus(Duration.ofDays(body.get("days").asLong())) : null;
        return portal.exclusive(() -> {
            App changed = require(portal, appId).withSubscription(status, paidUntil);
            portal.store(AppStore.class).put(changed);
            return changed;
        });
    }

    /**
     * A payment the marketplace records ({status P or S, days}): the period as {@link #subscription} sets it, then
     * ONAPPPAYMENT to the application's handlers (bitrix24's OnAfterAppPaid, CRestProvider::OnAppPayment: CODE,
     * VERSION, and STATUS, PAYMENT_EXPIRED and DAYS as app.info reads them; LANGUAGE_ID as on-app-payment.md shows).
     * Nobody signs in to pay, so the delivery carries no token (D202).
     */
    public App payment(Portal portal, String appId, JsonNode body, Endpoints endpoints) {
        String status = body.path("status").asText("");
        if (!status.equals("P") && !status.equals("S")) {
            throw new IllegalArgumentException("status must be P (paid) or S (subscription): a payment");
        }
        if (!body.path("days").canConvertToLong() || body.path("days").asLong() < 1) {
            throw new IllegalArgumentException("days must be the whole days paid for, 1 or more");
        }
        App app = subscription(portal, appId, body);
        Standing standing = Standing.of(app, portal.now());
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("CODE", app.clientId());
        data.put("VERSION", app.version());
        data.put("STATUS", standing.status());
        data.put("PAYMENT_EXPIRED", standing.paymentExpired() ? "Y" : "N");
        data.put("DAYS", standing.days());
        data.put("LANGUAGE_ID", AppInfo.LANGUAGE);
        publisher.publish(portal, EventNames.APP_PAYMENT, data,
                new EventPublisher.Emit(Origin.noUser(endpoints), app.appKey(), app.appKey()));
        return app;
    }

    /** Revokes the application's tokens: its refresh tokens renew nothing more (invalid_grant). */
    public int revoke(Portal portal, String appId) {
        return oauth.revoke(portal.id(), require(portal, appId).clientId());
    }

    /**
     * Deletes the application: ONAPPUNINSTALL first (queued while its handlers still exist), then its handlers and
     * its tokens go (CRestUtil::CleanApp order).
     */
    public App uninstall(Portal portal, String appId, boolean clean, Endpoints endpoints) {
        // as one step: two uninstalls at once both answered and ONAPPUNINSTALL went out twice; the second now finds
        // no application, and a reinstall cannot slip between the removal and the tokens' end
        return portal.exclusive(() -> {
            App app = require(portal, appId);
            publisher.uninstalled(portal, app.appKey(), app.applicationToken(), clean, endpoints);
            portal.store(EventStore.class).unbind(h -> h.appKey().equals(app.appKey()));
            portal.store(AppStore.class).remove(app);
            listeners.forEach(listener -> listener.uninstalled(portal, app.appKey()));
            oauth.uninstalled(portal.id(), app.clientId());
            return app;
        });
    }
}
