package dev.b24emu.emulator.security;

import dev.b24emu.emulator.internal.followup.MentionFormat;
import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Requests whose cost grew faster than their size (an audit timed each at growing sizes): each of these took from
 * ten seconds to minutes, or ran the heap out, before. Each must now be answered as any request is; the deadlines
 * are only there so that a regression fails instead of stalling the build.
 */
class SuperlinearInputTest extends EmulatorHarness {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** A date filter of nested lists was copied again at every level: 200 KB of it ran the heap out. */
    @Test
    void aDeeplyNestedDateFilterIsReadOnce() {
        String nested = "[".repeat(600) + String.join(",", Collections.nCopies(100_000, "1")) + "]".repeat(600);
        assertTimeoutPreemptively(DEADLINE, () -> given("crm.deal.list",
                "{\"filter\":{\"DATE_CREATE\":" + nested + "},\"select\":[\"ID\"]}").then().statusCode(200));
    }

    /** One replacement pass over the whole text per reference: a megabyte of references took 14 s, two about a minute. */
    @Test
    void aMegabyteOfBatchReferencesIsReplacedInOnePass() {
        String references = "$result[a][x] ".repeat(150_000);
        assertTimeoutPreemptively(DEADLINE, () -> call("batch", Map.of("cmd", Map.of("a", "server.time",
                "b", Map.of("method", "no.such.method", "params", Map.of("x", references))))).then().statusCode(200));
    }

    /** Each multifield value with an ID scanned the values before it: 100,000 took 99 s. */
    @Test
    void manyMultifieldValuesWithIdsAreAddedInOnePass() {
        List<Map<String, String>> emails = Collections.nCopies(90_000, Map.of("VALUE", "a@b.co", "ID", "n"));
        assertTimeoutPreemptively(DEADLINE, () -> call("crm.contact.add",
                Map.of("fields", Map.of("NAME", "Many", "EMAIL", emails))).then().statusCode(200));
    }

    /** check_email's "Name <address>" reading, on a value as long as a request: one pass, not a backtracking pattern. */
    @Test
    void aLongEmailOfBracketsIsCheckedInLinearTime() {
        for (String value : List.of("<".repeat(1_000_000), "(" + "a".repeat(1_000_000), ")".repeat(1_000_000) + "<")) {
            assertTimeoutPreemptively(DEADLINE, () -> call("crm.contact.add", Map.of("fields", Map.of("NAME", "Long",
                    "EMAIL", List.of(Map.of("VALUE", value))))).then().statusCode(400));
        }
    }

    /** The % operator searched naively: a needle of 10,000 characters in a megabyte title took 12 s, of 100,000 107 s. */
    @Test
    void aLongNeedleInALongTextIsFoundInLinearTime() {
        call("crm.deal.add", Map.of("fields", Map.of("TITLE", "a".repeat(1_000_000)))).then().statusCode(200);
        assertTimeoutPreemptively(DEADLINE, () -> call("crm.deal.list", Map.of("filter",
                Map.of("%TITLE", "a".repeat(50_000) + "b"), "select", List.of("ID"))).then().statusCode(200)
                .body("total", equalTo(0)));
    }

    /** A comparator chained per key of order: 15,000 keys overflowed the stack (500), and each comparison walked them. */
    @Test
    void anOrderOfTwentyThousandKeysIsOneComparator() {
        Map<String, String> order = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            order.put("UF_CRM_" + i, "DESC");
        }
        call("crm.deal.add", Map.of("fields", Map.of("TITLE", "one"))).then().statusCode(200);
        call("crm.deal.add", Map.of("fields", Map.of("TITLE", "two"))).then().statusCode(200);
        assertTimeoutPreemptively(DEADLINE, () -> call("crm.deal.list", Map.of("order", order, "select", List.of("ID")))
                .then().statusCode(200));
    }

    /** A lazy run looked for a closing tag to the text's end from each unclosed one: 480 KB took 104 s. */
    @Test
    void unclosedMentionsAreRenderedInLinearTime() {
        String text = "[USER=1]x".repeat(60_000);
        assertTimeoutPreemptively(DEADLINE, () -> assertEquals(text, MentionFormat.NONE.render(text)));
        assertEquals("a Klaus b [user=x]c[/USER]", MentionFormat.NONE.render("a [USER=7]Klaus[/user] b [user=x]c[/USER]"));
    }

    /** Each word of a user.search was looked for among every word of each user's names: 100 KB of each took 50 s. */
    @Test
    void aSearchOfManyWordsLooksEachUpOnce() {
        call("user.update", Map.of("ID", 1, "NAME", "b ".repeat(100_000) + "zz")).then().statusCode(200);
        assertTimeoutPreemptively(DEADLINE, () -> call("user.search", Map.of("FIND", "zz ".repeat(100_000) + "b"))
                .then().statusCode(200).body("result.ID", equalTo(List.of("1"))));
    }

    /** A stored item's fields were looked up by name by scanning them: a deal of 100,000 custom fields took 19 s a read. */
    @Test
    void aDealOfAHundredThousandCustomFieldsIsReadByName() {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("TITLE", "wide");
        for (int i = 0; i < 100_000; i++) {
            fields.put("UF_CRM_" + i, "v" + i);
        }
        int id = call("crm.deal.add", Map.of("fields", fields)).then().statusCode(200).extract().path("result");
        assertTimeoutPreemptively(DEADLINE, () -> {
            call("crm.deal.get", Map.of("id", id)).then().statusCode(200).body("result.UF_CRM_99999", equalTo("v99999"));
            call("crm.deal.list", Map.of("filter", Map.of("ID", id), "select", List.of("UF_*"))).then().statusCode(200)
                    .body("result[0].UF_CRM_12345", equalTo("v12345"));
        });
    }

    /** One header and journal line per warning: 300,000 unknown filter keys answered 37 MB of headers. */
    @Test
    void warningsPastFiftyAreCounted() {
        Map<String, String> filter = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            filter.put("ufCrm" + i, "1");
        }
        List<String> warnings = call("crm.item.list", Map.of("entityTypeId", 2, "filter", filter, "select", List.of("id")))
                .then().statusCode(200).extract().headers().getValues("X-B24-Emulator-Warning");
        assertEquals(51, warnings.size());
        assertEquals("... and 250 more warnings", warnings.get(50));
        io.restassured.RestAssured.given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?limit=1")
                .then().body("[0].warnings.size()", equalTo(51));
    }

    /** Each command past the 50th answered an error of its own: 100,000 of them, 8.8 MB of trees. */
    @Test
    void commandsPastFiftyShareOneError() {
        Map<String, String> commands = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            commands.put("c" + i, "server.time");
        }
        var answer = call("batch", Map.of("cmd", commands)).then().statusCode(200).extract().jsonPath();
        assertEquals(50, answer.getMap("result.result").size());
        assertEquals(1950, answer.getMap("result.result_error").size());
        assertEquals(Map.of("error", "ERROR_BATCH_LENGTH_EXCEEDED", "error_description", "Max batch length exceeded"),
                answer.getMap("result.result_error.c1999"));
    }

    /** Each card of a call copied the call's others: a show to 30,000 users took 16 s, to 100,000 minutes. */
    @Test
    void aShowToSixtyThousandUsersAddsEachCardOnce() {
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2, "SHOW", 0)).then().statusCode(200).extract().path("result.CALL_ID");
        List<Integer> users = java.util.stream.IntStream.rangeClosed(1, 60_000).boxed().toList();
        assertTimeoutPreemptively(DEADLINE, () -> call("telephony.externalcall.show",
                Map.of("CALL_ID", callId, "USER_ID", users)).then().statusCode(200).body("result", equalTo(true)));
        call("telephony.externalcall.hide", Map.of("CALL_ID", callId, "USER_ID", List.of(2, 59_999)))
                .then().statusCode(200);
    }

    private io.restassured.response.Response given(String method, String json) {
        return io.restassured.RestAssured.given().contentType("application/json").body(json).post(webhook + method);
    }
}
