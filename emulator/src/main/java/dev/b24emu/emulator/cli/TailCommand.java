package dev.b24emu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.transport.LogText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code tail}: follows a running emulator's request journal in the terminal, one line per REST call as it is served
 * (and, with --deliveries, one per delivery attempt to a handler). It listens to the dashboard's server-sent events
 * and reads what is new from the control API, so it shows exactly what the journal keeps.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Follows the request journal live: one line per REST call (time, portal, method, status, latency, "
                + "caller, parameters), and with --deliveries one per delivery to a handler. Ctrl-C stops it; it also "
                + "ends, with exit 0, when the emulator stops."})
final class TailCommand extends RemoteCommand {
    /** Parameters are cut to this many characters on a line. */
    private static final int PARAMS_WIDTH = 160;

    @Option(names = "--portal", paramLabel = "ID", description = "Only this portal (default: every portal).")
    String portal;

    @Option(names = "--method", paramLabel = "METHOD", description = "Only calls of this method (any case).")
    String method;

    @Option(names = "--deliveries", description = "Also show event and widget deliveries to handlers.")
    boolean deliveries;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "Show the last N calls first, and the last N"
            + " deliveries with --deliveries (default: ${DEFAULT-VALUE}).")
    int lines = 10;

    private long lastRequest;
    private long lastDelivery;

    TailCommand(EnvironmentDefaults environment) {
        super(environment);
    }

    @Override
    int run(PrintWriter out, PrintWriter err) throws ControlConnection.Unreachable, ControlConnection.Refused {
        if (lines < 0) {
            err.println("--lines must be 0 or more (got " + lines + ")");
            return CommandLine.ExitCode.USAGE;
        }
        String portalQuery = portal == null ? "*" : portal;
        try (Stream<String> events = connection.events("/_emulator/ui/stream?portal=" + ControlConnection.encode(portalQuery))) {
            // the history first, then whatever arrives: an update names the newest sequence numbers
            show(out, true);
            Iterator<String> it = events.iterator();
            while (it.hasNext()) {
                if (it.next().startsWith("event: update")) {
                    show(out, false);
                }
            }
            err.println("The emulator at " + connection.baseUrl() + " closed the stream (it stopped).");
            return CommandLine.ExitCode.OK;
        } catch (UncheckedIOException e) {
            err.println("The emulator at " + connection.baseUrl() + " went away: " + e.getMessage());
            return CommandLine.ExitCode.OK;
        }
    }

    @Override
    int refused(ControlConnection.Refused e, PrintWriter err) {
        if (e.status == 404) {
            err.println("No portal " + portal + " on the emulator at " + connection.baseUrl());
            return CommandLine.ExitCode.USAGE;
        }
        return super.refused(e, err);
    }

    /** Prints what is newer than what was shown; the first time (history), only the last --lines of it. */
    private void show(PrintWriter out, boolean history) throws ControlConnection.Unreachable, ControlConnection.Refused {
        int keep = history ? Math.max(0, lines) : Integer.MAX_VALUE;
        StringBuilder query = new StringBuilder("/_emulator/requests?limit=").append(history ? Math.max(1, lines) : Integer.MAX_VALUE);
        if (portal != null) {
            query.append("&portal=").append(ControlConnection.encode(portal));
        }
        if (method != null) {
            query.append("&method=").append(ControlConnection.encode(method));
        }
        lastRequest = printNewer(out, connection.get(query.toString()), lastRequest, keep, TailCommand::request);
        if (deliveries) {
            String path = portal == null ? "/_emulator/events" : "/_emulator/portals/" + ControlConnection.encode(portal) + "/events";
            lastDelivery = printNewer(out, connection.get(path), lastDelivery, keep, TailCommand::delivery);
        }
        out.flush();
    }

    /** Prints the last {@code keep} entries newer than {@code seen}; answers the newest sequence number. */
    private static long printNewer(PrintWriter out, JsonNode entries, long seen, int keep,
                                   Function<JsonNode, String> line) {
        long newest = seen;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            long seq = entry.path("seq").asLong();
            if (seq > seen) {
                newest = Math.max(newest, seq);
                if (i >= entries.size() - keep) {
                    out.println(line.apply(entry));
                }
            }
        }
        return newest;
    }

    /** {@code 2026-12-01T10:00:00+03:00 default  POST telephony.externalcall.register 200 1.8 ms webhook {…}} */
    static String request(JsonNode e) {
        // a request whose credentials named no portal (D184): its portal is none, and what was wrong says more than
        // its parameters, which its URL alone refused before they were read
        boolean noPortal = e.path("portal").isNull();
        String caller = "oauth".equals(e.path("auth").asText()) && !noPortal ? "app " + e.path("app").asText()
                : e.path("auth").asText();
        String error = e.path("error").isNull() || e.path("error").asText().isEmpty() ? "" : " " + e.path("error").asText();
        JsonNode warnings = e.path("warnings");
        // a stranger's path and what came of it, shown to a terminal: no control character reaches it
        // what the answer said of its error: ERROR_CORE alone names no mistake
        String said = error.isEmpty() || !e.path("errorDescription").isTextual() ? ""
                : " (" + LogText.safe(cut(e.path("errorDescription").asText())) + ")";
        return String.format("%s %-10s %-4s %s %d%s%s %.1f ms %s %s", e.path("time").asText(),
                noPortal ? "(none)" : e.path("portal").asText(), e.path("httpMethod").asText(),
                LogText.safe(e.path("method").asText()), e.path("status").asInt(), error, said,
                e.path("latencyMicros").asLong() / 1000.0, caller,
                noPortal ? LogText.safe(warnings.path(warnings.size() - 1).asText()) : cut(e.path("params").toString()));
    }

    /** {@code 2026-12-01T10:00:00+03:00 default  -> ONVOXIMPLANTCALLEND http://… 200 12 ms} ("-> forged ONEXT…" for a forgery) */
    static String delivery(JsonNode d) {
        String error = d.path("error").isNull() ? "" : " (" + d.path("error").asText() + ")";
        return String.format("%s %-10s -> %s%s %s %s %d ms%s", d.path("time").asText(), d.path("portal").asText(),
                d.path("forged").asBoolean() ? "forged " : "", d.path("event").asText(), d.path("url").asText(),
                d.path("status").asInt() == 0 ? "no answer" : String.valueOf(d.path("status").asInt()),
                d.path("latencyMillis").asLong(), error);
    }

    private static String cut(String text) {
        return text.length() <= PARAMS_WIDTH ? text : text.substring(0, PARAMS_WIDTH - 1) + "…";
    }
}
