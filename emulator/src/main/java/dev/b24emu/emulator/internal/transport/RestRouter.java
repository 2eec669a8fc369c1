package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.Fault;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.portal.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Serves /rest/ the way the real REST server does: webhook URLs /rest/{user}/{token}/{method}[.json][/],
 * OAuth /rest/{method}?auth=TOKEN, parameters in any encoding, the envelope, and one INFO line per request.
 * It knows methods only through the {@link MethodRegistry}; nothing here is specific to telephony.
 */
public final class RestRouter {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.request");
    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    /** the origin of the journal's monotonic uptime stamps */
    private static final long STARTED_NANOS = System.nanoTime();

    private final MethodRegistry methods;
    private final Authenticator authenticator;
    private final ParamDecoder decoder;
    private final Envelope envelope;
    private final RequestValidator validator;
    private final long bodyLimit;
    private final Vertx vertx;

    public RestRouter(Vertx vertx, MethodRegistry methods, Authenticator authenticator, ParamDecoder decoder,
                      Envelope envelope, RequestValidator validator, long bodyLimit) {
        this.vertx = vertx;
        this.methods = methods;
        this.authenticator = authenticator;
        this.decoder = decoder;
        this.envelope = envelope;
        this.validator = validator;
        this.bodyLimit = bodyLimit;
    }

    public void mount(Router router) {
        router.route("/rest/*").handler(this::receive);
    }

    /** Collects the body (within the limit) and then serves the call. */
    private void receive(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long started = System.nanoTime();
        if ("OPTIONS".equals(request.method().name())) {
            corsPreflight(request.response());
            return;
        }
        RestError refused = refusedBeforeBody(request);
        if (refused != null) {
            // the body is never read: close after the answer so an unread body cannot be taken for the next request
            request.response().putHeader("Connection", "close");
            respond(request, null, "", refused.httpStatus(), envelope.error(refused.code(), refused.description()),
                    null, started, refused.code());
            request.response().endHandler(v -> request.connection().close());
            return;
        }
        String contentType = request.getHeader("Content-Type");
        boolean multipart = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
        if (multipart) {
            request.setExpectMultipart(true);
            request.uploadHandler(upload -> upload.handler(chunk -> { }));
        }
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > bodyLimit) {
                tooLarge[0] = true;
                RestError error = RestError.requestTooLarge(bodyLimit);
                respond(request, null, "", error.httpStatus(), envelope.error(error.code(), error.description()),
                        null, started, error.code());
                request.response().closeHandler(v -> { });
                request.connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> { });
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
            serve(request, fields, body.getBytes(), started);
        });
        request.resume();
    }

    /**
     * Credentials that can be judged from the URL alone (a webhook path, or {@code auth} in the query string) are
     * judged before the body is read: a request that will be refused never makes the server wait for, or decode,
     * its body. An expired token is left to the full path, which journals the request on the token's portal.
     */
    private RestError refusedBeforeBody(HttpServerRequest request) {
        Target target = Target.parse(request.path());
        try {
            if (target.isWebhook()) {
                authenticator.webhook(target.userId(), target.token());
            } else {
                String token = queryParam(request, "auth");
                if (token != null && !token.isBlank()) {
                    authenticator.oauth(token);
                }
            }
            return null;
        } catch (RestError error) {
            return error.rejected() == null ? error : null;
        }
    }

    private static String queryParam(HttpServerRequest request, String name) {
        try {
            return request.getParam(name);
        } catch (RuntimeException malformedQuery) {
            return null; // the full path answers it
        }
    }

    private void serve(HttpServerRequest request, List<PhpForm.Pair> multipartFields, byte[] body, long started) {
        Caller caller = null;
        String methodName = "";
        ObjectNode params = null;
        try {
            Target target = Target.parse(request.path());
            methodName = target.method();
            ParamDecoder.Decoded decoded = decoder.decode(request.query(), request.getHeader("Content-Type"), body,
                    multipartFields);
            params = decoded.params();
            caller = target.isWebhook() ? authenticator.webhook(target.userId(), target.token())
                    : authenticator.oauth(oauthToken(decoded));
            Caller who = caller;
            MethodRegistry.Method method = methods.find(methodName).orElseThrow(RestError::methodNotFound);
            if (!method.scope().isEmpty() && !who.scopes().contains(method.scope())) {
                throw who.isWebhook() ? RestError.insufficientScope() : RestError.insufficientScopeOAuth();
            }
            if (method.appContextOnly() && who.isWebhook() && who.portal().settings().appContextOnly()) {
                throw RestError.wrongAuthType();
            }
            checkLimits(who, method.name());
            Fault fault = who.portal().faults().fire(method.name()).orElse(null);
            if (fault != null && fault.drop()) {
                request.connection().close();
                journal(request, who, method.name(), 0, params, null, started, "FAULT_DROPPED_CONNECTION");
                return;
            }
            ObjectNode checked = params;
            if (fault != null && fault.latencyMillis() > 0) {
                vertx.setTimer(fault.latencyMillis(), t -> execute(request, who, method, checked, started, fault));
                return;
            }
            execute(request, who, method, params, started, fault);
        } catch (RuntimeException failure) {
            fail(request, caller, methodName, params, started, failure);
        }
    }

    /** Runs the method (after any injected latency) and answers. */
    private void execute(HttpServerRequest request, Caller who, MethodRegistry.Method method, ObjectNode params,
                         long started, Fault fault) {
        try {
            if (fault != null && fault.error() != null) {
                throw new RestError(fault.status(), fault.error(), fault.description());
            }
            Instant start = who.portal().now();
            Params checked = new Params(params);
            validator.check(who, method.name(), checked);
            Object result = method.body().call(who, checked);
            long nanos = System.nanoTime() - started;
            ObjectNode ok = envelope.success(result, start, nanos, who.portal().settings().timeZone());
            if (who.portal().settings().limits()) {
                RateLimiter limiter = who.portal().limiter();
                limiter.spend(method.name(), nanos / 1e9, who.portal().now());
                ObjectNode time = (ObjectNode) ok.get("time");
                time.put("operating_reset_at", limiter.resetAt(who.portal().now()).getEpochSecond());
                time.put("operating", limiter.operating(method.name(), who.portal().now()));
            }
            respond(request, who, method.name(), 200, ok, params, started, null);
        } catch (RuntimeException failure) {
            fail(request, who, method.name(), params, started, failure);
        }
    }

    /** The real limits, when the portal has them on: the leaky bucket, then the method's operating time. */
    private static void checkLimits(Caller who, String method) {
        PortalSettings settings = who.portal().settings();
        if (!settings.limits()) {
            return;
        }
        RateLimiter limiter = who.portal().limiter();
        Instant now = who.portal().now();
        if (!limiter.admit(now, settings.rateLimit(), settings.burst())) {
            throw new RestError(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
        }
        if (limiter.operating(method, now) >= settings.operatingLimit()) {
            throw new RestError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.");
        }
    }

    private void fail(HttpServerRequest request, Caller caller, String methodName, ObjectNode params, long started,
                      RuntimeException failure) {
        if (failure instanceof RestError error) {
            if (caller == null) {
                caller = error.rejected();
            }
            Portal portal = caller == null ? null : caller.portal();
            String code = portal != null && portal.settings().emptyErrorCode() && "ERROR_CORE".equals(error.code())
                    ? "" : error.code();
            ObjectNode answer = envelope.error(code, error.description());
            if (error.argument() != null) {
                answer.put("argument", error.argument());
            }
            respond(request, caller, methodName, error.httpStatus(), answer, params, started, error.code());
            return;
        }
        LOG.warn("Unexpected failure in {}", methodName, failure);
        respond(request, caller, methodName, 500, envelope.error("INTERNAL_SERVER_ERROR", "Internal server error"),
                params, started, "INTERNAL_SERVER_ERROR");
    }

    /** The OAuth token: {@code auth} in query or body, or {@code access_token} as some clients send it. */
    private static String oauthToken(ParamDecoder.Decoded decoded) {
        if (decoded.authToken() != null && !decoded.authToken().isBlank()) {
            return decoded.authToken();
        }
        var accessToken = decoded.params().remove("access_token");
        return accessToken == null || !accessToken.isValueNode() ? null : accessToken.asText();
    }

    private void respond(HttpServerRequest request, Caller caller, String method, int status, ObjectNode body,
                         ObjectNode params, long started, String errorCode) {
        HttpServerResponse response = request.response();
        if (!response.ended() && !response.closed()) {
            response.setStatusCode(status)
                    .putHeader("Content-Type", JSON_UTF8)
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .end(Buffer.buffer(envelope.bytes(body)));
        }
        journal(request, caller, method, status, params, errorCode == null ? body.get("result") : null, started,
                errorCode);
    }

    /** The INFO line of the request and its journal entry on the portal. */
    private static void journal(HttpServerRequest request, Caller caller, String method, int status, ObjectNode params,
                                JsonNode result, long started, String errorCode) {
        long micros = (System.nanoTime() - started) / 1000;
        Portal portal = caller == null ? null : caller.portal();
        LOG.info("{} {} portal={} status={} {}ms", request.method().name(), method.isEmpty() ? request.path() : method,
                portal == null ? "-" : portal.id(), status, millis(micros));
        if (portal != null) {
            RequestJournal.Who who = new RequestJournal.Who(portal.id(), caller.authType().name().toLowerCase(Locale.ROOT),
                    caller.clientId(), caller.credential());
            portal.journal().record(portal.isoNow(), who, method, request.method().name(), params, status, errorCode,
                    result, micros, (started - STARTED_NANOS) / 1_000_000);
        }
    }

    /** "12.34": milliseconds with two decimals, without String.format's cost on every request line. */
    static String millis(long micros) {
        long hundredths = (micros + 5) / 10;
        long fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    private static void corsPreflight(HttpServerResponse response) {
        response.setStatusCode(204)
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .putHeader("Access-Control-Allow-Headers", "Content-Type, Authorization")
                .end();
    }

    /** What a /rest/ path addresses: a method, with or without webhook credentials. */
    record Target(String userId, String token, String method) {
        boolean isWebhook() {
            return token != null;
        }

        /** Repeated slashes read as one, as nginx's merge_slashes does: SDKs build {@code <webhook>/<method>/}. */
        static Target parse(String path) {
            String rest = path.substring("/rest/".length()).replaceAll("/{2,}", "/");
            while (rest.startsWith("/")) {
                rest = rest.substring(1);
            }
            while (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            String[] parts = rest.split("/", -1);
            String method = parts[parts.length - 1];
            if (method.toLowerCase(Locale.ROOT).endsWith(".json")) {
                method = method.substring(0, method.length() - ".json".length());
            }
            if (parts.length >= 3) {
                return new Target(parts[parts.length - 3], parts[parts.length - 2], method);
            }
            if (parts.length == 2) {
                return new Target(parts[0], parts[1], "");
            }
            return new Target(null, null, method);
        }
    }
}
