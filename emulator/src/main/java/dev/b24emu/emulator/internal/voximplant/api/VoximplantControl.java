package dev.b24emu.emulator.internal.voximplant.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.control.ControlRequest;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.voximplant.BuiltInCall;
import dev.b24emu.emulator.internal.voximplant.BuiltInCalls;
import dev.b24emu.emulator.internal.voximplant.CallStatistics;
import dev.b24emu.emulator.internal.voximplant.Callee;
import dev.b24emu.emulator.internal.voximplant.Lines;
import dev.b24emu.emulator.internal.voximplant.PortalLookup;
import dev.b24emu.emulator.internal.voximplant.RentedNumber;
import dev.b24emu.emulator.internal.voximplant.Rights;
import dev.b24emu.emulator.internal.voximplant.SipConnection;
import dev.b24emu.emulator.internal.voximplant.SipConnections;
import dev.b24emu.emulator.internal.voximplant.SipViews;
import dev.b24emu.emulator.internal.voximplant.StatViews;
import dev.b24emu.emulator.internal.voximplant.UserPhone;
import dev.b24emu.emulator.internal.voximplant.VoximplantStore;

import java.util.Locale;

/**
 * The control endpoints of the built-in telephony, under /_emulator/portals/{id}/voximplant: what the pages leave to
 * the account (settings: the SIP connector, the infocall limit, how callees behave, confirmation), lines a test cannot
 * make by REST (rented numbers), the SIP registrar, employees' rights and phones, and built-in calls (start one,
 * list running and ended ones).
 */
final class VoximplantControl {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BuiltInCalls builtIn;

    VoximplantControl(BuiltInCalls builtIn) {
        this.builtIn = builtIn;
    }

    void register(ControlRoutes portal) {
        portal.get("/voximplant", request -> overview(request.portal()));
        portal.patch("/voximplant/settings", request -> {
            VoximplantStore store = request.portal().store(VoximplantStore.class);
            store.settings(store.settings().patch(request.body()));
            return store.settings().toJson();
        });
        portal.post("/voximplant/numbers", 201, this::rentNumber);
        portal.post("/voximplant/sip", 201, request -> {
            JsonNode body = request.body();
            SipConnection added = new SipConnections(request.portal()).add(body.path("appId").asText(""),
                    new SipConnections.Fields(text(body, "type"), text(body, "title"), text(body, "server"),
                            text(body, "login"), text(body, "password")));
            return SipViews.added(added).put("appId", added.appKey());
        });
        portal.patch("/voximplant/sip/:regId/registration", this::registration);
        portal.patch("/voximplant/users/:userId", this::user);
        portal.post("/voximplant/calls", 201, this::startCall);
        portal.get("/voximplant/calls", request -> calls(request.portal()));
    }

    private ObjectNode overview(Portal portal) {
        VoximplantStore store = portal.store(VoximplantStore.class);
        Lines lines = new Lines(portal);
        ObjectNode view = NODES.objectNode();
        view.set("settings", store.settings().toJson());
        ObjectNode lineNames = view.putObject("lines");
        lines.outgoingLines().forEach(lineNames::put);
        view.put("outgoingLine", lines.outgoingLine());
        ArrayNode numbers = view.putArray("numbers");
        store.numbers().forEach(n -> numbers.add(number(n)));
        ArrayNode sip = view.putArray("sip");
        store.sipConnections().forEach(c -> sip.add(sipView(c)));
        ObjectNode users = view.putObject("users");
        store.allPhones().forEach((id, phone) -> users.set(Long.toString(id), phone(phone)));
        ObjectNode rights = view.putObject("rights");
        store.allRights().forEach((id, r) -> rights.set(Long.toString(id), r.toJson()));
        return view;
    }

    /** {"number", "name"?}: a rented number, the line whose ID is its digits. */
    private ObjectNode rentNumber(ControlRequest request) {
        JsonNode body = request.body();
        String digits = PhoneNumbers.matchKey(body.path("number").asText(""));
        if (!PhoneNumbers.hasDigits(digits)) {
            throw new IllegalArgumentException("number is required and must have digits");
        }
        VoximplantStore store = request.portal().store(VoximplantStore.class);
        return number(ConfigBound.adding(request.portal(), store::numbers, body, "rented numbers",
                () -> store.addNumber(digits, text(body, "name"))));
    }

    /** {"result": success|error|in_progress|wait, "statusCode", "errorMessage", "lost"}: the registrar's answer. */
    private ObjectNode registration(ControlRequest request) {
        JsonNode body = request.body();
        SipConnection changed = new SipConnections(request.portal()).setRegistration(request.pathLong("regId"),
                body.path("result").asText("success"), body.path("statusCode").asInt(200),
                body.path("errorMessage").asText(""), body.path("lost").asBoolean(false));
        return sipView(changed);
    }

    /** {"rights": {...}, "phoneEnabled", "defaultLine", "sipPassword"}: one employee's telephony. */
    private ObjectNode user(ControlRequest request) {
        Portal portal = request.portal();
        long userId = request.pathLong("userId");
        if (portal.store(UserStore.class).get(userId).isEmpty()) {
            throw new IllegalArgumentException("No user " + userId);
        }
        JsonNode body = request.body();
        VoximplantStore store = portal.store(VoximplantStore.class);
        Rights rights = body.has("rights") ? store.rights(userId).patch(body.get("rights")) : store.rights(userId);
        UserPhone phone = store.phone(userId);
        if (body.has("phoneEnabled") && !body.get("phoneEnabled").isBoolean()) {
            throw new IllegalArgumentException("phoneEnabled must be true or false");
        }
        phone = new UserPhone(body.has("defaultLine") ? text(body, "defaultLine") : phone.defaultLine(),
                body.path("phoneEnabled").asBoolean(phone.phoneEnabled()),
                body.has("sipPassword") ? text(body, "sipPassword") : phone.sipPassword());
        store.rights(userId, rights);
        store.phone(userId, phone);
        return phone(phone).put("id", userId).set("rights", rights.toJson());
    }

    /**
     * {"direction": incoming|outgoing, "line", "phoneNumber", "userId", "callee"?}: a call on a rented number or SIP
     * line, as if a client rang or an employee dialled; "callee" overrides how the other side behaves.
     */
    private ObjectNode startCall(ControlRequest request) {
        Portal portal = request.portal();
        JsonNode body = request.body();
        String direction = body.path("direction").asText("incoming").toLowerCase(Locale.ROOT);
        if (!direction.equals("incoming") && !direction.equals("outgoing")) {
            throw new IllegalArgumentException("direction must be incoming or outgoing");
        }
        Lines lines = new Lines(portal);
        String line = body.hasNonNull("line") ? body.get("line").asText() : lines.outgoingLine();
        if (!lines.builtIn(line)) {
            throw new IllegalArgumentException("line must be a rented number or a SIP line of the portal: "
                    + lines.outgoingLines().keySet());
        }
        String phone = PhoneNumbers.stripForCall(body.path("phoneNumber").asText(""));
        if (!PhoneNumbers.hasDigits(phone)) {
            throw new IllegalArgumentException("phoneNumber is required");
        }
        long userId = body.path("userId").asLong(portal.webhook().userId());
        if (portal.store(UserStore.class).get(userId).isEmpty()) {
            throw new IllegalArgumentException("No user " + userId);
        }
        Callee callee = portal.store(VoximplantStore.class).settings().calleeFor(phone);
        if (body.has("callee")) {
            callee = callee.patch(body.get("callee"));
        }
        BuiltInCall call = builtIn.start(portal, new BuiltInCalls.Start(direction.equals("incoming")
                ? BuiltInCall.Kind.INCOMING : BuiltInCall.Kind.OUTGOING, line, phone, userId, callee, userId,
                request.endpoints()));
        return callView(portal, call);
    }

    /** Running built-in calls, and every call's statistics record (newest last), as statistic.get shows them. */
    private ObjectNode calls(Portal portal) {
        builtIn.tick(portal);
        ObjectNode view = NODES.objectNode();
        ArrayNode active = view.putArray("active");
        portal.store(VoximplantStore.class).liveCalls().forEach(call -> active.add(callView(portal, call)));
        ArrayNode finished = view.putArray("finished");
        PortalLookup lookup = new PortalLookup(portal);
        portal.store(CallStatistics.class).all().forEach(row -> finished.add(StatViews.record(portal, row, lookup)));
        return view;
    }

    private static ObjectNode callView(Portal portal, BuiltInCall call) {
        ObjectNode view = NODES.objectNode();
        view.put("CALL_ID", call.callId());
        view.put("kind", call.kind().name().toLowerCase(Locale.ROOT));
        view.put("callType", call.callType());
        view.put("line", call.line());
        view.put("phoneNumber", call.phoneNumber());
        if (call.userId() == null) {
            view.putNull("userId");
        } else {
            view.put("userId", call.userId());
        }
        view.put("state", call.started() ? "talking" : "ringing");
        view.put("startedAt", portal.iso(call.startedAt()));
        view.put("answerAt", call.answerAt() == null ? null : portal.iso(call.answerAt()));
        view.put("endAt", portal.iso(call.endAt()));
        view.put("failedCode", call.failedCode());
        return view;
    }

    private static ObjectNode number(RentedNumber number) {
        return NODES.objectNode().put("number", number.number()).put("name", number.lineName())
                .put("configId", number.configId());
    }

    private static ObjectNode sipView(SipConnection c) {
        ObjectNode view = SipViews.listed(c).put("appId", c.appKey());
        if (c.registration() != null) {
            view.putObject("registration").put("result", c.registration().result())
                    .put("statusCode", c.registration().statusCode())
                    .put("errorMessage", c.registration().errorMessage())
                    .put("lost", c.registration().lost());
        }
        return view;
    }

    private static ObjectNode phone(UserPhone phone) {
        return NODES.objectNode().put("defaultLine", phone.defaultLine()).put("phoneEnabled", phone.phoneEnabled())
                .put("sipPassword", phone.sipPassword());
    }

    private static String text(JsonNode body, String name) {
        return body.hasNonNull(name) ? body.get(name).asText() : null;
    }
}
