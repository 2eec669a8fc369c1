package dev.b24emu.emulator.reliability;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.support.Servers;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The bound on configuration objects a portal holds (D120): a client adding external lines, event handlers,
 * placement handlers, users or SIP connections in a loop, or a few with megabytes of text, cannot fill the heap.
 * Past the bound an add is refused with ERROR_CORE naming the option; removing one makes room again; what is there
 * stays.
 */
class ConfigObjectBoundTest extends AppHarness {
    private static final int BOUND = 5;

    /** Hides the harness's start: this class's emulator keeps at most {@link #BOUND} objects of each kind. */
    @BeforeAll
    static void startEmulator() {
        Servers.Config config = Servers.config();
        config.configObjects = BOUND;
        start(config);
    }

    @Test
    void pastTheBoundEachKindOfConfigurationObjectIsRefusedAndRemovingOneMakesRoom() {
        String token = install("bounded-app", List.of("telephony", "placement", "user"), null)
                .getString("access_token");

        // text counts too: a kind holds 8 K characters an object on average
        oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "300", "NAME", "n".repeat(BOUND * 8 * 1024)))
                .then().statusCode(400).body("error", equalTo("ERROR_CORE")).body("error_description", equalTo(
                        "The emulator keeps at most 40 K characters of external lines per portal, 8 K each on average"
                                + " (--max-config-objects, D120)"));
        oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "300", "NAME", "n".repeat(8 * 1024)))
                .then().statusCode(200);
        oauth(token, "telephony.externalLine.delete", Map.of("NUMBER", "300")).then().statusCode(200);

        fill("external lines", i -> oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "10" + i)));
        oauth(token, "telephony.externalLine.get", Map.of()).then().body("result", hasSize(BOUND));
        oauth(token, "telephony.externalLine.delete", Map.of("NUMBER", "100")).then().statusCode(200);
        oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "200")).then().statusCode(200);

        fill("event handlers", i -> oauth(token, "event.bind", Map.of("event", "OnExternalCallStart",
                "handler", "https://example.com/handler/" + i)));
        // at the bound, binding a handler that is bound already is told so, as below it
        oauth(token, "event.bind", Map.of("event", "OnExternalCallStart", "handler", "https://example.com/handler/0"))
                .then().statusCode(400).body("error", equalTo("ERROR_HANDLER_ALREADY_EXIST"));
        fill("placement handlers", i -> oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD",
                "HANDLER", "https://example.com/card/" + i)));
        fill("SIP connections", i -> oauth(token, "voximplant.sip.add", Map.of("TYPE", "office",
                "SERVER", "pbx" + i + ".example.com", "LOGIN", "user" + i)));

        // an application's settings and its users' count together; changing one at the bound is no add
        fill("options of one application", i -> oauth(token, "user.option.set", Map.of("options", Map.of("k" + i, "v"))));
        oauth(token, "user.option.set", Map.of("options", Map.of("k0", "changed"))).then().statusCode(200);
        oauth(token, "app.option.set", Map.of("options", Map.of("line", "1"))).then().statusCode(400);

        // deal pipelines (each brings eight stages) and universal lists and their fields (D171, D174)
        fill("deal pipelines", i -> call("crm.category.add", Map.of("entityTypeId", 2, "fields", Map.of("name", "P" + i))));
        fill("lists", i -> call("lists.add", Map.of("IBLOCK_TYPE_ID", "lists", "IBLOCK_CODE", "l" + i,
                "FIELDS", Map.of("NAME", "L" + i))));
        String list = call("lists.get", Map.of("IBLOCK_TYPE_ID", "lists", "IBLOCK_CODE", "l0")).then().extract()
                .path("result[0].ID");
        // NAME is the list's first field: one fewer fits
        fill("list fields", BOUND - 1, i -> call("lists.field.add", Map.of("IBLOCK_TYPE_ID", "lists", "IBLOCK_ID", list,
                "FIELDS", Map.of("NAME", "F" + i, "TYPE", "S", "CODE", "F" + i))));

        // the demo portal's four users count: one more fits
        int seeded = call("user.get", Map.of()).then().extract().path("total");
        fill("users", BOUND - seeded, i -> call("user.add", Map.of("EMAIL", "new" + i + "@example.com",
                "UF_DEPARTMENT", List.of(1))));
    }

    /**
     * An update is weighed as an add is: renamed with megabytes, the 26th department ran the heap out, since only adds
     * were. One that does not grow the text passes even past the bound.
     */
    @Test
    void anUpdateThatWouldPassTheTextBoundIsRefusedAndWhatIsThereStays() {
        String tooLong = "n".repeat(BOUND * 8 * 1024 + 1024);
        String refused = "The emulator keeps at most 40 K characters of %s per portal, 8 K each on average"
                + " (--max-config-objects, D120)";
        call("department.update", Map.of("ID", 1, "NAME", tooLong)).then().statusCode(400)
                .body("error_description", equalTo(String.format(refused, "departments")));
        call("department.get", Map.of("ID", 1)).then().body("result[0].NAME", equalTo("Demo company"));
        call("department.update", Map.of("ID", 1, "NAME", "Renamed")).then().statusCode(200);
        call("user.update", Map.of("ID", 2, "LAST_NAME", tooLong)).then().statusCode(400)
                .body("error_description", equalTo(String.format(refused, "users")));
        call("crm.category.update", Map.of("entityTypeId", 2, "id", 0, "fields", Map.of("name", tooLong)))
                .then().statusCode(400);
        String token = install("renaming-app", List.of("telephony"), null).getString("access_token");
        oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "500", "NAME", "short")).then().statusCode(200);
        oauth(token, "telephony.externalLine.update", Map.of("NUMBER", "500", "NAME", tooLong)).then().statusCode(400)
                .body("error_description", equalTo(String.format(refused, "external lines")));
        oauth(token, "telephony.externalLine.get", Map.of()).then().body("result[0].NAME", equalTo("short"));
        // the CRM guides' rows are configuration too: the seed's alone pass this class's bound of five
        call("crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "NEW1", "NAME", "x")))
                .then().statusCode(400).body("error_description", equalTo("The emulator keeps at most " + BOUND
                        + " statuses per portal (--max-config-objects, D120)"));
    }

    /**
     * What a test harness adds through the control API is bounded the same way: a suite adding a fault or an
     * application per test, and never resetting its portal, cannot fill the heap either.
     */
    @Test
    void theControlApiAddsAreBoundedToo() {
        String portalPath = "/_emulator/portals/" + portal.id();
        control(portalPath + "/faults", "faults", i -> Map.of("method", "m" + i, "error", "ERROR_CORE"));
        control(portalPath + "/outgoing-webhooks", "outgoing webhooks", i -> Map.of("title", "t" + i,
                "handlerUrl", "https://example.com/hook/" + i, "events", List.of("OnVoximplantCallEnd")));
        control(portalPath + "/voximplant/numbers", "rented numbers", i -> Map.of("number", "7495000010" + i));
        control(portalPath + "/users", "users", i -> Map.of("NAME", "U" + i, "EMAIL", "control" + i + "@example.com"));
        control(portalPath + "/crm-exclusions", "CRM exclusions", i -> Map.of("phone", "+7900000010" + i));
        control(portalPath + "/apps", "applications", i -> Map.of("clientId", "control.app" + i, "clientSecret", "s",
                "scopes", List.of("telephony")));
        // at the bound, what adds nothing new is not refused: a reinstallation, an exclusion already there
        RestAssured.given().contentType("application/json").body(Map.of("clientId", "control.app0",
                "clientSecret", "s", "scopes", List.of("telephony"))).post(base() + portalPath + "/apps")
                .then().statusCode(201);
        RestAssured.given().contentType("application/json").body(Map.of("phone", "+79000000100"))
                .post(base() + portalPath + "/crm-exclusions").then().statusCode(201);
    }

    /** Adds through the control API until an add is refused (seeded objects count), then checks the refusal. */
    private static void control(String path, String kind, IntFunction<Map<String, ?>> body) {
        for (int i = 0; i <= BOUND; i++) {
            Response response = RestAssured.given().contentType("application/json").body(body.apply(i))
                    .post(base() + path);
            if (response.statusCode() != 201) {
                response.then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                        .body("error_description", equalTo("The emulator keeps at most " + BOUND + " " + kind
                                + " per portal (--max-config-objects, D120)"));
                return;
            }
        }
        throw new AssertionError(BOUND + 1 + " " + kind + " were added");
    }

    private static void fill(String kind, IntFunction<Response> add) {
        fill(kind, BOUND, add);
    }

    /** Adds {@code room} objects, which succeed, then one more, which is refused. */
    private static void fill(String kind, int room, IntFunction<Response> add) {
        for (int i = 0; i < room; i++) {
            add.apply(i).then().statusCode(200);
        }
        add.apply(room).then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("The emulator keeps at most " + BOUND + " " + kind
                        + " per portal (--max-config-objects, D120)"));
    }
}
