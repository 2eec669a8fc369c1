package dev.b24emu.emulator.internal.contract;

import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The requests of the docs pages' examples, sent as written, are not told that a parameter they document is unknown:
 * neither reported in the default mode nor refused in strict mode. A method's parameter schema is what that check
 * reads (D28), so a schema that leaves out a documented parameter would have every caller of the page told the real
 * server ignores it (docs audit 46: calendar.*, task.elapseditem.*, crm.product.*, productrows.set, catalog.*).
 */
class DocumentedParametersTest extends EmulatorHarness {

    /** A page's example: its method and the JSON body its cURL tab sends. */
    private record Example(String page, String method, String body) {
    }

    private static final List<Example> EXAMPLES = List.of(
            new Example("calendar-event-add.md (without its section 5, which no emulated portal has)",
                    "calendar.event.add", """
                    {"type":"user","ownerId":2,"name":"New Event Name","description":"Description for event",\
                    "from":"2024-06-14","to":"2024-06-14","skip_time":"Y","color":"#9cbe1c",\
                    "text_color":"#283033","accessibility":"absent","importance":"normal","is_meeting":"Y",\
                    "private_event":"N","remind":[{"type":"min","count":20}],"location":"London",\
                    "attendees":[1,2,3],"host":2,"meeting":{"notify":true,"reinvite":false,"allow_invite":false,\
                    "hide_guests":false},"rrule":{"FREQ":"WEEKLY","BYDAY":["MO","WE"],"COUNT":10,"INTERVAL":1},\
                    "crm_fields":["C_5","L_11"]}"""),
            new Example("calendar-event-get.md", "calendar.event.get",
                    "{\"type\":\"user\",\"ownerId\":2,\"from\":\"2024-06-01\",\"to\":\"2024-06-30\"}"),
            new Example("calendar-section-get.md", "calendar.section.get", "{\"type\":\"user\",\"ownerId\":1}"),
            new Example("calendar-section-add.md", "calendar.section.add", """
                    {"type":"user","ownerId":1,"name":"New Section","description":"Description for section",\
                    "color":"#9cbe1c","text_color":"#283033","export":{"ALLOW":true,"SET":"3_9"}}"""),
            new Example("task-elapsed-item-add.md", "task.elapseditem.add",
                    "{\"TASKID\":1,\"ARFIELDS\":{\"SECONDS\":113,\"COMMENT_TEXT\":\"comment text\"}}"),
            new Example("task-elapsed-item-get-list.md", "task.elapseditem.getlist", """
                    {"TASKID":1,"ORDER":{"ID":"desc"},"FILTER":{"USER_ID":1},"SELECT":["*"],\
                    "PARAMS":{"NAV_PARAMS":{"nPageSize":10,"iNumPage":1}}}"""),
            new Example("task-elapsed-item-get.md", "task.elapseditem.get", "{\"TASKID\":1,\"ITEMID\":1}"),
            new Example("crm-product-add.md", "crm.product.add",
                    "{\"fields\":{\"NAME\":\"1C-Bitrix: Site Management - Start\",\"CURRENCY_ID\":\"RUB\","
                            + "\"PRICE\":4900,\"SORT\":500}}"),
            new Example("crm-product-list.md", "crm.product.list",
                    "{\"order\":{\"NAME\":\"ASC\"},\"filter\":{\"CATALOG_ID\":1},"
                            + "\"select\":[\"ID\",\"NAME\",\"CURRENCY_ID\",\"PRICE\"],\"start\":0}"),
            new Example("crm-deal-productrows-set.md", "crm.deal.productrows.set",
                    "{\"id\":1,\"rows\":[{\"PRODUCT_ID\":1,\"PRICE\":100,\"QUANTITY\":2}]}"),
            new Example("catalog-catalog-list.md", "catalog.catalog.list", """
                    {"select":["iblockId","iblockTypeId","id","lid","name","productIblockId","skuPropertyId",\
                    "subscription","vatId"],"filter":{">id":10},"order":{"id":"desc"},"start":0}"""),
            new Example("catalog-product-list.md", "catalog.product.list", """
                    {"select":["id","iblockId","name"],"filter":{"iblockId":23},"order":{"id":"desc"},"start":0}"""));

    @Test
    void thePagesExamplesAreToldOfNoUnknownParameterInWarnModeNorRefusedInStrictMode() {
        call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Call back", "RESPONSIBLE_ID", 1)))
                .then().statusCode(200);
        call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Deal"))).then().statusCode(200);
        List<String> told = new ArrayList<>();
        for (Example example : EXAMPLES) {
            Response answer = send(example);
            assertEquals(200, answer.statusCode(), example.page() + ": " + answer.body().asString());
            answer.headers().getValues("X-B24-Emulator-Warning").stream()
                    .filter(w -> w.startsWith("Unknown parameter")).forEach(w -> told.add(example.page() + ": " + w));
        }
        assertEquals(List.of(), told);
        given().contentType(ContentType.JSON).body(Map.of("validation", "strict"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        for (Example example : EXAMPLES) {
            Response answer = send(example);
            if (answer.body().asString().contains("(strict mode)")) {
                told.add(example.page() + ": " + answer.body().asString());
            }
        }
        assertEquals(List.of(), told);
    }

    /**
     * What the emulator does not keep of a page's example (an event's recurrence and CRM links) is told as a notice
     * of its own (D197), in strict mode too: the request is not at fault, so nothing refuses it or blames its client.
     */
    @Test
    void whatTheEmulatorDoesNotKeepIsANoticeNeverARefusal() {
        given().contentType(ContentType.JSON).body(Map.of("validation", "strict"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        Response added = send(EXAMPLES.get(0));
        assertEquals(200, added.statusCode(), added.body().asString());
        assertEquals(List.of("host, rrule, crm_fields: accepted as the server accepts them; the meeting's host is the"
                + " caller, and the emulator keeps no recurrence or CRM links of an event"),
                added.headers().getValues("X-B24-Emulator-Notice"));
        assertEquals(List.of(), added.headers().getValues("X-B24-Emulator-Warning"));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?limit=1").then().statusCode(200)
                .body("[0].method", org.hamcrest.Matchers.equalTo("calendar.event.add"))
                .body("[0].notices[0]", org.hamcrest.Matchers.startsWith("host, rrule, crm_fields"))
                .body("[0].warnings", org.hamcrest.Matchers.empty());
    }

    /** A parameter no page documents is still told: the check is not switched off by the schemas. */
    @Test
    void aParameterThePageDoesNotDocumentIsStillReported() {
        given().contentType(ContentType.JSON).body("{\"type\":\"user\",\"ownerId\":1,\"sectionId\":5}")
                .post(webhook + "calendar.section.get").then().statusCode(200)
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.startsWith("Unknown parameter sectionId"));
    }

    private Response send(Example example) {
        return given().contentType(ContentType.JSON).body(example.body()).post(webhook + example.method());
    }
}
