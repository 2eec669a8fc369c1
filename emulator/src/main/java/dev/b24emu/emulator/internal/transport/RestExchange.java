package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One REST request on its way through the {@link Pipeline}: what was asked, what the stages found out about it, and
 * how it is answered. The transport knows nothing of portals or areas: who is calling ({@link #principal}) and what
 * runs ({@link #handler}) are set and read by the stages that own them.
 */
public final class RestExchange {
    private final String httpMethod;
    private final RestPath path;
    private final Endpoints endpoints;
    private final long startedNanos;
    private String method;
    private ObjectNode params;
    private String authToken;
    private String query;
    private String clientAddress = "";
    private String foreignPage;
    /** the most warnings an answer carries one by one */
    public static final int MAX_WARNINGS = 50;
    private final List<String> warnings = new ArrayList<>();
    private RestError frontRefusal;
    private int moreWarnings;
    /** what the emulator did otherwise than the real server, the client not at fault (D197); as bounded */
    private final List<String> notices = new ArrayList<>();
    private Object principal;
    private String tenant;
    private Object handler;
    private Object result;
    private RestError error;
    private Style style = Style.DEFAULT;
    private final Map<String, JsonNode> timeExtras = new LinkedHashMap<>();
    private final Map<Class<?>, Object> notes = new java.util.HashMap<>(2);
    private long delayMillis;
    private boolean drop;

    /**
     * How the answer is written for the caller's portal.
     *
     * @param start          the request's start on the portal clock (the time block's start)
     * @param zone           the zone of the time block's dates
     * @param emptyErrorCode whether ERROR_CORE is written as "" (the on-premise server's code)
     */
    public record Style(Instant start, ZoneId zone, boolean emptyErrorCode) {
        static final Style DEFAULT = new Style(null, ZoneOffset.UTC, false);
    }

    public RestExchange(String httpMethod, RestPath path, Endpoints endpoints, long startedNanos) {
        this.httpMethod = httpMethod;
        this.path = path;
        this.endpoints = endpoints;
        this.startedNanos = startedNanos;
        this.method = path.method();
    }

    public String httpMethod() { return httpMethod; }
    public RestPath path() { return path; }
    /** The addresses the caller reached the emulator at: URLs handed out in the answer use them. */
    public Endpoints endpoints() { return endpoints; }
    public long startedNanos() { return startedNanos; }

    /** The method as requested, then as documented once the method table resolved it. */
    public String method() { return method; }
    public void method(String canonical) { this.method = canonical; }

    /** The decoded parameters; null while the body has not been read. */
    public ObjectNode params() { return params; }
    public void params(ObjectNode decoded) { this.params = decoded; }

    /** The OAuth token the request carries (auth or access_token), or null. */
    public String authToken() { return authToken; }
    /** The request's raw query string, or null (a redirect keeps it). */
    public String query() { return query; }
    public void query(String query) { this.query = query; }
    public void authToken(String token) { this.authToken = token; }
    /** The client's IP address ($_SERVER['REMOTE_ADDR']), "" when the connection has none. */
    public String clientAddress() { return clientAddress; }
    public void clientAddress(String address) { this.clientAddress = address; }
    /** The page of another machine or site a browser sent the request from ({@link WebPages}), or null. */
    public String foreignPage() { return foreignPage; }
    public void foreignPage(String page) { this.foreignPage = page; }

    /**
     * What the request did that the contract rules out but the real server would accept, each a header and a journal
     * line: the first {@link #MAX_WARNINGS}, then how many more (a filter of 300,000 unknown keys answered 37 MB of
     * headers, and 420,000 ran the heap out).
     */
    public List<String> warnings() {
        if (moreWarnings == 0) {
            return Collections.unmodifiableList(warnings);
        }
        List<String> all = new ArrayList<>(warnings);
        all.add("... and " + moreWarnings + " more warnings");
        return Collections.unmodifiableList(all);
    }

    public void warn(String warning) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(warning);
        } else {
            moreWarnings++;
        }
    }

    public void warnAll(List<String> more) { more.forEach(this::warn); }

    /**
     * What the emulator answered otherwise than a real portal would, through no fault of the request (D197): a
     * header and a journal line of their own, never a refusal, never blamed on the client by the conformance kit.
     */
    public List<String> notices() {
        return Collections.unmodifiableList(notices);
    }

    public void notice(String notice) {
        if (notices.size() < MAX_WARNINGS && !notices.contains(notice)) {
            notices.add(notice);
        }
    }

    /**
     * What a real portal's front would refuse that the emulator reads all the same (a request line past nginx's
     * buffer), for portals whose validation is strict: refused as the portal refuses it, not as a contract violation
     * the portal accepts. Null when there is none.
     */
    public RestError frontRefusal() { return frontRefusal; }
    public void frontRefusal(RestError refusal) { this.frontRefusal = refusal; }

    /** Forgets the warnings so far: what the transport noticed, for a portal whose validation is off. */
    public void dropWarnings() {
        warnings.clear();
        moreWarnings = 0;
    }

    /** Who is calling, as the authenticating stage sees it; null until known. */
    @SuppressWarnings("unchecked")
    public <T> T principal() { return (T) principal; }
    public void principal(Object who) { this.principal = who; }

    /** Whose request this is, for the log line (the portal's ID); null until known. */
    public String tenant() { return tenant; }
    public void tenant(String label) { this.tenant = label; }

    /** What runs the method, as the resolving stage found it; null until resolved. */
    @SuppressWarnings("unchecked")
    public <T> T handler() { return (T) handler; }
    public void handler(Object found) { this.handler = found; }

    /** The method's result (a JsonNode or a {@link ListResult}); null until it ran. */
    public Object result() { return result; }
    public void result(Object value) { this.result = value; }

    /** Why the request failed, or null. */
    public RestError error() { return error; }
    void error(RestError failure) { this.error = failure; }

    public Style style() { return style; }
    public void style(Style answerStyle) { this.style = answerStyle; }

    /** Fields the time block carries beyond the standard six (operating, operating_reset_at). */
    public Map<String, JsonNode> timeExtras() { return timeExtras; }

    /** A note one stage leaves for a later one (keyed by its type), or null. */
    public <T> T note(Class<T> type) { return type.cast(notes.get(type)); }
    public <T> void note(Class<T> type, T value) { notes.put(type, value); }

    /** Holds the rest of the pipeline back by this long (injected latency). */
    public void delayBy(long millis) { this.delayMillis = millis; }
    long takeDelay() {
        long millis = delayMillis;
        delayMillis = 0;
        return millis;
    }

    /** Closes the connection instead of answering (an injected fault). */
    public void dropConnection() { this.drop = true; }
    boolean dropped() { return drop; }
}
