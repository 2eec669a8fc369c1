package dev.b24emu.conformance.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reference integration: a small PBX connector written the way a third party would write one, with nothing
 * from the emulator on its classpath. It installs as an OAuth application (ONAPPINSTALL), adds its line, binds
 * OnExternalCallStart and OnExternalCallBackStart, the CALL_CARD widget and CallCard::EntityChanged, registers and
 * finishes calls its phone system reports on {@code POST /pbx} (the conformance driver), gives a call no operator
 * takes to the client's manager, moves a transferred call's card, shows a ring group's call to the group until one
 * answers, refreshes expired tokens and backs off on
 * QUERY_LIMIT_EXCEEDED, and forgets its tokens on ONAPPUNINSTALL. Configured with an incoming webhook instead (the driver's {@code install}), it gets its
 * events from an outgoing webhook. Either way it takes only events carrying its application_token. Each
 * {@link Flaw} turns one of those good habits into a common mistake.
 */
public final class SampleConnector implements AutoCloseable {
    public static final String LINE = "74950000000";

    /** The mistakes the careless connector makes, one per contract rule. */
    public enum Flaw {
        /** sends EXTERNAL_CALLID for EXTERNAL_CALL_ID: the portal ignores it */
        MISSPELT_PARAMETER,
        /** CALL_START_DATE as "2026-11-23 10:00:00", in no time zone */
        NO_TIME_ZONE,
        /** registers incoming calls without LINE_NUMBER */
        NO_LINE_NUMBER,
        /** sends no recording of a call that was talked */
        NO_RECORDS,
        /** never finishes calls nobody answered */
        UNFINISHED_MISSED_CALLS,
        /** registers click-to-call calls again instead of using the event's CALL_ID */
        DOUBLE_REGISTER,
        /** retries QUERY_LIMIT_EXCEEDED at once */
        HAMMERS_LIMITS,
        /** gives up on expired_token */
        NO_TOKEN_REFRESH,
        /** the call card widget takes 6 s to answer */
        SLOW_WIDGET,
        /** builds {@code <endpoint>/<method>/} as PHP SDKs do: the real portal's nginx merges the slashes silently */
        DOUBLE_SLASH,
        /** keeps the tokens of its first installation when it is installed again */
        IGNORES_REINSTALL,
        /** takes any event posted to its handler, whatever its application_token (a forged ONAPPUNINSTALL too) */
        TRUSTS_ANY_EVENT,
        /**
         * takes a callback request whatever its application_token, and calls the number it names back; its other
         * events are checked (a connector careful where calls are taken over, careless where it dials out)
         */
        TRUSTS_CALLBACK_REQUESTS,
        /** looks the caller up with crm.contact.list filter[PHONE] and the number's digits: formatted numbers are missed */
        DIGITS_LOOKUP,
        /** loads the phone book with start + 50 until a page comes back empty: never, on a real portal */
        PAGES_UNTIL_EMPTY,
        /** gives a call its phone system has no operator for to user 1, without asking who the client's manager is */
        NO_ROUTING,
        /** follows a transferred call for its finish, but leaves its card where it was */
        CARD_STAYS_AFTER_TRANSFER,
        /** leaves a ring group's call shown to everyone it rang for after one of them answers */
        QUEUE_CARDS_STAY,
        /**
         * sends its calls' register and finish to its webhook URL with the token mistyped, which no portal has, and
         * only logs the refusal (not among the careless connector's flaws: no call would ever be registered)
         */
        MISTYPED_WEBHOOK
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Set<Flaw> flaws;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newHttpClient();
    /** maps the client's number (digits) to the call the PBX is carrying */
    private final Map<String, ActiveCall> calls = new ConcurrentHashMap<>();
    private volatile Auth auth;
    /** the member_id of the portal of the last ONAPPINSTALL taken */
    private volatile String installedOn;
    /** the application_token events must carry: from ONAPPINSTALL, or the outgoing webhook's in webhook mode */
    private volatile String applicationToken;
    /** whether the desk phones' directory was read (on the first incoming call) */
    private volatile boolean phoneBookLoaded;

    private record Auth(String accessToken, String refreshToken, String clientEndpoint, String serverEndpoint) {
    }

    private static final class ActiveCall {
        final String callId;
        volatile long user;
        volatile boolean answered;
        /** the ring group the call rang for, shown the card until one answers; empty for one user's call */
        volatile List<Long> group = List.of();

        ActiveCall(String callId, long user) {
            this.callId = callId;
            this.user = user;
        }
    }

    public SampleConnector(Set<Flaw> flaws) throws IOException {
        this(flaws, 0);
    }

    public SampleConnector(Set<Flaw> flaws, int port) throws IOException {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(threads);
        server.createContext("/b24/events", exchange -> answer(exchange, this::event));
        server.createContext("/b24/card", exchange -> answer(exchange, body -> widget()));
        server.createContext("/b24/card-events", exchange -> answer(exchange, body -> "ok"));
        server.createContext("/pbx", exchange -> answer(exchange, this::pbx));
        server.start();
    }

    /**
     * Runs the connector for a try of the kit by hand: {@code [port] [ALL | FLAW,FLAW...]}, e.g. {@code 9000} for the
     * careful one or {@code 9000 ALL} for the careless one; stops on Ctrl-C.
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        Set<Flaw> flaws = EnumSet.noneOf(Flaw.class);
        if (args.length > 1) {
            for (String flaw : args[1].split(",")) {
                // ALL: every flaw but the mistyped webhook, which keeps the connector from registering any call and
                // so hides the others (the README's "every rule broken", as the kit's own test runs it)
                flaws.addAll(flaw.equals("ALL") ? EnumSet.complementOf(EnumSet.of(Flaw.MISTYPED_WEBHOOK))
                        : EnumSet.of(Flaw.valueOf(flaw)));
            }
        }
        SampleConnector connector = new SampleConnector(flaws, port);
        System.out.println("Sample PBX connector with flaws " + flaws + ": events at " + connector.url("/b24/events")
                + ", driver at " + connector.url("/pbx"));
        Thread.currentThread().join();
    }

    public static SampleConnector good() throws IOException {
        return new SampleConnector(Set.of());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private interface Handler {
        String handle(String body) throws Exception;
    }

    private static void answer(HttpExchange exchange, Handler handler) throws IOException {
        int status = 200;
        String reply;
        try {
            reply = handler.handle(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (SecurityException notOurPortal) {
            status = 403;
            reply = String.valueOf(notOurPortal.getMessage());
        } catch (Exception e) {
            status = 500;
            reply = String.valueOf(e.getMessage());
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Events arrive form-encoded, PHP style: auth[access_token], data[CALL_ID]. */
    private String event(String body) throws Exception {
        Map<String, String> form = form(body);
        String event = form.getOrDefault("event", "").toUpperCase();
        if (event.equals("ONAPPINSTALL") && flaws.contains(Flaw.IGNORES_REINSTALL)
                && form.get("auth[member_id]").equals(installedOn)) {
            return "ok"; // installed again on the same portal: the flaw keeps the first installation's tokens
        }
        if (event.equals("ONAPPINSTALL")) {
            installedOn = form.get("auth[member_id]");
            auth = new Auth(form.get("auth[access_token]"), form.get("auth[refresh_token]"),
                    form.get("auth[client_endpoint]"), form.get("auth[server_endpoint]"));
            applicationToken = form.get("auth[application_token]");
            threads.submit(this::setUp); // answer the portal first, as handlers should
            return "ok";
        }
        // api-reference/events/safe-event-handlers.md: only the portal knows the application_token
        boolean trusted = flaws.contains(Flaw.TRUSTS_ANY_EVENT)
                || flaws.contains(Flaw.TRUSTS_CALLBACK_REQUESTS) && event.equals("ONEXTERNALCALLBACKSTART");
        if (!trusted && (applicationToken == null || !applicationToken.equals(form.get("auth[application_token]")))) {
            throw new SecurityException("not from our portal");
        }
        if (event.equals("ONAPPUNINSTALL")) { // the portal's tokens die with the installation: forget them
            auth = null;
            installedOn = null;
            return "ok";
        }
        if (event.equals("ONEXTERNALCALLSTART")) {
            String phone = digits(form.get("data[PHONE_NUMBER]"));
            long user = Long.parseLong(form.get("data[USER_ID]"));
            String callId = form.get("data[CALL_ID]");
            if (flaws.contains(Flaw.DOUBLE_REGISTER)) {
                callId = register(1, form.get("data[PHONE_NUMBER]"), LINE, user);
            }
            calls.put(phone, new ActiveCall(callId, user));
        }
        if (event.equals("ONEXTERNALCALLBACKSTART")) { // a CRM form's callback: dial the visitor, register a callback
            String phone = form.get("data[PHONE_NUMBER]");
            String line = form.getOrDefault("data[LINE_NUMBER]", "").isBlank() ? LINE : form.get("data[LINE_NUMBER]");
            threads.submit(() -> { // answer the portal first, as handlers should
                long user = responsible(phone);
                calls.put(digits(phone), new ActiveCall(register(4, phone, line, user), user));
                return null;
            });
        }
        return "ok";
    }

    /** Who handles the number's client: the responsible of the CRM object searchCrmEntities finds, else user 1. */
    private long responsible(String phone) throws Exception {
        JsonNode found = call("telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", phone));
        return found.path(0).path("ASSIGNED_BY").path("ID").asLong(1);
    }

    private Void setUp() throws Exception {
        call("telephony.externalLine.add", Map.of("NUMBER", LINE, "NAME", "Sample PBX"));
        call("event.bind", Map.of("event", "OnExternalCallStart", "handler", url("/b24/events")));
        call("event.bind", Map.of("event", "OnExternalCallBackStart", "handler", url("/b24/events")));
        call("placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", url("/b24/card"), "TITLE", "Sample PBX"));
        call("placement.bindEvent", Map.of("PLACEMENT", "CallCard::EntityChanged", "HANDLER", url("/b24/card-events")));
        return null;
    }

    private String widget() throws InterruptedException {
        if (flaws.contains(Flaw.SLOW_WIDGET)) {
            Thread.sleep(6000);
        }
        return "<!doctype html><title>Sample PBX</title><p>Call controls</p>";
    }

    /** The conformance driver: what the phone system reports. */
    private String pbx(String body) throws Exception {
        JsonNode action = JSON.readTree(body);
        String phone = action.path("phone").asText();
        long user = action.path("user").asLong(1);
        switch (action.path("action").asText()) {
            case "incoming" -> {
                if (!phoneBookLoaded) { // the desk phones' directory, read on the first call
                    loadPhoneBook();
                    phoneBookLoaded = true;
                }
                lookUp(phone); // the caller's name for the desk phone's display
                List<Long> group = new java.util.ArrayList<>();
                action.path("users").forEach(member -> group.add(member.asLong()));
                if (!group.isEmpty()) {
                    user = group.get(0); // a ring group: registered for the first, shown to all of them
                } else if (!action.has("user") && !flaws.contains(Flaw.NO_ROUTING)) {
                    user = responsible(phone); // no operator of the dial plan's: the client's manager takes it
                }
                ActiveCall call = new ActiveCall(register(2, phone, action.path("line").asText(LINE), user), user);
                if (!group.isEmpty()) {
                    call("telephony.externalcall.show", Map.of("CALL_ID", call.callId, "USER_ID", group));
                    call.group = List.copyOf(group);
                }
                calls.put(digits(phone), call);
            }
            case "transfer" -> { // the card goes with the call: shown to who has it, hidden from who handed it on
                ActiveCall call = require(phone);
                if (!flaws.contains(Flaw.CARD_STAYS_AFTER_TRANSFER)) {
                    call("telephony.externalcall.show", Map.of("CALL_ID", call.callId, "USER_ID", user));
                    call("telephony.externalcall.hide", Map.of("CALL_ID", call.callId, "USER_ID", call.user));
                }
                call.user = user;
            }
            case "outgoing" -> calls.put(digits(phone), new ActiveCall(register(1, phone, action.path("line").asText(LINE), user), user));
            case "answer" -> {
                ActiveCall call = require(phone);
                call.answered = true;
                call.user = action.path("user").asLong(call.user);
                List<Long> others = call.group.stream().filter(member -> member != call.user).toList();
                if (!others.isEmpty() && !flaws.contains(Flaw.QUEUE_CARDS_STAY)) {
                    call("telephony.externalcall.hide", Map.of("CALL_ID", call.callId, "USER_ID", others));
                }
            }
            case "hangup" -> hangUp(require(phone), action.path("duration").asInt(0));
            case "install" -> {
                // webhook mode: no ONAPPINSTALL; the incoming webhook's URL for calls out, and the outgoing webhook's
                // token (shown when an administrator made it) for the events in
                auth = new Auth(null, null, action.path("webhookUrl").asText(), null);
                applicationToken = action.path("applicationToken").asText(null);
                call("telephony.externalLine.add", Map.of("NUMBER", LINE, "NAME", "Sample PBX"));
            }
            default -> throw new IllegalArgumentException("unknown action " + action.path("action").asText());
        }
        return "ok";
    }

    private ActiveCall require(String phone) {
        ActiveCall call = calls.get(digits(phone));
        if (call == null) {
            throw new IllegalStateException("no call with " + phone);
        }
        return call;
    }

    /**
     * The desk phones' directory: every contact's name, read page by page on the first incoming call with the answer's next (list-methods-
     * pecularities.md). The flaw reads on with start + 50 until a page is empty, which a real portal never answers
     * (D143: past the last page it answers the first again); the sample gives up after four pages, a real one would not.
     */
    private void loadPhoneBook() throws Exception {
        long start = 0;
        for (int page = 0; page < 4; page++) {
            ObjectNode answer = listPage("crm.contact.list", Map.of("select", List.of("ID", "NAME", "LAST_NAME"),
                    "order", Map.of("ID", "ASC"), "start", start));
            if (flaws.contains(Flaw.PAGES_UNTIL_EMPTY)) {
                if (answer.path("result").isEmpty()) {
                    break;
                }
                start += 50;
            } else if (answer.has("next")) {
                start = answer.get("next").asLong();
            } else {
                break;
            }
        }
    }

    /** The contact calling, by number: crm.duplicate.findbycomm compares digits, however the CRM wrote the number. */
    private JsonNode lookUp(String phone) throws Exception {
        if (flaws.contains(Flaw.DIGITS_LOOKUP)) {
            return call("crm.contact.list", Map.of("filter", Map.of("PHONE", digits(phone)), "select", List.of("ID", "NAME")));
        }
        return call("crm.duplicate.findbycomm", Map.of("entity_type", "CONTACT", "type", "PHONE", "values", List.of(phone)));
    }

    private String register(int type, String phone, String line, long user) throws Exception {
        Map<String, Object> params = new HashMap<>();
        params.put("USER_ID", user);
        params.put("PHONE_NUMBER", phone);
        params.put("TYPE", type);
        params.put("SHOW", 1);
        params.put("CRM_CREATE", 0);
        ZonedDateTime now = ZonedDateTime.now();
        params.put("CALL_START_DATE", flaws.contains(Flaw.NO_TIME_ZONE)
                ? now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                : now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        params.put(flaws.contains(Flaw.MISSPELT_PARAMETER) ? "EXTERNAL_CALLID" : "EXTERNAL_CALL_ID", "pbx-" + System.nanoTime());
        if (!(type == 2 && flaws.contains(Flaw.NO_LINE_NUMBER))) {
            params.put("LINE_NUMBER", line);
        }
        return call("telephony.externalcall.register", params).path("CALL_ID").asText();
    }

    private void hangUp(ActiveCall call, int duration) throws Exception {
        if (!call.answered && flaws.contains(Flaw.UNFINISHED_MISSED_CALLS)) {
            return;
        }
        call("telephony.externalcall.finish", Map.of("CALL_ID", call.callId, "USER_ID", call.user,
                "DURATION", call.answered ? duration : 0, "STATUS_CODE", call.answered ? "200" : "304"));
        if (call.answered && duration > 0 && !flaws.contains(Flaw.NO_RECORDS)) {
            // the PBX's recording of the conversation (a few bytes of MP3 header stand for it here)
            call("telephony.externalCall.attachRecord", Map.of("CALL_ID", call.callId, "FILENAME",
                    "call-" + call.callId.hashCode() + ".mp3", "FILE_CONTENT", "SUQzAwAAAAAAAA=="));
        }
    }

    /** One REST call with the current token; refreshes on expired_token and backs off on QUERY_LIMIT_EXCEEDED. */
    /** A list method's whole answer (result, next, total), with the same auth and retries as {@link #call}. */
    private ObjectNode listPage(String method, Map<String, Object> params) throws Exception {
        return (ObjectNode) send(method, params);
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        return send(method, params).path("result");
    }

    private JsonNode send(String method, Map<String, Object> params) throws Exception {
        if (auth == null) {
            throw new IllegalStateException("not installed: cannot call " + method);
        }
        if (flaws.contains(Flaw.MISTYPED_WEBHOOK) && method.startsWith("telephony.externalcall.")) {
            String mistyped = auth.clientEndpoint().replaceAll("/([^/]+)/$", "/$1x/") + method;
            http.send(HttpRequest.newBuilder(URI.create(mistyped)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.valueToTree(params).toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.createObjectNode(); // refused NO_AUTH_FOUND: logged, and the PBX goes on with its call
        }
        for (int attempt = 1; ; attempt++) {
            ObjectNode body = JSON.valueToTree(params);
            if (auth.accessToken() != null) {
                body.put("auth", auth.accessToken());
            }
            String url = flaws.contains(Flaw.DOUBLE_SLASH) ? auth.clientEndpoint() + "/" + method + "/"
                    : auth.clientEndpoint() + method;
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            String error = answer.path("error").asText("");
            if (error.isEmpty()) {
                return answer;
            }
            if (attempt >= 6) {
                throw new IllegalStateException(method + " failed: " + answer);
            }
            if (error.equals("expired_token") && !flaws.contains(Flaw.NO_TOKEN_REFRESH)) {
                refresh();
            } else if (error.equals("QUERY_LIMIT_EXCEEDED")) {
                Thread.sleep(flaws.contains(Flaw.HAMMERS_LIMITS) ? 0 : 600L * attempt);
            } else {
                throw new IllegalStateException(method + " failed: " + answer);
            }
        }
    }

    private void refresh() throws Exception {
        // as the official JS SDK derives it: server_endpoint without /rest/, plus /oauth/token/
        String tokenUrl = auth.serverEndpoint().replaceAll("/rest/?$", "") + "/oauth/token/";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl
                + "?grant_type=refresh_token&client_id=local.conformance&client_secret=conformance-secret&refresh_token="
                + URLEncoder.encode(auth.refreshToken(), StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode tokens = JSON.readTree(response.body());
        if (!tokens.hasNonNull("access_token")) {
            throw new IllegalStateException("refresh failed: " + response.body());
        }
        auth = new Auth(tokens.get("access_token").asText(), tokens.get("refresh_token").asText(),
                auth.clientEndpoint(), auth.serverEndpoint());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("[^0-9]", "");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
