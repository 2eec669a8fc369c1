package dev.b24emu.emulator.internal.transport;

import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** batch as the official SDK (JSON), CRest (form) and @2bad/bitrix (GET, encoded twice) send it. */
class BatchTest extends EmulatorHarness {
    /** A command's deviations and the emulator's notices about it name the command, so a client knows which one. */
    @Test
    void whatIsReportedOfACommandNamesIt() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("me", "user.current?FOO=1");
        cmd.put("pipelines", "crm.category.list?entityTypeId=3");
        io.restassured.response.Response answered = call("batch", Map.of("cmd", cmd));
        answered.then().statusCode(200).body("result.result_error.pipelines.error", equalTo("NOT_FOUND"));
        assertEquals(List.of("cmd[me]: Unknown parameter FOO: user.current does not document it and the real server"
                + " ignores it"), answered.headers().getValues("X-B24-Emulator-Warning"));
        assertEquals(List.of("cmd[pipelines]: crm.category.*: the emulator keeps the pipelines of deals only; a real"
                + " portal has those of entity type 3 too"), answered.headers().getValues("X-B24-Emulator-Notice"));
    }

    @Test
    void linkedCallsPassResultsForward() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("reg", "telephony.externalcall.register?USER_ID=2&PHONE_NUMBER=%2B79990000001&TYPE=2");
        cmd.put("fin", "telephony.externalcall.finish?CALL_ID=$result[reg][CALL_ID]&USER_ID=2&DURATION=12");
        cmd.put("who", Map.of("method", "user.get", "params", Map.of("ID", "$result[fin][PORTAL_USER_ID]")));
        call("batch", Map.of("halt", 0, "cmd", cmd)).then().statusCode(200)
                .body("result.result.reg.CALL_ID", matchesPattern("externalCall\\..*"))
                .body("result.result.fin.CALL_DURATION", equalTo(12))
                .body("result.result.who[0].NAME", equalTo("Ivan"))
                .body("result.result_total.who", equalTo(1))
                .body("result.result_error", equalTo(List.of()))
                .body("result.result_time.reg.date_start", matchesPattern("\\d{4}-.*"))
                .body("time.start", org.hamcrest.Matchers.instanceOf(Integer.class));
    }

    /**
     * D145: a reference to nothing stops where its path stops: as a whole value it passes what it reached (here
     * every earlier result, which crm.lead.get's intval reads as 1, D27), inside a text it stays as written; $next and
     * $total read the earlier answers' other parts.
     */
    @Test
    void referencesReadAsTheServersProcessBatchElementReadsThem() {
        for (int i = 0; i < 55; i++) {
            call("crm.contact.add", Map.of("fields", Map.of("NAME", "C" + i))).then().statusCode(200);
        }
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("page", "crm.contact.list?select[]=ID&order[ID]=ASC");
        cmd.put("more", "crm.contact.list?select[]=ID&order[ID]=ASC&start=$next[page]");
        cmd.put("count", "crm.lead.add?fields[TITLE]=$total[page] contacts");
        cmd.put("lost", "crm.lead.get?id=$result[nope][ID]");
        cmd.put("kept", "crm.lead.add?fields[TITLE]=Copy of $result[nope][TITLE] for you");
        cmd.put("field", Map.of("method", "crm.lead.add", "params", Map.of("fields",
                Map.of("TITLE", "About $result[page][0][NAME]x", "COMMENTS", "$result[count]"))));
        call("batch", Map.of("halt", 0, "cmd", cmd)).then().statusCode(200)
                .body("result.result_next.page", equalTo(50))
                .body("result.result.more[0].ID", equalTo("51"))
                .body("result.result.lost.ID", equalTo("1"));
        String counted = call("crm.lead.list", Map.of("filter", Map.of("%TITLE", "contacts"), "select", List.of("TITLE")))
                .then().extract().path("result[0].TITLE");
        org.junit.jupiter.api.Assertions.assertEquals("57 contacts", counted);
        call("crm.lead.list", Map.of("filter", Map.of("%TITLE", "Copy of"), "select", List.of("TITLE"))).then()
                .body("result[0].TITLE", equalTo("Copy of $result[nope][TITLE] for you"));
        call("crm.lead.list", Map.of("filter", Map.of("%TITLE", "About"), "select", List.of("TITLE", "COMMENTS")))
                .then().body("result[0].TITLE", equalTo("About $result[page][0][NAME]x"))
                .body("result[0].COMMENTS", not(equalTo("$result[count]")));
    }

    @Test
    void crestFormBatchesAndErrorsPerSubquery() {
        String body = "halt=0&cmd[a]=" + encode("telephony.externalCall.searchCrmEntities?PHONE_NUMBER=79990000001")
                + "&cmd[b]=" + encode("telephony.externalcall.register?USER_ID=2&TYPE=9&PHONE_NUMBER=1")
                + "&cmd[c]=" + encode("no.such.method") + "&cmd[d]=" + encode("batch?cmd[x]=user.current");
        given().contentType("application/x-www-form-urlencoded").body(body).post(webhook + "batch.json").then()
                .statusCode(200)
                .body("result.result.a[0].CRM_ENTITY_ID", equalTo(1))
                .body("result.result_error.b.error", equalTo("ERROR_CORE"))
                .body("result.result_error.b.error_description", equalTo("Unknown TYPE"))
                .body("result.result_error.c.error", equalTo("ERROR_METHOD_NOT_FOUND"))
                .body("result.result_error.d.error", equalTo("ERROR_BATCH_METHOD_NOT_ALLOWED"));
    }

    @Test
    void haltStopsAtTheFirstError() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("bad", "crm.lead.get?id=999");
        cmd.put("never", "user.current");
        call("batch", Map.of("halt", 1, "cmd", cmd)).then().statusCode(200)
                .body("result.result_error.bad.error_description", equalTo("Not found"))
                .body("result.result", equalTo(List.of()));
    }

    /** PHP writes an array keyed 0, 1, … as a list: a cmd given as a list answers lists (D168). */
    @Test
    void commandsKeyedInOrderFromZeroAnswerLists() {
        call("batch", Map.of("cmd", List.of("user.current", "crm.item.list?entityTypeId=2&select[]=id")))
                .then().statusCode(200)
                .body("result.result[0].ID", equalTo("1"))
                .body("result.result[1].items", org.hamcrest.Matchers.instanceOf(List.class))
                .body("result.result_time[1].start", org.hamcrest.Matchers.notNullValue())
                .body("result.result_total", hasKey("1"))
                .body("result.result_error", equalTo(List.of()));
        call("batch", Map.of("cmd", List.of("crm.lead.get?id=999", "user.current"))).then()
                .body("result.result", equalTo(Map.of("1", call("user.current", Map.of()).path("result"))))
                .body("result.result_error[0].error", equalTo("ERROR_CORE"));
    }

    @Test
    void getBatchesAreEncodedTwice() {
        String sub = "crm.lead.list?" + encode("filter[TITLE]") + "=" + encode("Website enquiry");
        given().urlEncodingEnabled(false).get(webhook + "batch?cmd[l]=" + encode(sub)).then().statusCode(200)
                .body("result.result.l[0].TITLE", equalTo("Website enquiry"));
    }

    @Test
    void moreThanFiftySubqueriesFailBeyondTheLimit() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        for (int i = 0; i < 52; i++) {
            cmd.put("q" + i, "user.current");
        }
        call("batch", Map.of("cmd", cmd)).then().statusCode(200)
                .body("result.result", hasKey("q49"))
                .body("result.result", not(hasKey("q50")))
                .body("result.result_error.q51.error", equalTo("ERROR_BATCH_LENGTH_EXCEEDED"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
