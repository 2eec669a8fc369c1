package dev.b24emu.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The methods every SDK and connector calls first to learn where it stands (api-reference/common/system/):
 * server.time, scope, methods, method.get and feature.get. They live in the framework rather than in an area because
 * they answer from what the framework alone holds, the method table and the caller's scopes, and no area's state;
 * like batch they are added by the server after every area has registered its methods (specs/DECISIONS.md D58).
 */
public final class SystemMethods {
    /**
     * Every scope code of api-reference/scopes/permissions.md, in the page's order ("sonet_group, socialnetwork" is
     * two codes), then the three deprecated task scopes its footnote says "are available": what scope answers with
     * full=true, the portal's every scope.
     */
    static final List<String> ALL_SCOPES = List.of("ai_admin", "biconnector", "bizproc", "booking", "calendar", "call",
            "cashbox", "catalog", "contact_center", "crm", "documentgenerator", "delivery", "department", "disk", "entity",
            "humanresources", "humanresources.hcmlink", "im", "imbot", "imconnector", "imopenlines", "intranet", "landing",
            "lists", "log", "mailservice", "main", "messageservice", "mobile", "pay_system", "placement", "pull", "rpa",
            "sale", "salescenter", "sign.b2e", "sonet_group", "socialnetwork", "task", "telephony", "timeman", "user",
            "user_brief", "user_basic", "user.userfield", "userfieldconfig", "userconsent", "vote", "tasks",
            "tasks_extended", "tasksmobile");
    /**
     * The features feature.get names (feature-get.md), all of which the emulator provides: reserving offline events
     * with clear=0 and their auth_connector queues (specs/DECISIONS.md D129).
     */
    static final Set<String> FEATURES = Set.of("rest_offline_extended", "rest_auth_connector");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SystemMethods() {
    }

    public static void register(MethodTable methods) {
        methods.add("server.time", SystemMethods::serverTime)
                .add("scope", SystemMethods::scope)
                .add("methods", call -> methods(methods, call))
                .add("method.get", call -> methodGet(methods, call))
                .add("feature.get", SystemMethods::featureGet);
    }

    /** Whether the portal has a feature: Y for those the emulator provides, N for any other code. */
    private static JsonNode featureGet(RestCall call) {
        String code = call.params().requireText("CODE", new RestError(400, "CODE_EMPTY", "CODE can't be empty"));
        return NODES.objectNode().put("value", FEATURES.contains(code) ? "Y" : "N");
    }

    /** The portal's clock in its zone, at the instant the time block's date_start shows. */
    private static JsonNode serverTime(RestCall call) {
        return NODES.textNode(IsoTime.format(call.start(), call.portal().settings().timeZone()));
    }

    /** The caller's scopes (the webhook's or the application's), or every scope with full: the server's loose == true. */
    private static JsonNode scope(RestCall call) {
        List<String> scopes = call.params().phpTruthy("full") ? ALL_SCOPES
                : call.caller().scopes().stream().sorted().toList();
        ArrayNode result = NODES.arrayNode();
        scopes.forEach(result::add);
        return result;
    }

    /**
     * Lower-cased names, as the server lists them: a given scope's methods (an empty scope: the common ones), else with
     * full every method, else the caller's scopes' methods and the common ones.
     */
    private static JsonNode methods(MethodTable table, RestCall call) {
        Params p = call.params();
        Optional<String> scope = p.has("scope") ? Optional.of(p.text("scope").orElse("").trim()) : Optional.empty();
        Predicate<MethodTable.Method> listed;
        if (scope.isPresent()) {
            String wanted = scope.get().toLowerCase(Locale.ROOT);
            listed = method -> method.scope().equals(wanted) || method.alsoScopes().contains(wanted);
        } else if (p.phpTruthy("full")) {
            listed = method -> true;
        } else {
            Set<String> mine = call.caller().scopes();
            listed = method -> method.grantedBy(mine);
        }
        ArrayNode result = NODES.arrayNode();
        table.all().stream().filter(listed).forEach(method -> result.add(method.name().toLowerCase(Locale.ROOT)));
        return result;
    }

    /**
     * Whether the method exists and the caller's scopes grant it. The name is looked up as given among lower-case
     * names ("in lowercase", says the page), so a mixed-case name exists nowhere; no name is false and false.
     */
    private static JsonNode methodGet(MethodTable table, RestCall call) {
        String name = call.params().text("name").orElse("").trim();
        Optional<MethodTable.Method> method = name.equals(name.toLowerCase(Locale.ROOT)) && !name.isEmpty()
                ? table.find(name) : Optional.empty();
        ObjectNode result = NODES.objectNode();
        result.put("isExisting", method.isPresent());
        result.put("isAvailable", method.filter(m -> m.grantedBy(call.caller().scopes())).isPresent());
        return result;
    }
}
