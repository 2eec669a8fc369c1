package dev.b24emu.features;

import io.cucumber.java.en.Given;
import io.restassured.RestAssured;

import java.util.List;
import java.util.Map;

/** Seeding the CRM through its own REST methods, so scenarios run on the emulator and a real portal alike. */
public class CrmSteps {
    private final ScenarioContext ctx;

    public CrmSteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Given("a contact {string} with phone {string}")
    public void contact(String name, String phone) {
        contactAssigned(name, phone, ctx.operatorId());
    }

    @Given("a contact {string} with phone {string} assigned to user {long}")
    public void contactAssigned(String name, String phone, long userId) {
        String[] parts = name.split(" ", 2);
        add("crm.contact.add", name, Map.of("NAME", parts[0], "LAST_NAME", parts.length > 1 ? parts[1] : "",
                "ASSIGNED_BY_ID", userId, "PHONE", List.of(Map.of("VALUE", phone, "VALUE_TYPE", "WORK"))));
    }

    @Given("a company {string} with phone {string}")
    public void company(String title, String phone) {
        add("crm.company.add", title, Map.of("TITLE", title, "ASSIGNED_BY_ID", ctx.operatorId(),
                "PHONE", List.of(Map.of("VALUE", phone, "VALUE_TYPE", "WORK"))));
    }

    @Given("a lead {string} with phone {string}")
    public void lead(String title, String phone) {
        add("crm.lead.add", title, Map.of("TITLE", title, "ASSIGNED_BY_ID", ctx.operatorId(),
                "PHONE", List.of(Map.of("VALUE", phone, "VALUE_TYPE", "WORK"))));
    }

    private void add(String method, String name, Map<String, Object> fields) {
        ctx.record(method, RestAssured.given().contentType("application/json").body(Map.of("fields", fields))
                .post(ctx.webhook + method));
        if (ctx.status != 200) {
            throw new AssertionError(method + " failed: " + ctx.body);
        }
        ctx.remembered.put(name, ctx.body.path("result").asText());
    }
}
