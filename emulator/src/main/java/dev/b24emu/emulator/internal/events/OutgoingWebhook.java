package dev.b24emu.emulator.internal.events;

import java.util.List;
import java.util.Optional;

/**
 * A portal's outgoing webhook (local-integrations/local-webhooks.md): a handler URL subscribed to events, with the
 * application_token the portal sends in every delivery so the handler can tell the portal from anyone else. It has
 * no application (the server's handler rows with APP_ID 0) and no credentials of its own.
 *
 * @param subscriptions each event it receives, with the handler ID its deliveries carry as event_handler_id
 */
public record OutgoingWebhook(long id, String title, String handlerUrl, String applicationToken,
                              List<Subscription> subscriptions) {
    /** One event of the webhook: the server keeps a handler row per event, so each has its own ID. */
    public record Subscription(String event, long handlerId) {
    }

    public OutgoingWebhook {
        subscriptions = List.copyOf(subscriptions);
    }

    public List<String> events() {
        return subscriptions.stream().map(Subscription::event).toList();
    }

    /** The handler ID of the event's subscription, when the webhook receives the event. */
    public Optional<Long> handlerId(String event) {
        return subscriptions.stream().filter(s -> s.event().equals(event)).map(Subscription::handlerId).findFirst();
    }
}
