package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;
import dev.b24emu.specs.Contracts;
import dev.b24emu.specs.Spelling;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every request names a documented method and passes its parameters as the contract in specs/ states: right types,
 * required ones present, no unknown ones (the real portal ignores a misspelt parameter silently, so the client
 * never learns it sent nothing). Also every other deviation the emulator reported on the request (the journal's
 * warnings: repeated slashes in the path, a body the server ignores, variables past PHP's max_input_vars): the real
 * portal accepts those too, so only this report tells the client about them.
 */
final class SpecConformance extends Rule {
    private final Contracts contracts = Contracts.shared();

    SpecConformance() {
        super("spec",
                "Every request conforms to the contract in specs/ (documented method, parameter names and types)",
                "specs/ (JSON Schemas citing api-reference/telephony/*.md and the other methods' pages)");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return !traffic.requests().isEmpty();
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Traffic.Request request : traffic.requests()) {
            if (request.is("batch")) {
                // its commands are not checked here: the emulator checked each and journaled what it found
                journaled(request, violations, warning -> true);
                continue;
            }
            if (contracts.method(request.method()).isEmpty()) {
                violations.add(new Violation(id(), "Undocumented method " + request.method(), request.seq(),
                        request.view(), method(nearest(request.method(), contracts.methods().stream()
                                .map(Contracts.MethodContract::method).toList()))));
                continue;
            }
            unknownParams(request, violations);
            journaled(request, violations, SpecConformance::notAboutParameters);
            Set<String> reported = new java.util.HashSet<>();
            for (Contracts.Violation v : contracts.validateParams(request.method(), request.params())) {
                String property = v.property();
                // one finding a parameter (a value misses each branch of its schema), and one a documented refusal
                // (USER_ID or USER_PHONE_INNER: both branches of the alternative are missed)
                if (!reported.add(v.error().map(e -> "refusal " + e.message()).orElse(property.isEmpty()
                        ? v.location() + " " + v.message() : "parameter " + property))) {
                    continue;
                }
                ObjectNode actual = JsonNodeFactory.instance.objectNode();
                ObjectNode expected = JsonNodeFactory.instance.objectNode();
                if (property.isEmpty()) {
                    actual.set("params", request.params());
                    expected.put("params", v.message());
                } else {
                    actual.set(property, request.param(property).orElse(JsonNodeFactory.instance.missingNode()));
                    expected.put(property, contracts.paramSchema(request.method(), property).map(SchemaSummary::of)
                            .orElse(v.message()));
                }
                // a value the portal took all the same (USER_ID "2abc", read by PHP's (int) as 2) was not refused
                String finding = v.error().filter(e -> !request.ok())
                        .map(e -> "the portal refuses it: " + e.code() + " \"" + e.message() + "\"").orElse(v.toString());
                violations.add(new Violation(id(), request.method() + ": " + finding, request.seq(), actual, expected));
            }
        }
        return violations;
    }

    /**
     * The journal's warnings a request's findings take over: for a call, those other than about its parameters (the
     * kit checks parameters itself above, with the schema beside each, so those would be reported twice); for a
     * batch, all of them.
     */
    private void journaled(Traffic.Request request, List<Violation> violations, java.util.function.Predicate<String> which) {
        if (request.isRestCardEvent()) {
            return; // its warning is the report's caveat, not a broken rule
        }
        for (String warning : request.warnings()) {
            if (which.test(warning)) {
                violations.add(new Violation(id(), request.method() + ": " + warning, request.seq(), request.view(),
                        JsonNodeFactory.instance.textNode(fix(request.method(), warning))));
            }
        }
    }

    /** What would have kept the contract, for the warnings the emulator words (the real portal accepts all of them). */
    private static String fix(String method, String warning) {
        if (warning.startsWith("Repeated slashes")) {
            return "the URL with single slashes: <webhook or REST endpoint>/" + method;
        }
        if (warning.startsWith("The body (Content-Type")) {
            return "the parameters as a form (application/x-www-form-urlencoded) or a JSON body (application/json)";
        }
        return "what the documentation shows (the real portal accepts this silently)";
    }

    /** How the emulator's request validation words the warnings this rule finds by itself. */
    private static final List<String> PARAMETER_WARNINGS = List.of("Parameter ", "Parameters are invalid", "Unknown parameter ");

    /**
     * Whether a warning is one this rule does not find by itself: not about a parameter, or about a list's start
     * written in another case (the rule matches names in any case, as the server does every name but that one).
     */
    private static boolean notAboutParameters(String warning) {
        return PARAMETER_WARNINGS.stream().noneMatch(warning::startsWith) || warning.contains(" is not start:");
    }

    /** Parameters the method does not document, each shown beside the documented name it most resembles. */
    private void unknownParams(Traffic.Request request, List<Violation> violations) {
        Set<String> documented = contracts.documentedParams(request.method());
        request.params().fieldNames().forEachRemaining(name -> {
            // as the emulator judges it: any case, and the names a schema reads by their shape (patternProperties)
            if (!contracts.documentsParam(request.method(), name)) {
                ObjectNode actual = JsonNodeFactory.instance.objectNode();
                actual.set(name, request.params().get(name));
                ObjectNode expected = JsonNodeFactory.instance.objectNode();
                expected.set(nearest(name, List.copyOf(documented)), request.params().get(name));
                violations.add(new Violation(id(), request.method() + ": unknown parameter " + name
                        + " (the portal ignores it)", request.seq(), actual, expected));
            }
        });
    }

    private static ObjectNode method(String name) {
        return JsonNodeFactory.instance.objectNode().put("method", name);
    }

    /** The candidate closest to a name by edit distance: the likely intended spelling. */
    static String nearest(String name, List<String> candidates) {
        String best = Spelling.nearest(name, candidates, Integer.MAX_VALUE);
        return best == null ? name : best;
    }

}
