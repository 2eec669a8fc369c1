package dev.b24emu.emulator.internal.users;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** department.* on the demo portal's structure: Demo company (1) with Sales Department (2) and Customer Support (3). */
class DepartmentsApiTest extends AppHarness {
    private List<String> ids(Map<String, ?> params) {
        return call("department.get", params).then().statusCode(200).extract().jsonPath().getList("result.ID", String.class);
    }

    @Test
    void theStructureIsListedDepthFirstOrByAFieldAndFiltered() {
        // START picks the page it falls in, past the last the first page again (CIBlockSection::GetList, D143)
        call("department.get", Map.of("START", 10)).then().statusCode(200).body("result.size()", equalTo(3));
        call("department.get", Map.of("START", 500)).then().statusCode(200).body("result[0].ID", equalTo("1"));
        call("department.get", Map.of()).then().statusCode(200).body("total", equalTo(3))
                .body("result[0]", equalTo(Map.of("ID", "1", "NAME", "Demo company", "SORT", 500, "UF_HEAD", "1")))
                .body("result[1]", equalTo(Map.of("ID", "3", "NAME", "Customer Support", "SORT", 400, "PARENT", "1",
                        "UF_HEAD", "2")));
        int desk = call("department.add", Map.of("NAME", "Help Desk", "PARENT", 3)).then().statusCode(200)
                .extract().path("result");
        assertEquals(4, desk);
        // depth first: below Customer Support before Sales Department
        assertEquals(List.of("1", "3", "4", "2"), ids(Map.of()));
        assertEquals(List.of("3", "2"), ids(Map.of("PARENT", 1)));
        assertEquals(List.of("4", "3", "2", "1"), ids(Map.of("sort", "id", "order", "desc")));
        assertEquals(List.of("2"), ids(Map.of("FILTER", Map.of("NAME", "sales department"))));
        assertEquals(List.of(), ids(Map.of("NAME", "Sales")));
        assertEquals(List.of("1", "4"), ids(Map.of("ID", List.of(1, 4))));
        // filter keys are read in their exact case; sort in any
        assertEquals(List.of("1", "3", "4", "2"), ids(Map.of("parent", 1)));
        call("department.get", Map.of("PARENT", 3)).then().body("result[0]", not(hasKey("UF_HEAD")))
                .body("result[0].SORT", equalTo(500));
        call("department.fields", Map.of()).then().statusCode(200).body("result.NAME", equalTo("Department Name"))
                .body("result.UF_HEAD", equalTo("Manager"));
    }

    @Test
    void addUpdateAndDeleteAreAnAdministratorsWithThePagesErrors() {
        call("department.add", Map.of("PARENT", 1)).then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("The department name is not provided.<br>"));
        call("department.add", Map.of("NAME", "Board")).then().statusCode(400)
                .body("error_description", equalTo("There can only be one top-level department in the company structure"));
        int it = call("department.add", Map.of("name", "IT", "parent", "2", "sort", 100, "uf_head", 2)).then()
                .statusCode(200).extract().path("result");
        call("department.update", Map.of("ID", it, "NAME", "IT Services", "PARENT", 1)).then().statusCode(200)
                .body("result", equalTo(true));
        call("department.get", Map.of("ID", it)).then().body("result[0]", equalTo(Map.of("ID", Integer.toString(it),
                "NAME", "IT Services", "SORT", 100, "PARENT", "1", "UF_HEAD", "2")));
        call("department.update", Map.of("ID", it, "UF_HEAD", 0)).then().statusCode(200);
        call("department.get", Map.of("ID", it)).then().body("result[0]", not(hasKey("UF_HEAD")));
        call("department.update", Map.of("ID", 1, "PARENT", it)).then().statusCode(400).body("error", equalTo("ERROR_CORE"));
        call("department.update", Map.of("ID", 99, "NAME", "x")).then().statusCode(400)
                .body("error_description", equalTo("Department not found"));
        // a department goes with those below it
        int sub = call("department.add", Map.of("NAME", "Helpdesk", "PARENT", it)).then().extract().path("result");
        call("department.delete", Map.of("ID", it)).then().statusCode(200).body("result", equalTo(true));
        call("department.get", Map.of("ID", List.of(it, sub))).then().body("total", equalTo(0));
        call("department.delete", Map.of("ID", it)).then().statusCode(400)
                .body("error_description", equalTo("Department not found"));
        // only an administrator changes the structure; anyone reads it
        String ivan = install("local.structure", List.of("department"), null, 2).getString("access_token");
        oauth(ivan, "department.add", Map.of("NAME", "Shadow", "PARENT", 1)).then().statusCode(400)
                .body("error", equalTo("ERROR_CORE")).body("error_description", equalTo("Access denied"));
        oauth(ivan, "department.get", Map.of()).then().statusCode(200).body("total", equalTo(3));
    }

    @Test
    void departmentsNameUsersAndCarryTheirAccessCodes() {
        given().contentType(ContentType.JSON).body(Map.of("ID", 8, "NAME", "Olga", "LAST_NAME", "Support",
                        "UF_DEPARTMENT", List.of(3)))
                .post(base() + "/_emulator/portals/" + portal.id() + "/users").then().statusCode(201);
        call("user.search", Map.of("UF_DEPARTMENT_NAME", "custom")).then().statusCode(200)
                .body("result.ID", equalTo(List.of("8")));
        call("user.search", Map.of("UF_DEPARTMENT_NAME", "demo")).then().body("result.ID", equalTo(List.of("1", "2", "3", "4")));
        // a user of Customer Support is in Demo company with its subdepartments (DR1), not in Sales Department
        String olga = install("local.codes", List.of("user"), null, 8).getString("access_token");
        oauth(olga, "user.access", Map.of("ACCESS", List.of("DR1"))).then().body("result", equalTo(true));
        oauth(olga, "user.access", Map.of("ACCESS", List.of("D1"))).then().body("result", equalTo(false));
        oauth(olga, "user.access", Map.of("ACCESS", List.of("DR2"))).then().body("result", equalTo(false));
    }

    @Test
    void theStructureIsKeptInTheStateAndAnOlderStateHasTheTopLevelDepartment() throws Exception {
        call("department.add", Map.of("NAME", "Kept", "PARENT", 2)).then().statusCode(200);
        String path = base() + "/_emulator/portals/" + portal.id();
        com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(given().get(path + "/state").then().statusCode(200).extract().asString());
        given().post(path + "/reset").then().statusCode(200);
        given().contentType(ContentType.JSON).body(state.toString()).put(path + "/state").then().statusCode(200);
        assertEquals(List.of("1", "3", "2", "4"), ids(Map.of()));
        state.remove("departments");
        given().contentType(ContentType.JSON).body(state.toString()).put(path + "/state").then().statusCode(200);
        call("department.get", Map.of()).then().body("result", equalTo(List.of(Map.of("ID", "1", "NAME", "Company",
                "SORT", 500))));
    }

    /**
     * The access dialog (D190) follows the structure: a department added is offered with its two choices, in the
     * structure's order; the user it is open for must be an active user of the portal.
     */
    @Test
    void theAccessDialogOffersEachDepartmentsTwoChoices() {
        int desk = call("department.add", Map.of("NAME", "Help Desk", "PARENT", 3)).then().statusCode(200)
                .extract().path("result");
        String dialog = base() + "/_emulator/portals/" + portal.id() + "/access-dialog";
        List<String> ids = given().get(dialog + "?user=3").then().statusCode(200).extract().jsonPath().getList("id");
        assertEquals(List.of("U1", "U2", "U3", "D1", "DR1", "D3", "DR3", "D" + desk, "DR" + desk, "D2", "DR2",
                "U3", "CR", "G2", "AU"), ids);
        given().get(dialog + "?user=3").then().body("find { it.id == 'DR" + desk + "' }.name",
                equalTo("Help Desk: All department and subdepartment employees"));
        given().get(dialog + "?user=abc").then().statusCode(400).body("error_description", equalTo("user must be a number"));
        given().get(dialog + "?user=4").then().statusCode(400)
                .body("error_description", equalTo("user must be an active user of the portal"));
    }
}
