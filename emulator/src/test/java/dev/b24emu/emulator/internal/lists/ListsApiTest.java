package dev.b24emu.emulator.internal.lists;

import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Universal lists (D174): an autodialer keeps its campaigns in a list of its own type, a call-card widget checks a
 * promo code; the elements' property values are read back under their value IDs, and the refusals are the lists
 * module's.
 */
class ListsApiTest extends EmulatorHarness {
    private static final String TYPE = "asesorest24";

    private int list(String code) {
        return call("lists.add", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_CODE", code, "FIELDS", Map.of("NAME", "Campaigns")))
                .then().statusCode(200).extract().path("result");
    }

    private String field(int list, Map<String, Object> fields) {
        return call("lists.field.add", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "FIELDS", fields)).then()
                .statusCode(200).extract().path("result");
    }

    @Test
    void anAutodialersCampaignIsSavedAndReadBackUnderItsValueIds() {
        int list = list("campaigns");
        String queue = field(list, Map.of("NAME", "Queue", "TYPE", "S", "CODE", "QUEUE", "IS_REQUIRED", "Y"));
        String numbers = field(list, Map.of("NAME", "Numbers", "TYPE", "S", "CODE", "NUMBERS", "MULTIPLE", "Y"));
        String attempts = field(list, Map.of("NAME", "Attempts", "TYPE", "N", "CODE", "ATTEMPTS"));
        assertTrue(queue.matches("PROPERTY_[0-9]+"), queue);

        // as the autodialer sends it: a GET query with .json, multi-values as FIELDS[P][0], FIELDS[P][1]
        int element = given().urlEncodingEnabled(false).get(webhook + "lists.element.add.json?IBLOCK_TYPE_ID=" + TYPE
                + "&IBLOCK_ID=" + list
                + "&ELEMENT_CODE=1733480000000&FIELDS[NAME]=Morning&FIELDS[" + queue + "]=701&FIELDS[" + numbers
                + "][0]=%2B79990000001&FIELDS[" + numbers + "][1]=%2B79990000002&FIELDS[" + attempts + "]=3")
                .then().statusCode(200).extract().path("result");
        Response read = call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list));
        read.then().statusCode(200).body("total", equalTo(1)).body("result[0].ID", equalTo(Integer.toString(element)))
                .body("result[0].IBLOCK_ID", equalTo(Integer.toString(list))).body("result[0].NAME", equalTo("Morning"))
                .body("result[0].IBLOCK_SECTION_ID", nullValue()).body("result[0].CODE", equalTo("1733480000000"))
                .body("result[0].BP_PUBLISHED", equalTo("Y")).body("result[0].CREATED_BY", equalTo("1"));
        Map<String, String> numberValues = read.then().extract().path("result[0]." + numbers);
        assertEquals(List.of("+79990000001", "+79990000002"), List.copyOf(numberValues.values()));
        numberValues.keySet().forEach(id -> assertTrue(id.matches("[0-9]+"), "value IDs: " + numberValues));
        Map<String, String> queueValue = read.then().extract().path("result[0]." + queue);
        assertEquals(List.of("701"), List.copyOf(queueValue.values()));

        // an update writes everything again: a value under its ID keeps it, what is not given is cleared
        String kept = numberValues.keySet().iterator().next();
        call("lists.element.update", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "ELEMENT_ID", element,
                "FIELDS", Map.of("NAME", "Morning, again", queue, "702", numbers, Map.of(kept, "+79990000009"))))
                .then().statusCode(200).body("result", equalTo(true));
        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "ELEMENT_ID", element)).then()
                .body("result[0].NAME", equalTo("Morning, again"))
                .body("result[0]." + numbers, equalTo(Map.of(kept, "+79990000009")))
                .body("result[0]", not(hasKey(attempts)));
        call("lists.element.delete", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "ELEMENT_CODE", "1733480000000"))
                .then().statusCode(200).body("result", equalTo(true));
        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list)).then()
                .body("result", equalTo(List.of())).body("$", not(hasKey("total")));
    }

    /** A portal with a list exports a state its own import takes (a field's isProperty() was written and refused). */
    @Test
    void aPortalWithAListRoundTripsItsState() {
        int list = list("kept");
        String code = field(list, Map.of("NAME", "Code", "TYPE", "S", "CODE", "KEPT"));
        call("lists.element.add", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "ELEMENT_CODE", "one",
                "FIELDS", Map.of("NAME", "One", code, "1"))).then().statusCode(200);
        String state = io.restassured.RestAssured.given().get(base() + "/_emulator/portals/" + portal.id() + "/state")
                .then().statusCode(200).extract().asString();
        io.restassured.RestAssured.given().contentType("application/json").body(state)
                .put(base() + "/_emulator/portals/" + portal.id() + "/state").then().statusCode(200);
        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list)).then()
                .body("result.NAME", equalTo(List.of("One")));
    }

    @Test
    void aPromoCodeIsFoundByTheFilterAndTheListsAreListed() {
        int list = list("promo");
        String code = field(list, Map.of("NAME", "Code", "TYPE", "S", "CODE", "PROMO"));
        for (String promo : List.of("SUMMER", "WINTER")) {
            call("lists.element.add", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "ELEMENT_CODE", promo,
                    "FIELDS", Map.of("NAME", promo, code, promo))).then().statusCode(200);
        }
        // the widget's filter: any of the values, '*' a literal
        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "FILTER",
                Map.of("=" + code, List.of("*", "WINTER")))).then().body("result.NAME", equalTo(List.of("WINTER")));
        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "FILTER",
                Map.of("=PROPERTY_PROMO", "SUMMER"))).then().body("result.NAME", equalTo(List.of("SUMMER")));
        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "FILTER", Map.of("%NAME", "mm"),
                "SELECT", List.of("ID", "NAME"))).then().body("result", equalTo(List.of(Map.of("ID",
                        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "ELEMENT_CODE",
                                "SUMMER")).then().extract().path("result[0].ID"), "NAME", "SUMMER"))));
        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "ELEMENT_ORDER",
                Map.of("NAME", "desc"))).then().body("result.NAME", equalTo(List.of("WINTER", "SUMMER")));

        call("lists.get", Map.of("IBLOCK_TYPE_ID", TYPE)).then().statusCode(200).body("total", equalTo(1))
                .body("result[0].ID", equalTo(Integer.toString(list))).body("result[0].CODE", equalTo("promo"))
                .body("result[0].IBLOCK_TYPE_ID", equalTo(TYPE)).body("result[0].NAME", equalTo("Campaigns"));
        call("lists.field.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list)).then()
                .body("result.NAME.TYPE", equalTo("NAME")).body("result." + code + ".CODE", equalTo("PROMO"))
                .body("result." + code + ".IBLOCK_ID", equalTo(list));
        call("lists.field.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "FIELD_ID", code)).then()
                .body("result.S.FIELD_ID", equalTo(code));
    }

    @Test
    void refusalsAreTheListsModules() {
        call("lists.element.get", Map.of("IBLOCK_ID", 1)).then().statusCode(400)
                .body("error", equalTo("ERROR_REQUIRED_PARAMETERS_MISSING"))
                .body("error_description", equalTo("Required parameter \"IBLOCK_TYPE_ID\" is missing"));
        call("lists.element.add", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", 1)).then().statusCode(400)
                .body("error_description", equalTo("Required parameter \"FIELDS\" is missing"));
        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", 404)).then().statusCode(400)
                .body("error", equalTo("ERROR_IBLOCK_NOT_FOUND")).body("error_description", equalTo("Iblock not found"));
        int list = list("refusals");
        call("lists.element.get", Map.of("IBLOCK_TYPE_ID", "lists", "IBLOCK_ID", list)).then().statusCode(400)
                .body("error", equalTo("0")).body("error_description", equalTo("Invalid list ID"));
        call("lists.add", Map.of("IBLOCK_TYPE_ID", "lists", "IBLOCK_CODE", "refusals", "FIELDS", Map.of("NAME", "x")))
                .then().statusCode(400).body("error", equalTo("ERROR_IBLOCK_ALREADY_EXISTS"));
        call("lists.field.add", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "FIELDS", Map.of("NAME", "x", "TYPE", "S")))
                .then().statusCode(400).body("error", equalTo("ERROR_SAVE_FIELD"))
                .body("error_description", equalTo("Please fill the code fields"));
        String number = field(list, Map.of("NAME", "Count", "TYPE", "N", "CODE", "COUNT", "IS_REQUIRED", "Y"));
        call("lists.field.add", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "FIELDS",
                Map.of("NAME", "Count", "TYPE", "N", "CODE", "count"))).then().statusCode(400)
                .body("error_description", equalTo("Property already exists"));
        Map<String, Object> element = Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list, "ELEMENT_CODE", "e1");
        call("lists.element.add", with(element, "FIELDS", Map.of("NAME", "No count"))).then().statusCode(400)
                .body("error", equalTo("ERROR_ELEMENT_FIELD_VALUE")).body("error_description", equalTo("The field \"Count\" is required"));
        call("lists.element.add", with(element, "FIELDS", Map.of("NAME", "Bad", number, "many"))).then().statusCode(400)
                .body("error_description", equalTo("Value of the \"Count\" field is not correct"));
        call("lists.element.add", with(element, "FIELDS", Map.of("NAME", "Good", number, "1 000,5", "PROPERTY_999", "x")))
                .then().statusCode(200).header("X-B24-Emulator-Warning", startsWith("lists.element: FIELDS PROPERTY_999"));
        call("lists.element.add", with(element, "FIELDS", Map.of("NAME", "Twin", number, "1"))).then().statusCode(400)
                .body("error", equalTo("ERROR_ELEMENT_ALREADY_EXISTS"));
        call("lists.element.get", with(element, "FILTER", Map.of("!=NAME", "x"))).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("error_description", equalTo("Filter operation not allowed: !="));
        call("lists.element.get", with(element, "FILTER", Map.of("COLOR", "x"))).then().statusCode(400)
                .body("error_description", equalTo("Filter field not allowed: COLOR"));
        // a FILTER sent as a list is PHP's array keyed 0, 1…, whose "0" sanitizeFilter reads as an operation
        call("lists.element.get", with(element, "FILTER", List.of("a", "b"))).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("error_description", equalTo("Filter operation not allowed: 0"));
        // the emulator keeps no sections: a section named is none of the list's, as checkSectionIblock refuses it
        call("lists.element.add", with(with(element, "ELEMENT_CODE", "s1"), "FIELDS", Map.of("NAME", "In a section",
                number, "1", "IBLOCK_SECTION_ID", 55))).then().statusCode(400).body("error", equalTo("ACCESS_DENIED"))
                .body("error_description", equalTo("Access denied"));
        call("lists.element.update", with(with(element, "ELEMENT_CODE", "none"), "FIELDS", Map.of("NAME", "x")))
                .then().statusCode(400).body("error", equalTo("ERROR_ELEMENT_NOT_FOUND"))
                .body("error_description", equalTo("Element not found"));
        call("lists.get", Map.of("IBLOCK_TYPE_ID", "no_such_type")).then().statusCode(400)
                .body("error", equalTo("ACCESS_DENIED"));
        call("lists.get", Map.of("IBLOCK_TYPE_ID", "lists")).then().statusCode(200).body("result", equalTo(List.of()));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> params = new java.util.HashMap<>(base);
        params.put(key, value);
        return params;
    }

    /** A seed gives the list the IDs the integration names (IBLOCK_ID 68, PROPERTY_216), and a state keeps it. */
    @Test
    void aSeededListHasTheIdsAnIntegrationNames() {
        Map<String, Object> seed = Map.of("users", List.of(Map.of("ID", 1, "NAME", "Admin", "IS_ADMIN", true)),
                "lists", List.of(Map.of("ID", 68, "IBLOCK_TYPE_ID", TYPE, "IBLOCK_CODE", "campaigns", "NAME", "Campaigns",
                        "FIELDS", List.of(Map.of("ID", 216, "NAME", "Queue", "TYPE", "S", "CODE", "QUEUE"),
                                Map.of("ID", 218, "NAME", "Numbers", "TYPE", "S", "CODE", "NUMBERS", "MULTIPLE", "Y")),
                        "ELEMENTS", List.of(Map.of("ID", 900, "CODE", "c1", "NAME", "Morning", "PROPERTY_216", "701",
                                "PROPERTY_218", List.of("+79990000001", "+79990000002"))))));
        String seeded = given().contentType(io.restassured.http.ContentType.JSON).body(Map.of("seed", seed))
                .post(base() + "/_emulator/portals").then().statusCode(201).extract().path("webhookUrl");
        Map<String, Object> row = callOn(seeded, "lists.element.get", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", 68))
                .then().statusCode(200).extract().path("result[0]");
        assertEquals("900", row.get("ID"));
        assertEquals(List.of("701"), List.copyOf(((Map<?, ?>) row.get("PROPERTY_216")).values()));
        assertEquals(2, ((Map<?, ?>) row.get("PROPERTY_218")).size());
        // what is added later follows the seed's IDs
        callOn(seeded, "lists.field.add", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", 68, "FIELDS",
                Map.of("NAME", "Attempts", "TYPE", "N", "CODE", "ATTEMPTS"))).then().body("result", equalTo("PROPERTY_219"));
        int next = callOn(seeded, "lists.element.add", Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", 68, "ELEMENT_CODE", "c2",
                "FIELDS", Map.of("NAME", "Evening"))).then().extract().path("result");
        assertEquals(901, next);
        given().contentType(io.restassured.http.ContentType.JSON).body(Map.of("seed", Map.of("lists",
                List.of(Map.of("IBLOCK_TYPE_ID", TYPE))))).post(base() + "/_emulator/portals").then().statusCode(400);
    }

    /** What the callers' replays found (D174): the server's reading of ELEMENT_ID, SELECT, FIELDS and start. */
    @Test
    void theElementQueryReadsItsParametersAsTheServerDoes() {
        int list = list("replayed");
        String queue = field(list, Map.of("NAME", "Queue", "TYPE", "S", "CODE", "QUEUE"));
        field(list, Map.of("NAME", "Sort", "TYPE", "SORT"));
        String kind = field(list, Map.of("NAME", "Kind", "TYPE", "L", "CODE", "KIND",
                "LIST", Map.of("n0", Map.of("VALUE", "Inbound"), "n1", Map.of("VALUE", "Outbound", "DEF", "Y"))));
        Map<String, Object> target = Map.of("IBLOCK_TYPE_ID", TYPE, "IBLOCK_ID", list);
        // a property's code is no key of FIELDS: dropped and reported; a refused add leaves no gap in the IDs
        Response byCode = call("lists.element.add", with(with(target, "ELEMENT_CODE", "a"), "FIELDS",
                Map.of("NAME", "A", "PROPERTY_QUEUE", "Q9")));
        int first = byCode.then().statusCode(200).header("X-B24-Emulator-Warning",
                startsWith("lists.element: FIELDS PROPERTY_QUEUE")).extract().path("result");
        call("lists.element.add", with(with(target, "ELEMENT_CODE", "a"), "FIELDS", Map.of("NAME", "Twin")))
                .then().statusCode(400);
        for (int i = 0; i < 55; i++) {
            call("lists.element.add", with(with(target, "ELEMENT_CODE", "e" + i), "FIELDS", Map.of("NAME", "E" + i,
                    queue, "Q" + i))).then().statusCode(200);
        }
        call("lists.element.get", with(target, "ELEMENT_CODE", "e0")).then().body("result[0].ID",
                equalTo(Integer.toString(first + 1))).body("result[0].SORT", equalTo("500"));
        call("lists.element.get", with(target, "ELEMENT_ID", first)).then().body("result[0]", not(hasKey(queue)));
        // an empty ELEMENT_ID is no condition; an ID and a code must both match; a SELECT that is no list is none
        call("lists.element.get", with(target, "ELEMENT_ID", "")).then().body("total", equalTo(56))
                .body("result.size()", equalTo(50)).body("next", equalTo(50));
        call("lists.element.get", with(with(target, "ELEMENT_ID", first), "ELEMENT_CODE", "e1")).then()
                .body("result", equalTo(List.of()));
        call("lists.element.get", with(with(target, "ELEMENT_ID", first), "SELECT", "NAME")).then()
                .body("result[0].NAME", equalTo("A")).body("result[0].CODE", equalTo("a"));
        // start picks the page of 50 it falls in; past the last, nothing
        call("lists.element.get", with(target, "start", 49)).then().body("result[0].ID", equalTo(Integer.toString(first)));
        call("lists.element.get", with(target, "start", 50)).then().body("result.size()", equalTo(6))
                .body("$", not(hasKey("next")));
        call("lists.element.get", with(target, "start", 100)).then().body("result", equalTo(List.of()))
                .body("$", not(hasKey("total")));
        Map<String, Object> options = call("lists.field.get", with(target, "FIELD_ID", kind)).then()
                .extract().path("result.L.DISPLAY_VALUES_FORM");
        String outbound = options.entrySet().stream().filter(e -> e.getValue().equals("Outbound")).findFirst()
                .orElseThrow().getKey();
        call("lists.field.get", with(target, "FIELD_ID", kind)).then().body("result.L.DEFAULT_VALUE", equalTo(outbound));
    }
}
