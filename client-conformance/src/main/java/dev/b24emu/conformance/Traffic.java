package dev.b24emu.conformance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one integration did on one portal and what the portal sent it: its REST requests from the request journal
 * and the deliveries (events, widget openings) from the delivery journal, oldest first, the CRM objects the
 * portal holds (what a lookup should have found), and what the kit told the phone system (what the integration
 * heard from its PBX). Rules read only this.
 */
public record Traffic(List<Request> requests, List<Delivery> deliveries, List<CrmObject> crm, List<PhoneEvent> phone) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** the control API's CRM overview lists each kind under its plural */
    private static final Map<String, String> KINDS = Map.of("contacts", "contact", "companies", "company",
            "leads", "lead", "deals", "deal");

    public Traffic {
        requests = List.copyOf(requests);
        deliveries = List.copyOf(deliveries);
        crm = List.copyOf(crm);
        phone = List.copyOf(phone);
    }

    public Traffic(List<Request> requests, List<Delivery> deliveries) {
        this(requests, deliveries, List.of(), List.of());
    }

    /** A CRM object of the portal: its kind ("contact"), ID, name, phone numbers as stored, and responsible user. */
    public record CrmObject(String type, long id, String name, List<String> phones, long assignedById) {
    }

    /**
     * What the kit told the integration's phone system (the driver's action and its values), and the journal's newest
     * request then: requests after {@code seq} may be the integration's reaction to it.
     */
    public record PhoneEvent(long seq, PbxAction action) {
        public String name() {
            return action.action();
        }

        /** A value of the action ("callId", "user"), or "" when it has none. */
        public String value(String key) {
            Object value = action.values().get(key);
            return value == null ? "" : value.toString();
        }

        /** A list of numbers the action carries (a ring group's users), or an empty list. */
        public List<Long> numbers(String key) {
            Object value = action.values().get(key);
            if (!(value instanceof java.util.Collection<?> items)) {
                return List.of();
            }
            return items.stream().map(String::valueOf).filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf).toList();
        }

        /** A numeric value of the action (a user's ID), or 0 when it has none. */
        public long number(String key) {
            String value = value(key);
            return value.matches("\\d{1,18}") ? Long.parseLong(value) : 0;
        }
    }

    /**
     * One REST call of the integration, as the emulator journaled it: {@code warnings} what it did that the contract
     * rules out, {@code notices} what the emulator answered otherwise than a real portal would (D197), no fault of it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Request(long seq, String time, String method, String auth, String app, String credential,
                          ObjectNode params, int status, String error, JsonNode result, List<String> warnings,
                          List<String> notices, long latencyMicros, long uptimeMillis) {
        public Request {
            params = params == null ? JsonNodeFactory.instance.objectNode() : params;
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
            notices = notices == null ? List.of() : List.copyOf(notices);
        }

        /** A call without notices (the rules' tests make their traffic so). */
        public Request(long seq, String time, String method, String auth, String app, String credential,
                       ObjectNode params, int status, String error, JsonNode result, List<String> warnings,
                       long latencyMicros, long uptimeMillis) {
            this(seq, time, method, auth, app, credential, params, status, error, result, warnings, List.of(),
                    latencyMicros, uptimeMillis);
        }

        public boolean ok() {
            return status == 200;
        }

        public boolean is(String methodName) {
            return method.equalsIgnoreCase(methodName);
        }

        /** A REST subscription to CallCard::* events: a convenience of the emulator the report lists as a caveat (D41). */
        public boolean isRestCardEvent() {
            return is("placement.bindEvent") || is("placement.unbindEvent");
        }

        /** A top-level parameter, its name matched without regard to case as the server does. */
        public Optional<JsonNode> param(String name) {
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equalsIgnoreCase(name)) {
                    return Optional.of(field.getValue());
                }
            }
            return Optional.empty();
        }

        public String text(String name) {
            return param(name).map(JsonNode::asText).orElse("");
        }

        /** The request as a report shows it. */
        public ObjectNode view() {
            ObjectNode view = JsonNodeFactory.instance.objectNode();
            view.put("method", method);
            view.set("params", params);
            view.put("status", status);
            if (error != null) {
                view.put("error", error);
            }
            return view;
        }

        /** The same request as it looks answered: what a retry should come to. */
        public ObjectNode viewAnswered() {
            ObjectNode view = view().put("status", 200);
            view.remove("error");
            return view;
        }
    }

    /**
     * One delivery to the integration: an event (form-encoded), a widget opening, a CallCard::* post; or a forgery
     * the kit had posted as an impostor would (tokens the portal never issued).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delivery(long seq, String time, String event, String url, JsonNode payload, int attempt, int status,
                           String error, long latencyMillis, boolean forged) {
        public boolean is(String name) {
            return event.equalsIgnoreCase(name);
        }

        /** A field of an event's data block (data[CALL_ID] in the form), or "". */
        public String data(String field) {
            return payload == null ? "" : payload.path("data").path(field).asText("");
        }
    }

    /**
     * The integration's share of a portal's journals: its own credentials' requests, everything delivered (no CRM:
     * what is polled while a scenario waits needs none; {@link #withCrm} adds it for the rules).
     */
    public static Traffic fetch(ControlClient control, String portalId, ConformanceConfig.Integration integration) {
        List<Request> requests = new ArrayList<>();
        for (JsonNode entry : control.get("/_emulator/portals/" + portalId + "/requests")) {
            Request request = JSON.convertValue(entry, Request.class);
            boolean mine = integration.oauth() ? integration.clientId().equals(request.app())
                    : "webhook".equals(request.auth());
            if (mine) {
                requests.add(request);
            }
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (JsonNode entry : control.get("/_emulator/portals/" + portalId + "/events")) {
            deliveries.add(JSON.convertValue(entry, Delivery.class));
        }
        requests.sort(Comparator.comparingLong(Request::seq));
        deliveries.sort(Comparator.comparingLong(Delivery::seq));
        return new Traffic(requests, deliveries);
    }

    /** The same traffic with the portal's CRM objects as they are now (what a caller lookup should have found). */
    public Traffic withCrm(ControlClient control, String portalId) {
        List<CrmObject> objects = new ArrayList<>();
        JsonNode overview = control.get("/_emulator/portals/" + portalId + "/crm");
        KINDS.forEach((plural, type) -> overview.path(plural).forEach(o -> {
            List<String> phones = new ArrayList<>();
            o.path("PHONES").forEach(p -> phones.add(p.asText()));
            objects.add(new CrmObject(type, o.path("ID").asLong(), o.path("NAME").asText(""), phones,
                    o.path("ASSIGNED_BY_ID").asLong()));
        }));
        return new Traffic(requests, deliveries, objects, phone);
    }

    /** The same traffic with what the kit told the phone system. */
    public Traffic withPhone(List<PhoneEvent> events) {
        return new Traffic(requests, deliveries, crm, events);
    }

    /** The kit's actions of one kind on the phone system ("transfer"). */
    public List<PhoneEvent> phoned(String action) {
        return phone.stream().filter(e -> e.name().equals(action)).toList();
    }

    /** Whether a later request called the same method as the one at {@code index} successfully and passes {@code also}. */
    public boolean retriedAfter(int index, java.util.function.Predicate<Request> also) {
        Request refused = requests.get(index);
        return requests.subList(index + 1, requests.size()).stream()
                .anyMatch(r -> r.is(refused.method()) && r.ok() && also.test(r));
    }

    public List<Request> calls(String method) {
        return requests.stream().filter(r -> r.is(method)).toList();
    }

    /** What the portal delivered of the event (forgeries are not the portal's: {@link #forged()}). */
    public List<Delivery> delivered(String event) {
        return deliveries.stream().filter(d -> d.is(event) && !d.forged()).toList();
    }

    public List<Delivery> forged() {
        return deliveries.stream().filter(Delivery::forged).toList();
    }

    /** How many requests and deliveries there are: the same count twice means the integration went quiet. */
    public int size() {
        return requests.size() + deliveries.size();
    }
}
