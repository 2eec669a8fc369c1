package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.events.EventStore;
import dev.b24emu.emulator.internal.phone.DialledNumber;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.users.UserStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything that happens to an external call, with all its effects, in one place: register (validation, reuse,
 * CRM, events, the card), finish (activity, statistics, record, events, cards), show and hide, binding a client
 * from the card, and what the portal does on its own (click-to-call, a callback request). REST methods, the control
 * API and the call card all go through here, so the same change always has the same effects.
 */
public final class CallService {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.telephony");
    private final CallEvents events;
    /** other areas' reactions to a call (the call-card model) */
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();

    /** the portal's outgoing line, from built-in telephony once it is wired (none before) */
    private volatile OutgoingLine outgoingLine = portal -> Optional.empty();
    /** whether the statistics hold an ended built-in call (a callback, an infocall): built-in telephony's, once wired */
    private volatile java.util.function.BiPredicate<Portal, String> builtInEnded = (portal, callId) -> false;

    public CallService(EventPublisher publisher) {
        this.events = new CallEvents(publisher);
    }

    /** Where the portal's outgoing line is read; called while the emulator is being assembled. */
    public void outgoingLine(OutgoingLine line) {
        this.outgoingLine = line;
    }

    /** Where ended built-in calls are looked up; called while the emulator is being assembled. */
    public void builtInEnded(java.util.function.BiPredicate<Portal, String> ended) {
        this.builtInEnded = ended;
    }

    /**
     * Whether the call is in the portal's statistics, finished: an external call or a built-in one, as the server's
     * attachRecord and attachTranscription look the CALL_ID up in StatisticTable, where callbacks and infocalls are too
     * (they were "not found" here: audit 61a).
     */
    public boolean inStatistics(Portal portal, String callId) {
        return portal.store(TelephonyStore.class).finished(callId).isPresent() || builtInEnded.test(portal, callId);
    }

    /** Adds a reaction to calls' moments; called while the emulator is being assembled. */
    public void listen(CallListener listener) {
        listeners.add(listener);
    }

    /** Registers a call (or finds it reused), tells the event handlers of a new one, and shows its card when asked. */
    public RegisterResult register(Portal portal, RegisterRequest request, Origin origin) {
        RegisterResult registered = registerNew(portal, request, origin);
        events.registered(portal, registered, origin);
        if (request.show()) {
            Call call = registered.call();
            listeners.forEach(l -> l.shown(portal, call, Set.of(call.userId()), origin.endpoints()));
        }
        return registered;
    }

    /** Registers a call; the listeners let go of the calls it pushed past the portal's bound, said once per portal. */
    private RegisterResult registerNew(Portal portal, RegisterRequest request, Origin origin) {
        RegisterResult registered = new CallRegistration(portal, origin).register(request);
        for (Call dropped : registered.dropped()) {
            listeners.forEach(l -> l.dropped(portal, dropped));
        }
        if (!registered.dropped().isEmpty() && portal.store(TelephonyStore.class).firstDropReport()) {
            LOG.warn("Portal {} reached its bound of {} open calls (--max-open-calls) or of {} MB of call text"
                    + " (--max-call-megabytes): each new call now drops the oldest unfinished one", portal.id(),
                    portal.bounds().openCalls(), portal.bounds().callMegabytes());
        }
        return registered;
    }

    /** Finishes a call: the statistics row, the record link when one was given, the end event, the cards. */
    public FinishedCall finish(Portal portal, FinishRequest request, Origin origin) {
        FinishedCall row = new CallCompletion(portal, origin).finish(request);
        if (row.recordUrl() != null && !row.recordUrl().isBlank()) {
            RecordFiles.attach(portal, row.call().callId(), recordName(portal, row), "url", row.recordUrl(), null,
                    RecordFiles.Files.ADDED, origin);
        }
        events.finished(portal, row, origin);
        listeners.forEach(l -> l.ended(portal, row));
        return row;
    }

    /**
     * Keeps an ended call's transcription (its MESSAGES, already checked) and tells the listeners of an external one's
     * (a built-in call has no follow-up to carry it); empty when the statistics do not hold the call.
     */
    public Optional<Transcript> attachTranscription(Portal portal, String callId,
                                                    com.fasterxml.jackson.databind.node.ArrayNode messages,
                                                    Double cost, String costCurrency) {
        Optional<FinishedCall> row = portal.store(TelephonyStore.class).finished(callId);
        if (row.isEmpty() && !builtInEnded.test(portal, callId)) {
            return Optional.empty();
        }
        Transcript transcript = portal.store(TelephonyStore.class).addTranscript(callId, messages, cost, costCurrency);
        row.ifPresent(finished -> listeners.forEach(l -> l.transcribed(portal, finished, transcript)));
        return Optional.of(transcript);
    }

    /** Shows the card of an open call to users; false for an unknown or finished call. */
    public boolean show(Portal portal, String callId, Set<Long> users, Origin origin) {
        // the real server sends each ID a pull event, which reaches no one for an ID that is no user: no card to
        // keep, and a list of a million IDs (8 MB of JSON) no longer makes a million cards
        UserStore known = portal.store(UserStore.class);
        Set<Long> real = new HashSet<>();
        users.stream().filter(id -> known.get(id).isPresent()).forEach(real::add);
        Optional<Call> shown = portal.exclusive(() -> active(portal, callId).map(call -> {
            if (call.shownTo().containsAll(real)) {
                return call;
            }
            Set<Long> all = new HashSet<>(call.shownTo());
            all.addAll(real);
            Call updated = call.withShownTo(all);
            portal.store(TelephonyStore.class).put(updated);
            return updated;
        }));
        shown.ifPresent(call -> listeners.forEach(l -> l.shown(portal, call, real, origin.endpoints())));
        return shown.isPresent();
    }

    /** Hides the card of an open call from users; false for an unknown or finished call. */
    public boolean hide(Portal portal, String callId, Set<Long> users) {
        Optional<Call> hidden = portal.exclusive(() -> active(portal, callId).map(call -> {
            Set<Long> all = new HashSet<>(call.shownTo());
            all.removeAll(users);
            portal.store(TelephonyStore.class).put(call.withShownTo(all));
            return call;
        }));
        hidden.ifPresent(call -> listeners.forEach(l -> l.hidden(portal, call, users)));
        return hidden.isPresent();
    }

    /** A CRM object bound to an open call from its card: it becomes the call's primary object. */
    public void bind(Portal portal, String callId, CrmRef entity) {
        portal.exclusive(() -> {
            active(portal, callId).ifPresent(call -> portal.store(TelephonyStore.class).put(call.withPrimary(entity)));
            return null;
        });
    }

    public Optional<Call> active(Portal portal, String callId) {
        return portal.store(TelephonyStore.class).active(callId);
    }

    /** An open or finished call. */
    public Optional<Call> call(Portal portal, String callId) {
        TelephonyStore store = portal.store(TelephonyStore.class);
        return store.active(callId).or(() -> store.finished(callId).map(FinishedCall::call));
    }

    /** A click: the user, the number, and optionally the line, the CRM object the click came from and a call list. */
    public record Click(long userId, String phoneNumber, String lineNumber, String crmEntityType, long crmEntityId,
                        Long callListId) {
    }

    /**
     * What the portal does when a user clicks a number in Bitrix24 (REAL-BEHAVIOUR.md, 'events'): it registers an
     * outgoing call itself, as the application that owns the line (CRM_CREATE from the line's CRM_AUTO_CREATE), sends
     * OnExternalCallStart to that application only, and shows the card. A line of the outgoing webhooks (no
     * application) registers the call as a webhook's and tells every outgoing webhook subscribed to the event
     * (specs/DECISIONS.md D76). A click that names no line takes the portal's outgoing line when that is an application's
     * (REST_APP:id, REST_APP:0 the webhooks') or an external line (D39).
     */
    public RegisterResult clickToCall(Portal portal, Click click, Origin origin) {
        String line = click.lineNumber();
        if (line == null || line.isBlank()) { // the portal's outgoing line, when it is an application's or the webhooks'
            line = outgoingLine.of(portal).filter(id -> id.startsWith(APP_LINE) || isExternalLine(portal, id))
                    .orElse(null);
        }
        Target target = target(portal, line, EventNames.EXTERNAL_CALL_START);
        boolean crmCreate = target.line().map(ExternalLine::crmAutoCreate).orElse(true);
        DialledNumber dialled = DialledNumber.of(click.phoneNumber(),
                DialledNumber.country(portal.settings().phoneCountry(), portal.domain()));
        RegisterRequest request = new RegisterRequest(target.appKey(), click.userId(), "",
                Optional.of((long) CallType.OUTGOING), null, dialled.number(), crmCreate, null, click.crmEntityType(),
                click.crmEntityId(), true, click.callListId(), target.line().map(ExternalLine::number).orElse(null), null);
        RegisterResult result = registerNew(portal, request, origin);
        events.registered(portal, result, origin);
        Call call = result.call();
        events.externalCallStart(portal, CallViews.externalCallStart(call, dialled, click.userId(),
                click.callListId(), portal.settings().clickToCallCreated()), target.appKey(), origin, call.callId());
        listeners.forEach(l -> l.shown(portal, call, Set.of(click.userId()), origin.endpoints()));
        return result;
    }

    /**
     * A callback request from a CRM form: OnExternalCallBackStart to the line's application (or the outgoing webhooks
     * subscribed to it); answers that application's key, "" for the outgoing webhooks.
     */
    public String callback(Portal portal, String phoneNumber, String text, String voice, String crmEntityType,
                           long crmEntityId, String lineNumber, Origin origin) {
        Target target = target(portal, lineNumber, EventNames.EXTERNAL_CALLBACK_START);
        events.externalCallBackStart(portal, callbackData(phoneNumber, text, voice, crmEntityType, crmEntityId,
                target.line().map(ExternalLine::number).orElse("")), target.appKey(), origin, phoneNumber);
        return target.appKey();
    }

    /**
     * voximplant.callback.start from a telephony application's line (REST_APP:id or one of its external lines):
     * no call is placed, the application gets OnExternalCallBackStart without CRM data (the voximplant area).
     */
    public void callbackOnAppLine(Portal portal, String appKey, String lineNumber, String phoneNumber, String text,
                                  String voice, Origin origin) {
        events.externalCallBackStart(portal, callbackData(phoneNumber, text, voice, null, 0, lineNumber), appKey,
                origin, phoneNumber);
    }

    private static ObjectNode callbackData(String phoneNumber, String text, String voice, String crmEntityType,
                                           long crmEntityId, String lineNumber) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("PHONE_NUMBER", phoneNumber);
        data.put("TEXT", text == null ? "" : text);
        data.put("VOICE", voice == null ? "" : voice);
        data.put("CRM_ENTITY_TYPE", crmEntityType == null ? "" : crmEntityType);
        data.put("CRM_ENTITY_ID", crmEntityId > 0 ? Long.toString(crmEntityId) : "");
        data.put("LINE_NUMBER", lineNumber);
        return data;
    }

    /** Who is told: an application (with its line), or the outgoing webhooks when app is null (with their line). */
    private record Target(App app, Optional<ExternalLine> line) {
        String appKey() {
            return app == null ? TelephonyStore.WEBHOOK_APP : app.appKey();
        }
    }

    /**
     * The line's owner when a line is named (a line added through the incoming webhook belongs to the outgoing
     * webhooks); otherwise the first application with a handler for the event, or else the outgoing webhooks that
     * receive it, with the first webhook line (specs/DECISIONS.md D39, D76).
     */
    /** how the portal names an application's own line, the one a call of the application without a line goes through */
    private static final String APP_LINE = "REST_APP:";

    private static Target target(Portal portal, String lineNumber, String event) {
        TelephonyStore telephony = portal.store(TelephonyStore.class);
        AppStore apps = portal.store(AppStore.class);
        boolean webhooks = outgoingWebhooksTake(portal, event);
        if (lineNumber != null && lineNumber.trim().startsWith(APP_LINE)) {
            // an application's own line, as the portal lists it beside the external lines (PORTAL_NUMBER REST_APP:id)
            String appKey = lineNumber.trim().substring(APP_LINE.length());
            if (appKey.equals("0")) { // the outgoing webhooks' line: handlers with APP_ID 0 (Helper::getEventSubscribers)
                if (!webhooks) {
                    throw new IllegalArgumentException("No outgoing webhook receives " + event
                            + ": REST_APP:0 names the outgoing webhooks' line");
                }
                return new Target(null, telephony.lines(TelephonyStore.WEBHOOK_APP).stream().findFirst());
            }
            App app = apps.byAppKey(appKey).orElseThrow(() -> new IllegalArgumentException("No application "
                    + appKey + " is installed: REST_APP:<id> names an installed application's own line"));
            return new Target(app, Optional.empty());
        }
        if (lineNumber != null && !lineNumber.isBlank()) {
            for (ExternalLine line : telephony.allLines()) {
                if (!line.number().equals(lineNumber.trim())) {
                    continue;
                }
                if (line.appKey().equals(TelephonyStore.WEBHOOK_APP) && webhooks) {
                    return new Target(null, Optional.of(line));
                }
                Optional<App> owner = apps.byAppKey(line.appKey());
                if (owner.isPresent()) {
                    return new Target(owner.get(), Optional.of(line));
                }
            }
            throw new IllegalArgumentException("No application owns line " + lineNumber
                    + (webhooks ? "" : ", and no outgoing webhook receives " + event));
        }
        EventStore handlers = portal.store(EventStore.class);
        for (App app : apps.all()) {
            if (!handlers.handlers(h -> h.appKey().equals(app.appKey()) && h.event().equals(event)).isEmpty()) {
                return new Target(app, telephony.lines(app.appKey()).stream().findFirst());
            }
        }
        if (webhooks) {
            return new Target(null, telephony.lines(TelephonyStore.WEBHOOK_APP).stream().findFirst());
        }
        throw new IllegalArgumentException("No application handles " + event
                + " and no outgoing webhook receives it: install an application and bind the event, or add an outgoing webhook");
    }

    private static boolean isExternalLine(Portal portal, String number) {
        return portal.store(TelephonyStore.class).allLines().stream().anyMatch(l -> l.number().equals(number));
    }

    /** Whether outgoing webhooks receive the event; OnExternalCallStart only while the portal lets them (D74). */
    private static boolean outgoingWebhooksTake(Portal portal, String event) {
        return !portal.store(EventStore.class).webhooks(event).isEmpty()
                && (!event.equals(EventNames.EXTERNAL_CALL_START) || portal.settings().outgoingWebhookClickToCall());
    }

    /**
     * The name finish's record gets on the portal's drive (CVoxImplantDiskHelper::SaveFile): the call's start as
     * "Y-m-d H-i-s" in the portal's zone, its number, and the extension of the file the link names (mp3 without one).
     */
    static String recordName(Portal portal, FinishedCall row) {
        String linked = fileNameOf(row.recordUrl());
        int dot = linked.lastIndexOf('.');
        String extension = dot > 0 && dot < linked.length() - 1 ? linked.substring(dot + 1) : "mp3";
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH-mm-ss")
                .format(row.call().startDate().atZone(portal.settings().timeZone()))
                + " " + row.call().phoneNumber() + "." + extension;
    }

    /** The file name at the end of a URL, without its query. */
    public static String fileNameOf(String url) {
        String path = url.split("[?#]", 2)[0];
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
