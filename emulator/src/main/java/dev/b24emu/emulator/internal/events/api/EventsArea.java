package dev.b24emu.emulator.internal.events.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.control.ControlViews;
import dev.b24emu.emulator.internal.events.EventStore;
import dev.b24emu.emulator.internal.events.OutgoingWebhook;
import dev.b24emu.emulator.internal.events.OutgoingWebhooks;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.List;

/**
 * Events: event.bind / unbind / get, events, the offline queue methods; the handlers, outgoing webhooks and queue of
 * each portal; the outgoing webhooks' control endpoints and seed field.
 */
public final class EventsArea implements Area {
    /** An outgoing webhook as the control API shows it: the token is what its handler compares deliveries with. */
    public record WebhookView(long id, String title, String handlerUrl, List<String> events,
                              @JsonProperty("application_token") String applicationToken) {
        static WebhookView of(OutgoingWebhook webhook) {
            return new WebhookView(webhook.id(), webhook.title(), webhook.handlerUrl(), webhook.events(),
                    webhook.applicationToken());
        }
    }

    private final SelfGuard self;
    private final OutgoingWebhooks webhooks;

    public EventsArea(SelfGuard self) {
        this.self = self;
        this.webhooks = new OutgoingWebhooks(self);
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("events", EventStore.class,
                portal -> new EventStore(portal.bounds().finishedCalls(), portal.bounds().callTextBytes())));
    }

    @Override
    public List<SeedSection> seedSections() {
        return List.of(webhooks.seedSection());
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("event.", "events");
    }

    @Override
    public void methods(MethodTable methods) {
        new EventMethods(self).register(methods);
    }

    @Override
    public void control(ControlRoutes routes) {
        ControlRoutes portal = routes.portal();
        portal.post("/outgoing-webhooks", 201, request -> WebhookView.of(webhooks.create(request.portal(), request.body())));
        portal.get("/outgoing-webhooks", request -> request.portal().store(EventStore.class).webhooks().stream()
                .map(WebhookView::of).toList());
        portal.delete("/outgoing-webhooks/:webhookId", request -> {
            long id = request.pathLong("webhookId");
            if (!request.portal().store(EventStore.class).removeWebhook(id)) {
                throw new RestError(404, "WEBHOOK_NOT_FOUND", "No outgoing webhook " + id);
            }
            return new ControlViews.Deleted(Long.toString(id));
        });
    }
}
