package dev.b24emu.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds one OpenAPI 3.1 document from the catalogue: one POST operation per method on both the webhook and the
 * OAuth server, events and the CALL_CARD placement as webhooks, and every schema under components with its
 * references rewritten to components pointers (so tools that do not resolve $id still follow them).
 */
final class OpenApiAssembler {
    private final Contracts contracts;
    private final ObjectMapper json;

    OpenApiAssembler(Contracts contracts, ObjectMapper json) {
        this.contracts = contracts;
        this.json = json;
    }

    ObjectNode assemble(String baseUrl) {
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Bitrix24 telephony REST API");
        info.put("version", "0.1.0");
        info.put("description", "The contract the Bitrix24 telephony emulator serves and checks, assembled from "
                + "the JSON Schemas of dev.b24emu:b24-specs. Every operation answers the envelope {result, time} or "
                + "{error, error_description}. Parameters may be sent as JSON, as a form with PHP bracket keys, or in "
                + "the query string. REST 3.0 operations (their own servers under /rest/api/) take a JSON body and answer "
                + "{result, time} or {error: {code, message}}. Decisions where the docs and the real server differ: "
                + "specs/DECISIONS.md.");
        doc.put("jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema");
        servers(doc.putArray("servers"), baseUrl + "/rest", "", "OAuth application: pass auth=ACCESS_TOKEN");

        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        for (String path : allDocuments()) {
            schemas.set(key(path), inline(path));
        }
        ObjectNode auth = components.putObject("securitySchemes").putObject("oauthToken");
        auth.put("type", "apiKey").put("in", "query").put("name", "auth")
                .put("description", "An application's OAuth access token (webhooks carry their token in the path).");
        ObjectNode responses = components.putObject("responses");
        responses.set("Error", errorResponse("A Bitrix24 error: 400 for method errors, 401 NO_AUTH_FOUND / "
                + "invalid_token / expired_token, 403 insufficient_scope / WRONG_AUTH_TYPE, 404 ERROR_METHOD_NOT_FOUND, "
                + "413 REQUEST_TOO_LARGE", "envelope"));
        responses.set("ErrorV3", errorResponse("A REST 3.0 error {error: {code, message, [validation]}}: 400 "
                + "BITRIX_REST_V3_EXCEPTION_* and the method's own codes, 403 BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION, "
                + "404 BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION; credentials and limits keep their REST codes", "envelopeV3"));

        ObjectNode paths = doc.putObject("paths");
        for (Contracts.MethodContract method : contracts.methods()) {
            ObjectNode item = operation(method);
            if (method.v3()) {
                // REST 3.0 lives under /rest/api/: the path item names its own servers
                servers(item.putArray("servers"), baseUrl + "/rest/api", ", REST 3.0",
                        "OAuth application, REST 3.0: pass the token as auth in the JSON body");
            }
            paths.set("/" + method.method(), item);
        }
        ObjectNode webhooks = doc.putObject("webhooks");
        for (JsonNode event : contracts.index().get("events")) {
            webhooks.set(event.get("event").asText(), delivery("Event " + event.get("event").asText()
                            + " delivered to a handler bound with event.bind, or to an outgoing webhook subscribed to it ("
                            + event.get("docs").asText() + ")",
                    event.get("schema").asText()));
        }
        for (JsonNode placement : contracts.index().get("placements")) {
            webhooks.set(placement.get("placement").asText(), delivery("The " + placement.get("placement").asText()
                    + " placement handler opened by Bitrix24; PLACEMENT_OPTIONS is a JSON string described by "
                    + key(placement.get("options").asText()) + " (" + placement.get("docs").asText() + ")",
                    placement.get("post").asText()));
        }
        return doc;
    }

    private ObjectNode operation(Contracts.MethodContract method) {
        ObjectNode post = json.createObjectNode();
        ObjectNode op = post.putObject("post");
        op.put("operationId", method.method());
        op.put("summary", method.summary());
        StringBuilder description = new StringBuilder("Docs: ").append(method.docs()).append('.');
        if (method.appContextOnly()) {
            description.append(" Reserved for applications by the docs; webhooks are admitted unless the portal sets appContextOnly.");
        }
        if (method.applicationsOnly()) {
            description.append(" For applications only: a webhook is refused before any parameter is read.");
        }
        if (!method.alsoScopes().isEmpty()) {
            description.append(" Also granted by the scopes ").append(String.join(", ", method.alsoScopes())).append('.');
        }
        for (Contracts.DocumentedError error : method.errors()) {
            description.append("\n- ").append(error.status()).append(' ').append(error.code()).append(": ").append(error.message());
        }
        if (method.v3()) {
            description.append("\nREST 3.0: a JSON body only (the query string is not read), names in their exact case.");
        }
        op.put("description", description.toString());
        op.putArray("tags").add(method.scope().isEmpty() ? "common" : method.scope());
        ArrayNode security = op.putArray("security");
        security.addObject();
        if (!method.v3()) {
            security.addObject().putArray("oauthToken");
        }
        ObjectNode content = op.putObject("requestBody").putObject("content");
        String[] types = method.v3() ? new String[] {"application/json"}
                : new String[] {"application/json", "application/x-www-form-urlencoded"};
        for (String type : types) {
            content.putObject(type).putObject("schema").put("$ref", "#/components/schemas/" + key(method.params()));
        }
        String envelope = method.v3() ? "envelopeV3" : "envelope";
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", method.list() ? "A page of results (next and total beside result)" : "Success");
        ObjectNode schema = ok.putObject("content").putObject("application/json").putObject("schema");
        ArrayNode allOf = schema.putArray("allOf");
        allOf.addObject().put("$ref", "#/components/schemas/" + key(contracts.index().get(envelope).get("success").asText()));
        allOf.addObject().putObject("properties").putObject("result").put("$ref", "#/components/schemas/" + key(method.result()));
        responses.putObject("default").put("$ref", "#/components/responses/" + (method.v3() ? "ErrorV3" : "Error"));
        return post;
    }

    /** The incoming webhook's server below a REST root, and the OAuth one at it. */
    private static void servers(ArrayNode servers, String root, String version, String oauth) {
        ObjectNode webhook = servers.addObject();
        webhook.put("url", root + "/{userId}/{token}");
        webhook.put("description", "Incoming webhook" + version);
        ObjectNode variables = webhook.putObject("variables");
        variables.putObject("userId").put("default", "1");
        variables.putObject("token").put("default", "demo-token");
        servers.addObject().put("url", root).put("description", oauth);
    }

    private ObjectNode delivery(String description, String schemaPath) {
        ObjectNode item = json.createObjectNode();
        ObjectNode post = item.putObject("post");
        post.put("description", description);
        post.putObject("requestBody").putObject("content").putObject("application/x-www-form-urlencoded")
                .putObject("schema").put("$ref", "#/components/schemas/" + key(schemaPath));
        post.putObject("responses").putObject("200").put("description", "Any 2xx answer; the handler's reply is not read");
        return item;
    }

    private ObjectNode errorResponse(String description, String envelope) {
        ObjectNode response = json.createObjectNode();
        response.put("description", description);
        response.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/" + key(contracts.index().get(envelope).get("error").asText()));
        return response;
    }

    /** Every schema document reachable from the catalogue, including those only referenced. */
    private Set<String> allDocuments() {
        Set<String> all = new TreeSet<>();
        for (String path : contracts.allSchemaPaths()) {
            collect(path, all);
        }
        return all;
    }

    private void collect(String path, Set<String> seen) {
        if (!seen.add(path)) {
            return;
        }
        refs(contracts.document(path), ref -> {
            String target = ref.split("#", 2)[0];
            if (!target.isEmpty()) {
                collect(resolve(path, target), seen);
            }
        });
    }

    private JsonNode inline(String path) {
        ObjectNode copy = contracts.document(path).deepCopy();
        copy.remove("$id");
        copy.remove("$schema");
        rewrite(copy, path);
        return copy;
    }

    private void rewrite(JsonNode node, String path) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                String[] parts = ref.asText().split("#", 2);
                String target = parts[0].isEmpty() ? path : resolve(path, parts[0]);
                String fragment = parts.length > 1 ? parts[1] : "";
                object.set("$ref", new TextNode("#/components/schemas/" + key(target) + fragment));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                rewrite(it.next().getValue(), path);
            }
        } else if (node.isArray()) {
            node.forEach(child -> rewrite(child, path));
        }
    }

    private static void refs(JsonNode node, java.util.function.Consumer<String> action) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                action.accept(ref.asText());
            }
            node.forEach(child -> refs(child, action));
        } else if (node.isArray()) {
            node.forEach(child -> refs(child, action));
        }
    }

    private static String resolve(String from, String relative) {
        return Contracts.resolve(from, relative);
    }

    /** "methods/telephony.externalcall.register.params.json" becomes "methods.telephony.externalcall.register.params". */
    static String key(String path) {
        return path.replaceAll("\\.json$", "").replace('/', '.');
    }
}
