package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmBindings.Binding;
import dev.b24emu.emulator.internal.crm.CrmBindings.Kind;
import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A CRM object's clients as the binding tables keep them (D165): the rows' rules as plain Java, and the methods a PBX
 * module calls to expand a caller's client (MikoPBX reads crm.contact.company.items.get and its reverse in a batch).
 */
class CrmBindingsTest extends EmulatorHarness {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rowsFollowTheProxysRules() throws Exception {
        List<Binding> one = List.of(new Binding(5, 10, true));
        assertEquals(Optional.empty(), CrmBindings.added(one, 5, null, true), "bound already: false, nothing changes");
        assertEquals(List.of(new Binding(5, 10, true), new Binding(7, 20, false)),
                CrmBindings.added(one, 7, null, false).orElseThrow(), "SORT the largest plus 10, primary stays");
        assertEquals(List.of(new Binding(5, 10, false), new Binding(7, 3, true)),
                CrmBindings.added(one, 7, 3, true).orElseThrow(), "asked primary: the others are not");
        assertEquals(List.of(new Binding(7, 20, true)),
                CrmBindings.removed(List.of(new Binding(5, 10, true), new Binding(7, 20, false)), 5).orElseThrow(),
                "a removed primary passes to the first left");
        assertEquals(Optional.empty(), CrmBindings.removed(one, 9));
        assertEquals(Integer.MAX_VALUE, CrmBindings.added(List.of(new Binding(5, Integer.MAX_VALUE, true)), 6, null, false)
                .orElseThrow().get(1).sort(), "a sort index stays within the column's integers");
        List<JsonNode> items = List.of(JSON.readTree("{\"CONTACT_ID\": 4}"), JSON.readTree("\"junk\""),
                JSON.readTree("{\"CONTACT_ID\": 0}"), JSON.readTree("{\"CONTACT_ID\": \"6\", \"SORT\": 50, \"IS_PRIMARY\": \"Y\"}"));
        assertEquals(List.of(new Binding(4, 10, false), new Binding(6, 50, true)), CrmBindings.set("CONTACT_ID", items));

        // an add's list wins over the single field; the single field is the smallest primary ID
        ObjectNode fields = (ObjectNode) JSON.readTree("{\"COMPANY_ID\": \"1\", \"COMPANY_IDS\": [8, \"3\", 8, 0]}");
        CrmBindings.fromFields(CrmEntityType.CONTACT, fields.deepCopy(), fields, false);
        assertEquals(List.of(new Binding(8, 10, true), new Binding(3, 20, false)), CrmBindings.read(Kind.CONTACT_COMPANY, fields));
        assertEquals("8", fields.get("COMPANY_ID").asText());
        assertEquals(false, fields.has("COMPANY_IDS"));
        // update: a company bound already changes nothing, another replaces the set, 0 unbinds all
        CrmBindings.fromFields(CrmEntityType.CONTACT, JSON.readTree("{\"COMPANY_ID\": 3}"), fields, true);
        assertEquals(2, CrmBindings.read(Kind.CONTACT_COMPANY, fields).size());
        CrmBindings.fromFields(CrmEntityType.CONTACT, JSON.readTree("{\"COMPANY_ID\": 4}"), fields, true);
        assertEquals(List.of(new Binding(4, 10, true)), CrmBindings.read(Kind.CONTACT_COMPANY, fields));
        CrmBindings.fromFields(CrmEntityType.CONTACT, JSON.readTree("{\"COMPANY_ID\": 0}"), fields, true);
        assertEquals(List.of(), CrmBindings.read(Kind.CONTACT_COMPANY, fields));
        assertEquals(true, fields.get("COMPANY_ID").isNull());
        // an object written before the tables has one primary row made of its single field
        assertEquals(List.of(new Binding(2, 10, true)), CrmBindings.read(Kind.DEAL_CONTACT, JSON.readTree("{\"CONTACT_ID\": \"2\"}")));
    }

    @Test
    void aConnectorExpandsTheCallersClientThroughTheBindings() {
        int company = call("crm.company.add", Map.of("fields", Map.of("TITLE", "Second LLC"))).then().statusCode(200)
                .extract().path("result");
        int contact = call("crm.contact.add", Map.of("fields", Map.of("NAME", "Olga", "COMPANY_IDS", List.of(company, 1))))
                .then().statusCode(200).extract().path("result");
        call("crm.contact.get", Map.of("id", contact)).then().body("result.COMPANY_ID", equalTo(Integer.toString(company)))
                .body("result", not(hasKey("COMPANY_BINDINGS"))).body("result", not(hasKey("COMPANY_IDS")));
        // MikoPBX's shape: both directions in one batch, the commands as query strings
        call("batch", Map.of("halt", 0, "cmd", Map.of(
                "contact", "crm.contact.company.items.get?id=" + contact,
                "company", "crm.company.contact.items.get?id=" + company))).then().statusCode(200)
                .body("result.result_error", equalTo(List.of()))
                .body("result.result.contact.COMPANY_ID", equalTo(List.of(company, 1)))
                .body("result.result.contact.SORT", equalTo(List.of(10, 20)))
                .body("result.result.contact.ROLE_ID", equalTo(List.of(0, 0)))
                .body("result.result.contact.IS_PRIMARY", equalTo(List.of("Y", "N")))
                .body("result.result.company.CONTACT_ID", equalTo(List.of(contact)));
        call("crm.contact.company.add", Map.of("id", contact, "fields", Map.of("COMPANY_ID", 1))).then()
                .body("result", equalTo(false));
        // the proxy checks no target: an ID no company has is bound as any other
        call("crm.contact.company.add", Map.of("id", contact, "fields", Map.of("COMPANY_ID", 99999))).then()
                .body("result", equalTo(true));
        call("crm.contact.company.delete", Map.of("id", contact, "fields", Map.of("COMPANY_ID", 99999))).then()
                .body("result", equalTo(true));
        call("crm.contact.company.add", Map.of("id", contact, "fields", Map.of("COMPANY_ID", 1, "IS_PRIMARY", "Y")))
                .then().body("result", equalTo(false));
        call("crm.contact.company.delete", Map.of("id", contact, "fields", Map.of("COMPANY_ID", company))).then()
                .body("result", equalTo(true));
        call("crm.contact.company.items.get", Map.of("ID", contact)).then().body("result.COMPANY_ID", equalTo(List.of(1)))
                .body("result.IS_PRIMARY", equalTo(List.of("Y")));
        call("crm.contact.get", Map.of("id", contact)).then().body("result.COMPANY_ID", equalTo("1"));
        // a deal's contacts; a deleted contact leaves them
        int deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Two buyers", "CONTACT_IDS", List.of(contact, 2))))
                .then().statusCode(200).extract().path("result");
        call("crm.deal.contact.items.get", Map.of("id", deal)).then().body("result.CONTACT_ID", equalTo(List.of(contact, 2)));
        call("crm.contact.delete", Map.of("id", contact)).then().statusCode(200);
        call("crm.deal.contact.items.get", Map.of("id", deal)).then().body("result.CONTACT_ID", equalTo(List.of(2)))
                .body("result.IS_PRIMARY", equalTo(List.of("Y")));
        call("crm.deal.get", Map.of("id", deal)).then().body("result.CONTACT_ID", equalTo("2"));
        call("crm.deal.contact.items.set", Map.of("id", deal, "items", List.of(Map.of("CONTACT_ID", 1), Map.of("CONTACT_ID", 2,
                "IS_PRIMARY", "Y")))).then().body("result", equalTo(true));
        call("crm.deal.contact.items.get", Map.of("id", deal)).then().body("result.CONTACT_ID", equalTo(List.of(1, 2)))
                .body("result.IS_PRIMARY", equalTo(List.of("N", "Y")));
        call("crm.deal.contact.items.delete", Map.of("id", deal)).then().body("result", equalTo(true));
        call("crm.deal.get", Map.of("id", deal)).then().body("result.CONTACT_ID", equalTo(null));
        // the proxy's errors, in its order
        call("crm.contact.company.items.get", Map.of()).then().statusCode(400)
                .body("error_description", equalTo("The parameter ownerEntityID is invalid or not defined."));
        call("crm.contact.company.add", Map.of("id", 0, "fields", Map.of("COMPANY_ID", 1))).then().statusCode(400)
                .body("error_description", equalTo("The parameter 'ownerEntityID' is invalid or not defined."));
        call("crm.contact.company.add", Map.of("id", 999, "fields", "x")).then().statusCode(400)
                .body("error_description", equalTo("The parameter 'fields' must be array."));
        call("crm.contact.company.add", Map.of("id", 999, "fields", Map.of("COMPANY_ID", 1))).then().statusCode(400)
                .body("error_description", equalTo("Not found."));
        call("crm.contact.company.delete", Map.of("id", 1, "fields", Map.of("SORT", 10))).then().statusCode(400)
                .body("error_description", equalTo("The parameter 'fields' is not valid."));
        call("crm.contact.company.items.get", Map.of("id", 999)).then().statusCode(200).body("result", equalTo(List.of()));
        call("crm.deal.contact.items.get", Map.of("id", 999)).then().statusCode(400).body("error_description", equalTo("Not found"));
        call("crm.company.contact.fields", Map.of()).then().body("result.CONTACT_ID.isRequired", equalTo(true))
                .body("result.IS_PRIMARY.type", equalTo("char"));
    }
}
