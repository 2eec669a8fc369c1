package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * crm.item.get and crm.item.list for leads, deals, contacts and companies (D167): what an integration written for
 * the universal methods (b24jssdk's actions.v2, b24phpsdk's item service) reads of the objects calls are bound to.
 */
class CrmItemMethodsTest extends EmulatorHarness {

    /**
     * A contact's and a company's observers, which crm-item-add.md lists on their tabs and crm.item.fields describes
     * (the factories map them to OBSERVER_IDS), are written and answered, not reported as no field.
     */
    @Test
    void contactsAndCompaniesHaveObservers() {
        for (Map.Entry<Integer, Map<String, Object>> type : Map.of(3, Map.<String, Object>of("name", "Ivan",
                "observers", List.of(2, 3)), 4, Map.<String, Object>of("title", "Roga", "observers", List.of(2)))
                .entrySet()) {
            io.restassured.response.Response added = call("crm.item.add", Map.of("entityTypeId", type.getKey(),
                    "fields", type.getValue()));
            added.then().statusCode(200).header("X-B24-Emulator-Warning", nullValue())
                    .body("result.item.observers", equalTo(type.getValue().get("observers")));
            int id = added.path("result.item.id");
            call("crm.item.update", Map.of("entityTypeId", type.getKey(), "id", id, "fields",
                    Map.of("observers", List.of(1)))).then().statusCode(200)
                    .body("result.item.observers", equalTo(List.of(1)));
        }
    }

    @Test
    void namesConvertAsTheServersConverterDoes() {
        assertEquals("assignedById", CrmItemForm.camelCase("ASSIGNED_BY_ID"));
        assertEquals("phoneMobile", CrmItemForm.camelCase("PHONE_MOBILE"));
        assertEquals("ufCrm_1720019876534", CrmItemForm.camelCase("UF_CRM_1720019876534"));
        assertEquals("ufCrm2_1639669411830", CrmItemForm.camelCase("UF_CRM_2_1639669411830"));
        assertEquals("ufCrmMyString", CrmItemForm.camelCase("UF_CRM_MY_STRING"));
        assertEquals("value1_2", CrmItemForm.camelCase("VALUE1_2"), "an underscore between digits stays");
        for (String name : List.of("ASSIGNED_BY_ID", "UF_CRM_1720019876534", "UF_CRM_2_1639669411830", "UF_CRM_MY_STRING",
                "STAGE_SEMANTIC_ID")) {
            assertEquals(name, CrmItemForm.upperCase(CrmItemForm.camelCase(name)), "a client's camelCase reads back");
        }
        assertEquals("DATE_CREATE", CrmItemForm.upperCase("DATE_CREATE"), "capitals stay as they are");
    }

    @Test
    void getAnswersTheLeadInTheUniversalForm() throws Exception {
        int id = call("crm.lead.add", Map.of("fields", Map.of("TITLE", "Lead #250", "NAME", "Admin", "OPPORTUNITY", "999.9",
                "PHONE", List.of(Map.of("VALUE", "+6111111111", "VALUE_TYPE", "WORK")),
                "EMAIL", List.of(Map.of("VALUE", "admin@example.com", "VALUE_TYPE", "WORK")),
                "UF_CRM_1720019876534", "321"))).then().statusCode(200).extract().path("result");
        Map<String, Object> legacy = call("crm.lead.get", Map.of("id", id)).then().extract().path("result");
        Response answer = call("crm.item.get", Map.of("entityTypeId", 1, "id", id));
        answer.then().statusCode(200)
                .body("result.item.id", equalTo(id))
                .body("result.item.createdTime", equalTo(legacy.get("DATE_CREATE")))
                .body("result.item.createdBy", equalTo(Integer.parseInt((String) legacy.get("CREATED_BY_ID"))))
                .body("result.item.stageId", equalTo(legacy.get("STATUS_ID")))
                .body("result.item.opportunity", equalTo(999.9f))
                .body("result.item.opened", equalTo("Y"))
                .body("result.item.companyId", equalTo(0))
                .body("result.item.webformId", equalTo(0))
                .body("result.item.birthdate", nullValue())
                .body("result.item.phoneWork", equalTo("+6111111111"))
                .body("result.item.phoneMobile", equalTo(""))
                .body("result.item.email", equalTo("admin@example.com"))
                .body("result.item.fm.typeId", equalTo(List.of("PHONE", "EMAIL")))
                .body("result.item.fm[0].value", equalTo("+6111111111"))
                .body("result.item.ufCrm_1720019876534", equalTo("321"))
                .body("result.item", not(hasKey("STATUS_ID")))
                .body("result.item.observers", equalTo(List.of()))
                .body("result.item.contactIds", equalTo(List.of()));
        List<String> keys = keys(answer, "item");
        assertEquals(List.of("id", "createdTime"), keys.subList(0, 2));
        assertEquals("entityTypeId", keys.get(keys.size() - 1), "the type comes last");
        call("crm.item.get", Map.of("entityTypeId", "1", "id", Integer.toString(id), "useOriginalUfNames", "Y")).then()
                .body("result.item.UF_CRM_1720019876534", equalTo("321")).body("result.item", not(hasKey("ufCrm_1720019876534")));
    }

    /** The keys of the answer's object at that pointer under result, in the order they were written. */
    private static List<String> keys(Response answer, String pointer) throws java.io.IOException {
        List<String> keys = new ArrayList<>();
        JSON.readTree(answer.asString()).at("/result/" + pointer).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void getAnswersTheControllersErrors() {
        call("crm.item.get", Map.of("entityTypeId", 1)).then().statusCode(400).body("error", equalTo("100"))
                .body("error_description", equalTo("Could not find value for parameter {id}"));
        call("crm.item.get", Map.of("id", 1)).then().statusCode(400)
                .body("error_description", equalTo("Could not find value for parameter {entityTypeId}"));
        call("crm.item.get", Map.of("entityTypeId", 1, "id", "abc")).then().statusCode(400)
                .body("error_description", equalTo("Invalid value abc to match with parameter {id}. Should be value of type int."));
        call("crm.item.get", Map.of("entityTypeId", 999, "id", 1)).then().statusCode(400).body("error", equalTo("NOT_FOUND"))
                .body("error_description", equalTo("Smart Process Automation was not found"));
        call("crm.item.get", Map.of("entityTypeId", 2, "id", 99999)).then().statusCode(400).body("error", equalTo("NOT_FOUND"))
                .body("error_description", equalTo("Item was not found."));
        call("crm.item.get", Map.of("entityTypeId", 31, "id", 1)).then().statusCode(400)
                .body("error_description", equalTo("Item was not found."));
        call("crm.item.list", Map.of("entityTypeId", 7)).then().statusCode(200).body("result.items", equalTo(List.of()))
                .body("total", equalTo(0));
    }

    @Test
    void listFiltersOrdersAndSelectsAsTheControllerReadsThem() throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Deal " + i, "OPPORTUNITY", 100 * i,
                    "STAGE_ID", i == 3 ? "WON" : "NEW"))).then().statusCode(200).extract().path("result"));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("entityTypeId", 2);
        params.put("select", List.of("title", "ID", "opportunity", "noSuchField"));
        params.put("filter", Map.of(">=opportunity", 200, "@id", ids));
        params.put("order", Map.of("opportunity", "desc"));
        Response listed = call("crm.item.list", params);
        listed.then().statusCode(200).body("result.items.id", equalTo(List.of(ids.get(2), ids.get(1))))
                .body("result.items[0].opportunity", equalTo(300)).body("total", equalTo(2))
                .body("result.items[0]", not(hasKey("entityTypeId")));
        assertEquals(List.of("id", "title", "opportunity"), keys(listed, "items/0"), "the item's own order");
        assertEquals(List.of("select names NO_SUCH_FIELD: no field of an item of entity type 2: the real server leaves them out "
                + "without a word"), listed.headers().getValues("X-B24-Emulator-Warning"), "an unknown select is reported");
        // the table's column names and a group joined by OR
        params = new LinkedHashMap<>();
        params.put("entityTypeId", 2);
        params.put("select", List.of("id"));
        params.put("filter", Map.of("@ID", ids, "0", Map.of("logic", "OR", "STAGE_ID", "WON", "%title", "Deal 1")));
        call("crm.item.list", params).then().body("result.items.id", equalTo(List.of(ids.get(0), ids.get(2))));
        params.put("filter", Map.of("@ID", ids, "!=stageSemanticId", "S", "<DATE_CREATE", "2999-01-01T00:00:00+03:00"));
        call("crm.item.list", params).then().body("result.items.id", equalTo(List.of(ids.get(0), ids.get(1))));
        // the validators' complaints, the first one answered
        call("crm.item.list", Map.of("entityTypeId", 2, "filter", Map.of(">=fooBar", 1))).then().statusCode(400)
                .body("error", equalTo("INVALID_ARG_VALUE"))
                .body("error_description", equalTo("Invalid filter: field '>=FOO_BAR' is not allowed in filter"));
        call("crm.item.list", Map.of("entityTypeId", 2, "filter", Map.of(">id", List.of(1, 2)))).then().statusCode(400)
                .body("error_description", equalTo("Invalid filter: field '>ID' has invalid value"));
        call("crm.item.list", Map.of("entityTypeId", 2, "filter", Map.of("PHONE", "1"))).then().statusCode(400)
                .body("error_description", equalTo("Invalid filter: field 'PHONE' is not allowed in filter"));
        call("crm.item.list", Map.of("entityTypeId", 2, "order", Map.of("id", "sideways"))).then().statusCode(400)
                .body("error_description", equalTo("Invalid order: allowed sort directions are ASC, DESC. But got 'SIDEWAYS' for field 'ID'"));
        call("crm.item.list", Map.of("entityTypeId", 2, "order", Map.of("nope", "asc"))).then().statusCode(400)
                .body("error_description", equalTo("Invalid order: field 'NOPE' is not allowed in order"));
    }

    @Test
    void listPagesByFiftyWithTotalAndNextBesideTheResult() {
        for (int i = 0; i < 60; i++) {
            call("crm.company.add", Map.of("fields", Map.of("TITLE", "Company " + i))).then().statusCode(200);
        }
        int total = call("crm.item.list", Map.of("entityTypeId", 4, "select", List.of("id"))).then().statusCode(200)
                .body("result.items.size()", equalTo(50)).body("next", equalTo(50)).extract().path("total");
        assertTrue(total >= 60);
        call("crm.item.list", Map.of("entityTypeId", 4, "select", List.of("id"), "start", 75)).then()
                .body("result.items.size()", equalTo(total - 50)).body("$", not(hasKey("next")))
                .body("total", equalTo(total));
        Response uncounted = call("crm.item.list", Map.of("entityTypeId", 4, "select", List.of("id"), "start", -1));
        uncounted.then().body("result.items.size()", equalTo(50)).body("$", not(hasKey("total")))
                .body("$", not(hasKey("next")));
        // without filter and order a list makes only its page's items: the same pages, item for item, as a filter
        // that keeps them all (which makes every item to test it), at each start, past the end too
        for (int start : new int[] {0, 50, 75, 1000}) {
            for (int type : new int[] {1, 2, 3, 4}) {
                Object plain = call("crm.item.list", Map.of("entityTypeId", type, "start", start)).then()
                        .statusCode(200).extract().path("$");
                Object filtered = call("crm.item.list", Map.of("entityTypeId", type, "start", start,
                        "filter", Map.of(">id", 0))).then().statusCode(200).extract().path("$");
                assertEquals(withoutTime(filtered), withoutTime(plain), "type " + type + ", start " + start);
            }
        }
    }

    /** An answer's envelope without its time block, which differs between two calls. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutTime(Object answer) {
        Map<String, Object> copy = new java.util.HashMap<>((Map<String, Object>) answer);
        copy.remove("time");
        return copy;
    }

    @Test
    void clientsAreListedUnderTheirBindings() {
        int company = call("crm.company.add", Map.of("fields", Map.of("TITLE", "Bound LLC"))).then().extract().path("result");
        int first = call("crm.contact.add", Map.of("fields", Map.of("NAME", "Una", "COMPANY_IDS", List.of(company))))
                .then().extract().path("result");
        int second = call("crm.contact.add", Map.of("fields", Map.of("NAME", "Dos", "COMPANY_ID", company)))
                .then().extract().path("result");
        int deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "With clients", "CONTACT_IDS", List.of(second, first))))
                .then().extract().path("result");
        call("crm.item.get", Map.of("entityTypeId", 4, "id", company)).then()
                .body("result.item.contactIds", equalTo(List.of(first, second)));
        call("crm.item.get", Map.of("entityTypeId", 2, "id", deal)).then()
                .body("result.item.contactIds", equalTo(List.of(second, first)))
                .body("result.item.contactId", equalTo(second));
        call("crm.item.get", Map.of("entityTypeId", 3, "id", first)).then().body("result.item.companyId", equalTo(company))
                .body("result.item", not(hasKey("companyIds")));
        Response contact = call("crm.item.list", Map.of("entityTypeId", 3, "select", List.of("id", "companyIds"),
                "filter", Map.of("id", first)));
        contact.then().body("result.items[0].companyIds", equalTo(List.of(company)));
        assertNull(contact.jsonPath().get("result.items[0].name"));
    }

    @Test
    void addAndUpdateWriteTheUniversalFieldsAndAnswerTheSavedItem() {
        Response added = call("crm.item.add", Map.of("entityTypeId", 3, "fields", Map.of("name", "Zoe", "OPENED", "N",
                "createdBy", 7, "ufCrm_55", "x", "fm", List.of(Map.of("typeId", "PHONE", "valueType", "MOBILE",
                        "value", "+15550001"), Map.of("typeId", "EMAIL", "value", "z@example.com")))));
        added.then().statusCode(200).body("result.item.name", equalTo("Zoe")).body("result.item.opened", equalTo("N"))
                .body("result.item.createdBy", equalTo(1)).body("result.item.ufCrm_55", equalTo("x"))
                .body("result.item.fm.value", equalTo(List.of("+15550001", "z@example.com")))
                .body("result.item.phoneMobile", nullValue()).body("result.item.entityTypeId", equalTo(3));
        assertEquals(List.of("fields createdBy: no field an item of entity type 3 lets a client write (read-only, "
                + "computed, or unknown): the real server ignores them without a word"),
                added.headers().getValues("X-B24-Emulator-Warning"));
        int id = added.path("result.item.id");
        int phone = added.path("result.item.fm[0].id");
        call("crm.contact.get", Map.of("id", id)).then().body("result.NAME", equalTo("Zoe"))
                .body("result.PHONE[0].VALUE", equalTo("+15550001")).body("result.UF_CRM_55", equalTo("x"));
        // fm keyed by a value's ID changes it, an empty value removes it; a list adds
        call("crm.item.update", Map.of("entityTypeId", 3, "id", id, "fields", Map.of("lastName", "Ray",
                "fm", Map.of(Integer.toString(phone), Map.of("typeId", "PHONE", "value", "")))))
                .then().statusCode(200).body("result.item.lastName", equalTo("Ray"))
                .body("result.item.fm.typeId", equalTo(List.of("EMAIL")));
        call("crm.item.get", Map.of("entityTypeId", 3, "id", id)).then().body("result.item.email", equalTo("z@example.com"))
                .body("result.item.phone", equalTo("")).body("result.item.hasPhone", equalTo("N"));
        call("crm.item.update", Map.of("entityTypeId", 1, "id", id + 1000, "fields", Map.of("title", "x"))).then()
                .statusCode(400).body("error", equalTo("NOT_FOUND")).body("error_description", equalTo("Item was not found."));
        call("crm.item.delete", Map.of("entityTypeId", 3, "id", id)).then().statusCode(200).body("result", equalTo(List.of()));
        call("crm.item.delete", Map.of("entityTypeId", 3, "id", id)).then().statusCode(400)
                .body("error_description", equalTo("Item was not found."));
        call("crm.contact.get", Map.of("id", id)).then().statusCode(400);
        // every argument is bound before the type is looked at
        call("crm.item.add", Map.of("entityTypeId", 999)).then().statusCode(400).body("error", equalTo("100"))
                .body("error_description", equalTo("Could not find value for parameter {fields}"));
        call("crm.item.add", Map.of("entityTypeId", 999, "fields", Map.of())).then().statusCode(400)
                .body("error_description", equalTo("Smart Process Automation was not found"));
        call("crm.item.add", Map.of("entityTypeId", 2, "fields", List.of())).then().statusCode(200)
                .body("result.item.title", org.hamcrest.Matchers.startsWith("Deal #"));
    }

    /** What real clients send (audit of b24jssdk, b24phpsdk, CRest apps): flags, days, the multi-fields' aliases. */
    @Test
    void listFiltersFlagsDaysAndAliasesAsTheOrmConvertsThem() {
        int deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Dated", "CLOSEDATE", "2025-02-20",
                "CLOSED", "N"))).then().extract().path("result");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("entityTypeId", 2);
        params.put("select", List.of("id"));
        for (Object closed : List.of(false, 0, "0", "false", "N")) {
            params.put("filter", Map.of("=closed", closed, "id", deal));
            call("crm.item.list", params).then().body("result.items.id", equalTo(List.of(deal)));
        }
        params.put("filter", Map.of("closed", true, "id", deal));
        call("crm.item.list", params).then().body("total", equalTo(0));
        for (String day : List.of("2025-02-20", "20.02.2025", "2025-02-20T23:59:59+03:00")) {
            params.put("filter", Map.of("closedate", day, "<=closedate", day, "id", deal));
            call("crm.item.list", params).then().body("result.items.id", equalTo(List.of(deal)));
        }
        params.put("filter", Map.of(">closedate", "2025-02-20", "id", deal));
        call("crm.item.list", params).then().body("total", equalTo(0));
        // a contact's PHONE is the first phone, as the table's expression reads it
        int contact = call("crm.contact.add", Map.of("fields", Map.of("NAME", "Aliased", "PHONE",
                List.of(Map.of("VALUE", "+79991000", "VALUE_TYPE", "WORK"))))).then().extract().path("result");
        call("crm.item.list", Map.of("entityTypeId", 3, "select", List.of("id"), "filter", Map.of("PHONE", "+79991000")))
                .then().statusCode(200).body("result.items.id", equalTo(List.of(contact)));
        call("crm.item.list", Map.of("entityTypeId", 3, "select", List.of("id"), "filter",
                Map.of("phoneWork", "+79991000", "emailHome", ""))).then().body("result.items.id", equalTo(List.of(contact)));
        // the list's item is get's: no column names beside the common ones; a select of no names answers empty items
        call("crm.item.list", Map.of("entityTypeId", 3, "filter", Map.of("id", contact))).then()
                .body("result.items[0]", not(hasKey("dateCreate"))).body("result.items[0]", not(hasKey("createdById")))
                .body("result.items[0].createdTime", org.hamcrest.Matchers.notNullValue());
        call("crm.item.list", Map.of("entityTypeId", 3, "select", List.of(), "filter", Map.of("id", contact))).then()
                .body("result.items", equalTo(List.of(List.of()))).body("total", equalTo(1));
        // only exactly -1 leaves the count out
        call("crm.item.list", Map.of("entityTypeId", 3, "select", List.of("id"), "start", -2)).then()
                .body("$", hasKey("total"));
        Response custom = call("crm.item.list", Map.of("entityTypeId", 3, "filter", Map.of("ufCrm_404", 1)));
        custom.then().statusCode(200).body("total", equalTo(0));
        assertTrue(custom.headers().getValues("X-B24-Emulator-Warning").stream()
                .anyMatch(w -> w.contains("UF_CRM_404")), "a custom field no contact holds is reported");
    }

    /** The factory's rules of a write (re-audit of the universal writes): defaults, stages, fields that keep values. */
    @Test
    void writesFollowTheFactorysFieldRules() {
        String firstSource = call("crm.status.entity.items", Map.of("entityId", "SOURCE")).path("result[0].STATUS_ID");
        call("crm.item.add", Map.of("entityTypeId", 3, "fields", Map.of("name", "Defaulted"))).then()
                .body("result.item.sourceId", equalTo(firstSource)).body("result.item.export", equalTo("Y"));
        call("crm.item.add", Map.of("entityTypeId", 4, "fields", Map.of("title", "Defaults LLC"))).then()
                .body("result.item.revenue", equalTo(0)).body("result.item.currencyId", equalTo("USD"))
                .body("result.item.typeId", org.hamcrest.Matchers.notNullValue());
        int deal = call("crm.item.add", Map.of("entityTypeId", 2, "fields", Map.of("title", "Staged",
                "stageId", "NO_SUCH_STAGE", "closedate", "2025-02-20"))).then().statusCode(200)
                .body("result.item.stageId", equalTo("NEW")).extract().path("result.item.id");
        String updated = call("crm.item.get", Map.of("entityTypeId", 2, "id", deal)).path("result.item.updatedTime");
        portal.clock().advance(java.time.Duration.ofMinutes(3));
        // the same day in another form, a stage the pipeline lacks, an empty title: nothing changes
        Response same = call("crm.item.update", Map.of("entityTypeId", 2, "id", deal, "fields", Map.of("closedate",
                "20.02.2025", "stageId", "NOPE", "title", "", "contactIds", List.of(), "begindate", "not a date")));
        same.then().statusCode(200).body("result.item.updatedTime", equalTo(updated))
                .body("result.item.title", equalTo("Staged")).body("result.item.stageId", equalTo("NEW"));
        assertEquals(3, same.headers().getValues("X-B24-Emulator-Warning").size(), "stage, title and date reported");
        int contact = call("crm.item.add", Map.of("entityTypeId", 3, "fields", Map.of("name", "Only"))).path("result.item.id");
        call("crm.item.update", Map.of("entityTypeId", 3, "id", contact, "fields", Map.of("name", ""))).then()
                .statusCode(400).body("error", equalTo("CRM_FIELD_ERROR_REQUIRED"));
        call("crm.item.add", Map.of("entityTypeId", 2, "fields", Map.of("categoryId", 7))).then().statusCode(400)
                .body("error", equalTo("CRM_FIELD_ERROR_VALUE_NOT_VALID"))
                .body("error_description", equalTo("The value of \"Pipeline\" is incorrect"));
        call("crm.item.add", Map.of("entityTypeId", 2, "fields", Map.of("assignedById", 0))).then()
                .body("result.item.assignedById", equalTo(1));
    }

    /**
     * crm.item.fields (D173): each type's fields in the factory's order, described with their upperName; an item
     * crm.item.get answers has a value of every field but the relations, the last communications and the columns the
     * docs' examples leave out.
     */
    @Test
    void fieldsDescribeWhatAnItemIsAnsweredWith() {
        Map<Integer, Map<String, Object>> created = Map.of(1, Map.of("title", "Lead"), 2, Map.of("title", "Deal"),
                3, Map.of("name", "Ivan"), 4, Map.of("title", "Roga"));
        for (Map.Entry<Integer, Map<String, Object>> type : created.entrySet()) {
            Map<String, Map<String, Object>> fields = call("crm.item.fields", Map.of("entityTypeId", type.getKey()))
                    .then().statusCode(200).extract().path("result.fields");
            int id = call("crm.item.add", Map.of("entityTypeId", type.getKey(), "fields", type.getValue())).then()
                    .statusCode(200).extract().path("result.item.id");
            Map<String, Object> item = call("crm.item.get", Map.of("entityTypeId", type.getKey(), "id", id)).then()
                    .extract().path("result.item");
            List<String> unanswered = new ArrayList<>();
            for (String key : fields.keySet()) {
                if (!item.containsKey(key)) {
                    unanswered.add(key);
                }
            }
            // the relations get answers only when selected, the last communications no object keeps, and the
            // columns the docs' examples leave out of an item (D167)
            unanswered.removeIf(key -> key.matches("contacts|companies|companyIds|lastCommunication.*Time"));
            assertEquals(Map.of(1, List.of(), 2, List.of("previousStageId", "mycompanyId"), 3, List.of(),
                    4, List.of()).get(type.getKey()), unanswered, "entity type " + type.getKey());
            fields.forEach((key, description) -> assertTrue(description.get("upperName") instanceof String, key));
        }
        call("crm.item.fields", Map.of("entityTypeId", 2)).then()
                .body("result.fields.stageId", equalTo(Map.of("type", "crm_status", "isRequired", false, "isReadOnly", false,
                        "isImmutable", false, "isMultiple", false, "isDynamic", false, "statusType", "DEAL_STAGE",
                        "title", "Stage", "upperName", "STAGE_ID")))
                .body("result.fields.opportunity.settings.currencyFieldName", equalTo("CURRENCY_ID"))
                .body("result.fields.contactId.isDeprecated", equalTo(true));
        call("crm.item.fields", Map.of()).then().statusCode(400).body("error", equalTo("100"));
        call("crm.item.fields", Map.of("entityTypeId", 1234)).then().statusCode(400).body("error", equalTo("NOT_FOUND"))
                .body("error_description", equalTo("Smart Process Automation was not found"));
    }

    /** A form's filter[0][logic]=OR is the PHP array a JSON {"0": {...}} is: the same group, not a refusal. */
    @Test
    void aFormEncodedOrGroupFiltersAsItsJsonTwinDoes() {
        call("crm.item.add", Map.of("entityTypeId", 2, "fields", Map.of("title", "Form A", "opportunity", 10)));
        call("crm.item.add", Map.of("entityTypeId", 2, "fields", Map.of("title", "Form B", "opportunity", 500)));
        List<Object> json = call("crm.item.list", Map.of("entityTypeId", 2, "filter", Map.of("0", Map.of("logic", "OR",
                "0", Map.of("=title", "Form A"), "1", Map.of(">opportunity", 100))))).then().statusCode(200)
                .extract().path("result.items.title");
        List<Object> form = io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded")
                // http_build_query's encoding: = and > in a key are escaped, as parse_str would split at them
                .body("entityTypeId=2&filter[0][logic]=OR&filter[0][0][%3Dtitle]=Form%20A&filter[0][1][%3Eopportunity]=100")
                .post(webhook + "crm.item.list").then().statusCode(200).extract().path("result.items.title");
        assertEquals(List.of("Form A", "Form B"), json);
        assertEquals(json, form);
    }
}
