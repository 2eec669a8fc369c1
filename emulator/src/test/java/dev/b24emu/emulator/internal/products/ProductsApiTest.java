package dev.b24emu.emulator.internal.products;

import dev.b24emu.emulator.support.AppHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * What a call-analysis tool does with products (D177): reads the CRM catalogue, writes the products a call named
 * into the deal's rows (form-encoded, every value a string), and the deal's amount follows them.
 */
class ProductsApiTest extends AppHarness {

    private int product(String name, String price) {
        return given().formParam("fields[NAME]", name).formParam("fields[PRICE]", price)
                .post(webhook + "crm.product.add").then().statusCode(200).extract().path("result");
    }

    private int deal(Map<String, ?> fields) {
        return call("crm.deal.add", Map.of("fields", fields)).then().statusCode(200).extract().path("result");
    }

    @Test
    void theCatalogueIsListedBySortThenIdAndAnUnknownFilterKeyIsDropped() {
        product("Plastic chair", "4900");
        product("Table", "12000.50");
        call("crm.product.list", Map.of("select", List.of("ID", "NAME", "PRICE"), "filter", Map.of("ACTIVE", "Y"),
                "order", Map.of("ID", "ASC"))).then().statusCode(200).body("total", equalTo(2))
                .body("result.NAME", equalTo(List.of("Plastic chair", "Table")))
                .body("result[1].PRICE", equalTo(12000.5f)).body("result[0]", not(hasKey("SORT")));
        call("crm.product.list", Map.of("filter", Map.of("%NAME", "chair", "COLOUR", "red"))).then()
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.containsString("filter COLOUR"))
                .body("result.ID", equalTo(List.of("1"))).body("result[0].CATALOG_ID", equalTo("23"))
                .body("result[0].SORT", equalTo("500"));
        call("crm.product.get", Map.of("id", 2)).then().body("result.NAME", equalTo("Table"));
        call("crm.product.get", Map.of("id", 9)).then().statusCode(400).body("error_description",
                equalTo("Product is not found."));
        call("crm.product.add", Map.of("fields", Map.of("PRICE", 1))).then().statusCode(400);
    }

    @Test
    void aDealsRowsAreReplacedWholeAndItsAmountFollowsThem() {
        String token = telephonyApp("local.analyzer").getString("access_token");
        oauth(token, "event.bind", Map.of("event", "onCrmDealUpdate", "event_type", "offline")).then().statusCode(200);
        int chair = product("Plastic chair", "4900");
        int id = deal(Map.of("TITLE", "Call 42"));
        given().formParam("id", id).formParam("rows[0][PRODUCT_ID]", chair)
                .formParam("rows[0][PRODUCT_NAME]", "Plastic chair (colour: red)").formParam("rows[0][QUANTITY]", "2")
                .formParam("rows[0][PRICE]", "4900").formParam("rows[0][CUSTOMIZED]", "Y")
                .formParam("rows[1][PRODUCT_ID]", "0").formParam("rows[1][PRODUCT_NAME]", "Delivery")
                .formParam("rows[1][PRICE]", "899.1").formParam("rows[1][DISCOUNT_TYPE_ID]", "2")
                .formParam("rows[1][DISCOUNT_RATE]", "10")
                .post(webhook + "crm.deal.productrows.set").then().statusCode(200).body("result", equalTo(true));
        call("crm.deal.productrows.get", Map.of("id", id)).then().body("result.size()", equalTo(2))
                .body("result[0].ORIGINAL_PRODUCT_NAME", equalTo("Plastic chair"))
                .body("result[0].MEASURE_CODE", equalTo(796)).body("result[0].QUANTITY", equalTo(2))
                .body("result[1].PRICE_NETTO", equalTo(999)).body("result[1].DISCOUNT_SUM", equalTo(99.9f))
                .body("result[1].PRICE_ACCOUNT", equalTo("899.10")).body("result[1].TAX_RATE", nullValue());
        call("crm.deal.get", Map.of("id", id)).then().body("result.OPPORTUNITY", equalTo("10699.10"));
        // the amount is written as an update of the deal, which its handlers are told
        oauth(token, "event.offline.get", Map.of()).then().body("result.events.EVENT_NAME",
                equalTo(List.of("ONCRMDEALUPDATE"))).body("result.events[0].EVENT_DATA.FIELDS.ID", equalTo(
                        Integer.toString(id)));
        // a refused row keeps the rows there were
        call("crm.deal.productrows.set", Map.of("id", id, "rows", List.of(Map.of("PRICE", 5, "DISCOUNT_TYPE_ID", 1))))
                .then().statusCode(400).body("error", equalTo("ERROR_CORE")).body("error_description", equalTo(
                        "Discount Sum (DISCOUNT_SUM) is required if Monetary Discount Type (DISCOUNT_TYPE_ID) is"
                                + " defined.<br>"));
        call("crm.deal.productrows.get", Map.of("id", id)).then().body("result.size()", equalTo(2));
        // no rows: none left, the amount 0
        call("crm.deal.productrows.set", Map.of("id", id)).then().body("result", equalTo(true));
        call("crm.deal.productrows.get", Map.of("id", id)).then().body("result.size()", equalTo(0));
        call("crm.deal.get", Map.of("id", id)).then().body("result.OPPORTUNITY", equalTo("0.00"));
    }

    @Test
    void anAmountSetByHandStaysAndTheRefusalsAreTheServers() {
        int id = deal(Map.of("TITLE", "Manual", "OPPORTUNITY", "500", "IS_MANUAL_OPPORTUNITY", "Y"));
        call("crm.deal.productrows.set", Map.of("id", id, "rows", List.of(Map.of("PRODUCT_NAME", "Work", "PRICE", 100,
                "ID", 7)))).then().statusCode(200)
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.containsString("rows[0][ID]"));
        call("crm.deal.get", Map.of("id", id)).then().body("result.OPPORTUNITY", equalTo("500.00"));
        // strict mode refuses the key the server drops, before anything is written: the rows stay as they were
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("validation", "strict"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("crm.deal.productrows.set", Map.of("id", id, "rows", List.of(Map.of("PRODUCT_NAME", "Other", "PRICE", 1,
                "ID", 7)))).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
        call("crm.deal.productrows.get", Map.of("id", id)).then().body("result.PRODUCT_NAME", equalTo(List.of("Work")));
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("validation", "warn"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("crm.deal.productrows.set", Map.of("rows", List.of())).then().statusCode(400)
                .body("error_description", equalTo("The parameter id is invalid or not defined."));
        call("crm.deal.productrows.set", Map.of("id", id, "rows", "abc")).then().statusCode(400)
                .body("error_description", equalTo("The parameter rows must be array."));
        call("crm.deal.productrows.set", Map.of("id", 999, "rows", List.of())).then().statusCode(400)
                .body("error_description", equalTo("Not found."));
        call("crm.lead.productrows.get", Map.of("id", 999)).then().statusCode(400)
                .body("error_description", equalTo("Not found."));
    }

    @Test
    void theNewCatalogueListsTheSameProductsUnderItsOwnRules() {
        product("Plastic chair", "4900");
        call("catalog.catalog.list", Map.of()).then().statusCode(200).body("total", equalTo(1))
                .body("result.catalogs[0].id", equalTo(23)).body("result.catalogs[0].productIblockId", nullValue());
        // the page's example: its filter keeps no catalogue (the CRM's has no VAT rate or variations' property)
        call("catalog.catalog.list", Map.of("select", List.of("iblockId", "iblockTypeId", "id", "lid", "name",
                "productIblockId", "skuPropertyId", "subscription", "vatId"), "filter", Map.of(">id", 10,
                "@vatId", List.of(1, 2), "skuPropertyId", 121), "order", Map.of("id", "desc"))).then().statusCode(200)
                .body("total", equalTo(0)).body("result.catalogs", equalTo(List.of()))
                .header("X-B24-Emulator-Warning", nullValue());
        call("catalog.catalog.list", Map.of("filter", Map.of(">id", 30))).then().body("total", equalTo(0));
        call("catalog.catalog.list", Map.of("select", List.of("id", "name"), "filter", Map.of("iblockId", 23)))
                .then().body("total", equalTo(1))
                .body("result.catalogs[0]", equalTo(Map.of("id", 23, "name", "CRM product catalog")));
        call("catalog.catalog.list", Map.of("filter", Map.of("colour", "red"))).then().statusCode(200)
                .body("total", equalTo(1)).header("X-B24-Emulator-Warning", startsWith("filter colour: names no"));
        // Floi807/bitrix-call-analyzer's request: upper-case names are no fields (ID reads as I_D), no iblockId
        call("catalog.product.list", Map.of("select", List.of("ID", "NAME", "PRICE", "PRICE_BRUTTO"),
                "filter", Map.of("ACTIVE", "Y"), "order", Map.of("ID", "ASC"))).then().statusCode(400)
                .body("error", equalTo("0")).body("error_description", equalTo("Required select fields: id, iblockId"));
        call("catalog.product.list", Map.of("select", List.of("id", "iblockId", "name"))).then().statusCode(400)
                .body("error_description", equalTo("Required filter fields: iblockId"));
        call("catalog.product.list", Map.of("select", List.of("id", "iblockId"), "filter", Map.of("iblockId", 99)))
                .then().statusCode(400).body("error", equalTo("200040300000"))
                .body("error_description", equalTo("Iblock Not Found"));
        call("catalog.product.list", Map.of("select", List.of("id", "iblockId", "name", "active"),
                "filter", Map.of("iblockId", 23, "active", "Y"))).then().statusCode(200).body("total", equalTo(1))
                .body("result.products[0].id", equalTo(1)).body("result.products[0].iblockId", equalTo(23))
                .body("result.products[0].name", equalTo("Plastic chair"))
                .body("result.products[0]", not(hasKey("price")));
    }
}
