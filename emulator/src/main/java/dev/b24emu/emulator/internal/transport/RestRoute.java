package dev.b24emu.emulator.internal.transport;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Serves /rest/ the way the real REST server does: reads the body (within the limit), decodes the parameters in
 * whatever encoding they came, runs the {@link Pipeline}, writes the Bitrix24 envelope and logs one INFO line.
 * It knows nothing of portals, methods or areas.
 */
public final class RestRoute {
    /** what nginx's default large_client_header_buffers (4 8k) holds of a request line */
    static final int PORTAL_REQUEST_LINE = 8192;
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.request");
    // every answer's headers, encoded to bytes once (Vert.x encodes a String name or value for each response), in
    // the case nginx writes them (Vert.x's own constants are lower case)
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence JSON_UTF8 = HttpHeaders.createOptimized("application/json; charset=utf-8");
    private static final CharSequence ALLOW_ORIGIN = HttpHeaders.createOptimized("Access-Control-Allow-Origin");
    private static final CharSequence ANY = HttpHeaders.createOptimized("*");
    /** Each warning the request earned, in an HTTP header (ASCII, one header per warning). */
    public static final String WARNING_HEADER = "X-B24-Emulator-Warning";
    /** what the emulator does not do as a real portal would, the request not at fault (D197) */
    public static final String NOTICE_HEADER = "X-B24-Emulator-Notice";
    /**
     * The routing context's mark of a path whose repeated slashes the router merged before rerouting it (a leading
     * "//rest/..."): the path that arrives here has single slashes, and the deviation is still reported.
     */
    public static final String MERGED_SLASHES = "b24emu.mergedSlashes";

    private final Vertx vertx;
    private final WebPages pages;
    private final Pipeline pipeline;
    private final ParamDecoder decoder;
    private final Envelope envelope;
    private final long bodyLimit;
    /** the bodies being received at once (D125) */
    private final BodyBudget budget;
    private final Supplier<Endpoints> defaultEndpoints;

    public RestRoute(Vertx vertx, Pipeline pipeline, ParamDecoder decoder, Envelope envelope, long bodyLimit,
                     Supplier<Endpoints> defaultEndpoints) {
        this(vertx, pipeline, decoder, envelope, bodyLimit, defaultEndpoints, WebPages.loopback());
    }

    /** @param pages which web pages count as this machine's (the demo token answers no other's, D205) */
    public RestRoute(Vertx vertx, Pipeline pipeline, ParamDecoder decoder, Envelope envelope, long bodyLimit,
                     Supplier<Endpoints> defaultEndpoints, WebPages pages) {
        this.pages = pages;
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.decoder = decoder;
        this.envelope = envelope;
        this.bodyLimit = bodyLimit;
        this.budget = BodyBudget.forHeap(bodyLimit, Runtime.getRuntime().maxMemory());
        this.defaultEndpoints = defaultEndpoints;
    }

    public void mount(Router router) {
        router.route(RestPath.PREFIX + "*").handler(ctx -> receive(ctx.request(), ctx.get(MERGED_SLASHES) != null,
                ctx.normalizedPath()));
    }

    /**
     * Whether a request may come here without the router: a /rest/ path the router's normalisation leaves as it is
     * (no escapes, no dot segments), so the route it would have found is this one.
     */
    public static boolean direct(String path) {
        return path != null && path.startsWith(RestPath.PREFIX) && path.indexOf('%') < 0 && !path.contains("/.");
    }

    /** Collects the body (within the limit) and then serves the call. */
    public void receive(HttpServerRequest request) {
        receive(request, false, request.path());
    }

    /**
     * @param mergedSlashes whether the router merged repeated slashes before the path reached here
     * @param routed        the path as the router read it: percent-escapes of unreserved characters decoded and dot
     *                      segments resolved, as the real server reads a method path (nginx resolves the segments, and
     *                      the page path is rawurldecode'd: {@code user%2Ecurrent} runs user.current, audit 60c)
     */
    private void receive(HttpServerRequest request, boolean mergedSlashes, String routed) {
        long started = System.nanoTime();
        if ("OPTIONS".equals(request.method().name())) {
            corsPreflight(request.response());
            return;
        }
        RestPath path = RestPath.parse(routed);
        RestExchange exchange = new RestExchange(request.method().name(), path,
                Endpoints.of(request, defaultEndpoints.get()), started);
        exchange.query(request.query());
        if (request.remoteAddress() != null) {
            exchange.clientAddress(request.remoteAddress().hostAddress());
        }
        exchange.foreignPage(pages.foreignPage(request));
        String bearer = bearer(request);
        if (bearer != null) {
            exchange.authToken(bearer);
        } else if (!path.v3()) {
            exchange.authToken(queryParam(request, "auth")); // REST 3.0 reads nothing from the query string
        }
        if (mergedSlashes || request.path().contains("//")) {
            exchange.warn("Repeated slashes in the path were read as one, as nginx in front of the real portal merges"
                    + " them; the documented URL has single slashes");
        }
        if (!routed.equals(request.path())) { // also where the segments resolve to the same method (audit 61d)
            exchange.warn("Percent-escapes or dot segments in the path were resolved, as nginx and the real server"
                    + " resolve them; the documented URL has neither");
        }
        longRequestLine(request, exchange);
        RestError refused = pipeline.refusalBeforeBody(exchange);
        if (refused != null) {
            exchange.error(refused);
            refuseAfterBody(request, exchange);
            return;
        }
        String contentType = request.getHeader("Content-Type");
        boolean multipart = !path.v3() && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
        if (multipart) {
            String media = contentType.split(";", 2)[0];
            if (!media.equals(media.toLowerCase(Locale.ROOT))) {
                // PHP matches the type in any case; Netty's form decoder only in lower case, and read
                // Multipart/Form-Data as a urlencoded form of junk (audit 60f); the boundary keeps its case
                request.headers().set("Content-Type", media.toLowerCase(Locale.ROOT)
                        + contentType.substring(media.length()));
            }
            request.setExpectMultipart(true);
            request.uploadHandler(upload -> upload.handler(chunk -> { }));
        }
        long room = bodyRoom(request);
        BodyBudget.Claim now = room == 0 ? null : budget.tryClaim(room);
        if (room == 0 || now != null) {
            collect(request, exchange, multipart, now);
            return;
        }
        // unread until its room is free: the request stays paused, and TCP holds the client back
        Context context = vertx.getOrCreateContext();
        BodyBudget.Claim[] claim = new BodyBudget.Claim[1];
        claim[0] = budget.claim(room, () -> context.runOnContext(v -> {
            if (request.response().closed()) {
                claim[0].release(); // gone while it waited
            } else {
                collect(request, exchange, multipart, claim[0]);
            }
        }));
        if (claim[0].atOnce()) {
            collect(request, exchange, multipart, claim[0]);
        } else {
            request.pause(); // a request this route gets straight from the listener flows: its body would be dropped
            request.exceptionHandler(e -> claim[0].release());
        }
    }

    /**
     * The room a request's body may take in the budget: its declared length within the limit, the limit for a body
     * declared past it (refused once it gets there) or sent in chunks, and none without a body.
     */
    private long bodyRoom(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return withinLimit(length) ? Long.parseLong(length) : bodyLimit;
        }
        return request.getHeader("Transfer-Encoding") != null ? bodyLimit : 0;
    }

    /** Collects the body within the limit, then serves the call; the claim (null: no body) goes once it is decoded. */
    private void collect(HttpServerRequest request, RestExchange exchange, boolean multipart, BodyBudget.Claim claim) {
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > bodyLimit) {
                tooLarge[0] = true;
                release(claim);
                exchange.error(RestError.requestTooLarge(bodyLimit));
                answerAndClose(request, exchange);
                return;
            }
            try {
                body.appendBuffer(chunk);
            } catch (OutOfMemoryError exhausted) {
                // thrown here, the error went to Vert.x, which dropped it: the client waited for ever (a full heap)
                tooLarge[0] = true;
                release(claim);
                exchange.error(Pipeline.exhausted(exchange, exhausted));
                answerAndClose(request, exchange);
            }
        });
        request.exceptionHandler(e -> release(claim)); // the client gone before the end of its body
        request.endHandler(v -> {
            if (tooLarge[0]) {
                return;
            }
            List<PhpForm.Pair> fields = null;
            if (multipart) {
                fields = new ArrayList<>();
                for (var entry : request.formAttributes()) {
                    fields.add(new PhpForm.Pair(entry.getKey(), entry.getValue()));
                }
            }
            serve(request, exchange, fields, body.getBytes(), claim);
        });
        request.resume();
    }

    private static void release(BodyBudget.Claim claim) {
        if (claim != null) {
            claim.release();
        }
    }

    /**
     * Answers a request refused from its URL once its body has been read and dropped, as PHP behind nginx reads every
     * body, so the connection stays open for the client's next request: closed after each refusal, a client looping
     * with a wrong token opened a connection per request. A body declared or found past the limit is not read: the
     * answer goes at once and the connection is closed after it.
     */
    private void refuseAfterBody(HttpServerRequest request, RestExchange exchange) {
        String declared = request.getHeader("Content-Length");
        if (declared != null && !withinLimit(declared)) {
            answerAndClose(request, exchange);
            return;
        }
        long[] read = {0};
        boolean[] answered = {false};
        request.handler(chunk -> {
            read[0] += chunk.length();
            if (read[0] > bodyLimit && !answered[0]) {
                answered[0] = true;
                answerAndClose(request, exchange);
            }
        });
        // a client gone before the end of its body is still logged and journaled, as it was when answered at once
        request.exceptionHandler(e -> {
            if (!answered[0]) {
                answered[0] = true;
                answer(request, exchange);
            }
        });
        request.endHandler(v -> {
            if (!answered[0]) {
                answered[0] = true;
                answer(request, exchange);
            }
        });
        request.resume();
    }

    /**
     * A request line past nginx's buffer for one (large_client_header_buffers, 8 KB by default, D126): read here, as
     * GET-only clients put whole batches there, but a portal most likely answers 414, which is the best-known way such
     * clients fail in production (a batch of 50 adds as a query string: audit 60e). Reported; refused in strict mode.
     */
    private static void longRequestLine(HttpServerRequest request, RestExchange exchange) {
        int line = request.method().name().length() + request.uri().length() + " HTTP/1.1".length() + 1;
        if (line > PORTAL_REQUEST_LINE) {
            String why = "The request line is " + line + " bytes: a portal's nginx reads " + PORTAL_REQUEST_LINE
                    + " at most (large_client_header_buffers) and most likely answers 414 Request-URI Too Large;"
                    + " send the parameters in a POST body";
            exchange.warn(why);
            exchange.frontRefusal(new RestError(414, "REQUEST_URI_TOO_LARGE", why));
        }
    }

    /** Whether a Content-Length is a number no greater than the body limit. */
    private boolean withinLimit(String contentLength) {
        return !contentLength.isEmpty() && contentLength.length() < 19
                && contentLength.chars().allMatch(Character::isDigit) && Long.parseLong(contentLength) <= bodyLimit;
    }

    private void serve(HttpServerRequest request, RestExchange exchange, List<PhpForm.Pair> multipartFields,
                       byte[] body, BodyBudget.Claim claim) {
        try {
            ParamDecoder.Decoded decoded;
            try {
                decoded = exchange.path().v3() ? decoder.decodeV3(body)
                        : decoder.decode(request.method().name(), request.query(),
                        request.getHeader("Content-Type"), body, multipartFields);
            } finally {
                release(claim); // the body's bytes are not needed past here
            }
            exchange.params(decoded.params());
            exchange.warnAll(decoded.warnings());
            String bearer = bearer(request);
            exchange.authToken(bearer != null ? bearer : oauthToken(decoded));
        } catch (RestError malformed) {
            exchange.error(malformed);
            answer(request, exchange);
            return;
        } catch (OutOfMemoryError | StackOverflowError exhausted) {
            // decoding a large or deeply nested body: answered, as the stages' failures are (Pipeline#proceed)
            exchange.error(Pipeline.exhausted(exchange, exhausted));
            answer(request, exchange);
            return;
        } catch (RuntimeException unexpected) {
            exchange.error(Pipeline.unexpected(exchange, unexpected));
            answer(request, exchange);
            return;
        }
        pipeline.run(exchange, vertx, () -> answer(request, exchange), () -> {
            request.connection().close();
            log(request, exchange, 0);
            pipeline.completed(exchange);
        });
    }

    /**
     * An {@code Authorization: Bearer} token: the real server (Rest\OAuth\Auth::getAuthKey) reads it before
     * {@code auth} and {@code access_token}.
     */
    private static String bearer(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** The OAuth token: {@code auth} in query or body, or {@code access_token} as some clients send it. */
    private static String oauthToken(ParamDecoder.Decoded decoded) {
        if (decoded.authToken() != null && !decoded.authToken().isBlank()) {
            return decoded.authToken();
        }
        var accessToken = decoded.params().remove("access_token");
        return accessToken == null || !accessToken.isValueNode() ? null : accessToken.asText();
    }

    private static String queryParam(HttpServerRequest request, String name) {
        String query = request.query();
        if (query == null || query.indexOf('%') < 0 && !containsIgnoringCase(query, name)) {
            return null; // Vert.x would decode the whole query into a map to find nothing (most calls carry no auth)
        }
        try {
            return request.getParam(name);
        } catch (RuntimeException malformedQuery) {
            return null; // decoding the whole request answers it
        }
    }

    /**
     * Whether a text holds a name in any case: a query that does not cannot name the parameter, however Vert.x
     * compares names.
     */
    private static boolean containsIgnoringCase(String text, String name) {
        for (int i = 0; i + name.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, name, 0, name.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Answers a request whose body is left unread, then closes the connection, so the rest of that body cannot be
     * taken for the next request. The end handler goes on before the answer: a written response takes none.
     */
    private void answerAndClose(HttpServerRequest request, RestExchange exchange) {
        HttpServerResponse response = request.response();
        if (!response.ended() && !response.closed()) {
            response.putHeader("Connection", "close");
            response.endHandler(v -> request.connection().close());
        }
        answer(request, exchange);
    }

    /**
     * Tells the completion listeners (the journal), logs the request and writes the envelope (unless the client is
     * gone). The journal comes first, so a client that reads it after its answer always finds its call (D80).
     */
    private void answer(HttpServerRequest request, RestExchange exchange) {
        // the answer written before the journal and the log line: its time block's duration ends here, as it did
        Buffer body;
        try {
            body = exchange.error() == null ? envelope.success(exchange) : envelope.buffer(envelope.error(exchange));
        } catch (BufferOutput.TooLarge tooLarge) {
            exchange.error(BufferOutput.TooLarge.error());
            body = envelope.buffer(envelope.error(exchange));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError unwritable) {
            // a result that cannot be written (a bug, or too large for the heap) still gets an answer, not a hang
            exchange.error(unwritable instanceof VirtualMachineError exhausted ? Pipeline.exhausted(exchange, exhausted)
                    : Pipeline.unexpected(exchange, unwritable));
            body = envelope.buffer(envelope.error(exchange));
        }
        RestError error = exchange.error();
        int status = error == null ? 200 : error.httpStatus();
        log(request, exchange, status);
        pipeline.completed(exchange);
        HttpServerResponse response = request.response();
        if (!response.ended() && !response.closed()) {
            boolean xml = exchange.path().xml();
            response.setStatusCode(status)
                    .putHeader(CONTENT_TYPE, xml ? XmlAnswer.CONTENT_TYPE : JSON_UTF8)
                    .putHeader(ALLOW_ORIGIN, ANY);
            if (xml) { // the XML transport ("method.xml"), rare enough to be written from the JSON answer (D146)
                body = XmlAnswer.of(body);
            }
            if (error != null && error.location() != null) {
                response.putHeader("Location", error.location());
            }
            for (String warning : exchange.warnings()) {
                response.headers().add(WARNING_HEADER, asciiHeader(warning));
            }
            for (String notice : exchange.notices()) {
                response.headers().add(NOTICE_HEADER, asciiHeader(notice));
            }
            response.end(body);
        }
    }

    /** The INFO line of the request: method, portal, status and latency, with nothing a client could forge. */
    private static void log(HttpServerRequest request, RestExchange exchange, int status) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long micros = (System.nanoTime() - exchange.startedNanos()) / 1000;
        String method = exchange.method().isEmpty() ? "-" : exchange.method();
        // one builder, not a pattern: SLF4J's formatting parsed the pattern and boxed the status on every request
        LOG.info(new StringBuilder(96).append(request.method().name()).append(' ').append(LogText.safe(method))
                .append(" portal=").append(LogText.safe(exchange.tenant())).append(" status=").append(status)
                .append(' ').append(millis(micros)).append("ms").toString());
    }

    /** "12.34": milliseconds with two decimals, without String.format's cost on every request line. */
    static String millis(long micros) {
        long hundredths = (micros + 5) / 10;
        long fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /**
     * A header's text in printable ASCII, at most 512 characters: a character outside it written as \\uXXXX (a value
     * "Иван" stays readable, and a control character cannot end the header), the journal keeping the text as sent.
     */
    private static String asciiHeader(String text) {
        StringBuilder ascii = new StringBuilder(Math.min(text.length(), 512));
        for (int i = 0; i < text.length() && ascii.length() < 512; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                ascii.append(c);
            } else {
                ascii.append(String.format("\\u%04x", (int) c));
            }
        }
        return ascii.toString();
    }

    private static void corsPreflight(HttpServerResponse response) {
        response.setStatusCode(204)
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .putHeader("Access-Control-Allow-Headers", "Content-Type, Authorization")
                .end();
    }
}
