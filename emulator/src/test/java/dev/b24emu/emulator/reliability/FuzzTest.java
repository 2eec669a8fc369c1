package dev.b24emu.emulator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.TestPortal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated and mutated requests against every served method in every encoding: whatever arrives, the answer is a
 * Bitrix24 envelope with a 2xx or 4xx status, never a 5xx, a stack trace or a hang, and the portal keeps working.
 */
class FuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static Bitrix24Emulator emulator;
    private static TestPortal portal;
    private static List<String> methods;

    @BeforeContainer
    static void start() {
        emulator = Bitrix24Emulator.start(EmulatorOptions.defaults().withPort(0));
        portal = emulator.controls().newPortal();
        methods = new ArrayList<>();
        emulator.methods().all().forEach(m -> methods.add(m.name()));
        methods.add("no.such.method");
    }

    @AfterContainer
    static void stop() {
        emulator.close();
    }

    /** A request: method, parameter tree, encoding, and optionally raw mutated bytes instead of the tree. */
    record Fuzz(String method, JsonNode params, String encoding, byte[] raw) {
    }

    @Property(tries = 400, seed = "20261123")
    void noInputBreaksTheServer(@ForAll("requests") Fuzz fuzz) throws Exception {
        HttpResponse<String> response = send(fuzz);
        assertTrue(response.statusCode() < 500, () -> "HTTP " + response.statusCode() + " for " + fuzz.method() + " "
                + fuzz.encoding() + ": " + response.body());
        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.has("result") || body.has("error"), () -> "not an envelope: " + response.body());
        assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "),
                () -> "a stack trace leaked: " + response.body());
    }

    @Property(tries = 1)
    void thePortalStillWorksAfterwards() throws Exception {
        ObjectNode register = JSON.createObjectNode().put("USER_ID", 2).put("PHONE_NUMBER", "+79990000001").put("TYPE", 2);
        HttpResponse<String> registered = post("telephony.externalcall.register", "application/json", register.toString().getBytes());
        assertEquals(200, registered.statusCode(), registered.body());
        String callId = JSON.readTree(registered.body()).at("/result/CALL_ID").asText();
        ObjectNode finish = JSON.createObjectNode().put("CALL_ID", callId).put("USER_ID", 2);
        assertEquals(200, post("telephony.externalcall.finish", "application/json", finish.toString().getBytes()).statusCode());
        HttpResponse<String> state = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_emulator/portals/"
                + portal.id() + "/state")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, state.statusCode(), "the state still exports");
    }

    @Provide
    Arbitrary<Fuzz> requests() {
        Arbitrary<String> method = Arbitraries.of(methods);
        Arbitrary<String> encoding = Arbitraries.of("json", "form", "query", "raw-json", "raw-form", "multipart");
        Arbitrary<JsonNode> tree = tree(3);
        Arbitrary<byte[]> raw = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of("{", "{\"a\":", "[[[[[[", "{\"USER_ID\":1e999999}", "\u0000\u0001", "%ZZ=%", "a[[[[=1",
                                "{\"a\":" + "[".repeat(5000) + "}", "PHONE_NUMBER=%C3%28&TYPE[][][]=x")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)));
        return Combinators.combine(method, tree, encoding, raw).as(Fuzz::new);
    }

    private Arbitrary<JsonNode> tree(int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(nodes::textNode),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(30).map(nodes::textNode),
                Arbitraries.longs().map(nodes::numberNode),
                Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.of(true, false).map(nodes::booleanNode),
                Arbitraries.just(nodes.nullNode()),
                Arbitraries.strings().ofLength(5000).map(nodes::textNode));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.of("USER_ID", "USER_PHONE_INNER", "PHONE_NUMBER", "TYPE", "CALL_ID", "CALL_START_DATE",
                        "CRM_CREATE", "CRM_ENTITY_TYPE", "CRM_ENTITY_ID", "SHOW", "DURATION", "STATUS_CODE", "fields", "id",
                        "filter", "order", "select", "start", "cmd", "halt", "event", "handler", "PLACEMENT", "HANDLER",
                        "NUMBER", "MESSAGES", "FILENAME", "FILE_CONTENT", "RECORD_URL", "values", "type", "ENTITIES"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12));
        Arbitrary<JsonNode> child = tree(depth - 1);
        Arbitrary<JsonNode> object = Arbitraries.maps(key, child).ofMaxSize(6).map(map -> {
            ObjectNode node = nodes.objectNode();
            map.forEach(node::set);
            return node;
        });
        Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(list -> {
            var node = nodes.arrayNode();
            list.forEach(node::add);
            return node;
        });
        return depth == 3 ? object : Arbitraries.oneOf(scalar, object, array);
    }

    private static HttpResponse<String> send(Fuzz fuzz) throws Exception {
        return switch (fuzz.encoding()) {
            case "json" -> post(fuzz.method(), "application/json", fuzz.params().toString().getBytes(StandardCharsets.UTF_8));
            case "form" -> post(fuzz.method(), "application/x-www-form-urlencoded", form(fuzz.params()).getBytes(StandardCharsets.UTF_8));
            case "raw-json" -> post(fuzz.method(), "application/json", fuzz.raw());
            case "raw-form" -> post(fuzz.method(), "application/x-www-form-urlencoded", fuzz.raw());
            case "multipart" -> post(fuzz.method(), "multipart/form-data; boundary=XyZ",
                    ("--XyZ\r\nContent-Disposition: form-data; name=\"PHONE_NUMBER\"\r\n\r\n" + form(fuzz.params())
                            + "\r\n--XyZ--\r\n").getBytes(StandardCharsets.UTF_8));
            default -> HTTP.send(HttpRequest.newBuilder(URI.create(portal.webhookUrl() + URLEncoder.encode(fuzz.method(),
                            StandardCharsets.UTF_8).replace("%2E", ".") + "?" + form(fuzz.params()))).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
        };
    }

    private static HttpResponse<String> post(String method, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(portal.webhookUrl() + URLEncoder.encode(method, StandardCharsets.UTF_8)
                        .replace("%2E", ".")))
                .header("Content-Type", type).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** http_build_query of a tree, truncated so a GET line stays within the server's limit. */
    private static String form(JsonNode tree) {
        String encoded = dev.b24emu.emulator.internal.transport.FormCodec.encode(tree);
        return encoded.length() > 200_000 ? encoded.substring(0, 200_000) : encoded;
    }
}
