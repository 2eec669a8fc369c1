package dev.b24emu.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.specs.Contracts;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every /rest/ response a test receives against specs/: the envelope, and the method's result schema.
 * A test whose call gets a response that breaks the contract fails here, whatever the test itself asserts,
 * so the emulator and the contract cannot drift apart.
 */
public final class ContractFilter implements Filter {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** how many responses were checked, so a test can prove the filter is active */
    public static final AtomicInteger CHECKED = new AtomicInteger();
    /** how many control answers were checked against the control OpenAPI document */
    public static final AtomicInteger CONTROL_CHECKED = new AtomicInteger();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext ctx) {
        Response answer = ctx.next(request, response);
        String path = URI.create(request.getURI()).getPath();
        if ("HEAD".equals(request.getMethod())) {
            return answer; // the GET's answer without its body: the GET's is checked
        }
        if (path != null && path.startsWith("/_emulator/") && !path.startsWith("/_emulator/ui")) {
            return checkControl(request.getMethod(), path, answer);
        }
        if (path == null || !path.startsWith("/rest/") || "OPTIONS".equals(request.getMethod())) {
            return answer;
        }
        if (String.valueOf(answer.contentType()).startsWith("text/xml")) {
            return answer; // the XML transport of "method.xml" (D146): written from the JSON answer, XmlAnswerTest's
        }
        String method = methodOf(path);
        JsonNode body;
        try {
            body = JSON.readTree(answer.asByteArray());
        } catch (Exception e) {
            throw new AssertionError("Response to " + method + " is not JSON: " + answer.asString(), e);
        }
        Contracts contracts = Contracts.shared();
        int version = path.startsWith("/rest/api/") ? 3 : 2;
        // a method asked for in the other REST version is not found: answered in the envelope of the path
        boolean served = contracts.method(method).filter(c -> c.restVersion() == version).isPresent();
        List<Contracts.Violation> violations = served
                ? contracts.validateResponse(method, answer.statusCode(), body)
                : contracts.validateError(version, body);
        if (!served && answer.statusCode() == 200) {
            throw new AssertionError("Method " + method + " answered 200 but has no contract in specs/");
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("Response to " + method + " (HTTP " + answer.statusCode()
                    + ") breaks the contract: " + violations + "\n" + body);
        }
        CHECKED.incrementAndGet();
        return answer;
    }

    /** A control answer, held to the control API's OpenAPI document (specs/.../control/openapi.json). */
    private static Response checkControl(String httpMethod, String path, Response answer) {
        JsonNode body;
        try {
            body = JSON.readTree(answer.asByteArray());
        } catch (Exception e) {
            throw new AssertionError(httpMethod + " " + path + " answered something that is not JSON: " + answer.asString(), e);
        }
        List<Contracts.Violation> violations = Contracts.shared().validateControl(httpMethod, path, answer.statusCode(), body);
        if (!violations.isEmpty()) {
            throw new AssertionError(httpMethod + " " + path + " (HTTP " + answer.statusCode()
                    + ") breaks the control API's contract: " + violations + "\n" + body);
        }
        CONTROL_CHECKED.incrementAndGet();
        return answer;
    }

    static String methodOf(String path) {
        String rest = path.substring("/rest/".length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String method = rest.substring(rest.lastIndexOf('/') + 1);
        return method.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                ? method.substring(0, method.length() - ".json".length()) : method;
    }
}
