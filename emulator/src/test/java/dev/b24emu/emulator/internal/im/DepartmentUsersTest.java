package dev.b24emu.emulator.internal.im;

import dev.b24emu.emulator.support.AppHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A call-count table's people (D183): the employees and heads of departments as the messenger lists them, by
 * department in the structure's order. The demo portal's users are all in department 1, whose head is user 1;
 * Customer Support (3, SORT 400) comes before Sales (2) and is headed by user 2, Sales by user 3.
 */
class DepartmentUsersTest extends AppHarness {

    @Test
    void employeesAndHeadsAreListedByDepartment() {
        call("im.department.employees.get", Map.of("ID", List.of(1, 2))).then().statusCode(200)
                .body("result", equalTo(Map.of("1", List.of(1, 2, 3)))); // the dismissed user 4 is left out
        String managers = call("im.department.managers.get", Map.of("ID", List.of("2", "3", "1", "99"))).then()
                .statusCode(200).extract().body().asString();
        org.junit.jupiter.api.Assertions.assertTrue(managers.startsWith("{\"result\":{\"1\":[1],\"3\":[2],\"2\":[3]}"),
                managers);
        // the keys in any case, ID as a JSON array in a string (form-encoded)
        given().formParam("id", "[2]").post(webhook + "im.department.managers.get").then().statusCode(200)
                .body("result", equalTo(Map.of("2", List.of(3))));
        call("im.department.employees.get", Map.of("ID", List.of(2))).then().body("result", equalTo(List.of()));
    }

    @Test
    void usersDataIsTheMessengersViewAndAnIdAloneIsNoList() {
        call("im.department.managers.get", Map.of("ID", List.of(3), "USER_DATA", "Y")).then().statusCode(200)
                .body("result.'3'[0].id", equalTo(2)).body("result.'3'[0].name", equalTo("Ivan Operator"))
                .body("result.'3'[0].first_name", equalTo("Ivan")).body("result.'3'[0].color", equalTo("#64a513"))
                .body("result.'3'[0].gender", equalTo("M")).body("result.'3'[0].external_auth_id", equalTo("default"))
                .body("result.'3'[0].departments", equalTo(List.of(1)))
                .body("result.'3'[0].phones", equalTo(Map.of("personal_mobile", "+79160000101", "inner_phone", "101")))
                .body("result.'3'[0].bot", equalTo(false));
        call("im.department.employees.get", Map.of("ID", 1)).then().statusCode(400)
                .body("error", equalTo("ID_EMPTY")).body("error_description", equalTo("Department ID can't be empty"));
        call("im.department.managers.get", Map.of()).then().statusCode(400).body("error", equalTo("ID_EMPTY"));
    }
}
