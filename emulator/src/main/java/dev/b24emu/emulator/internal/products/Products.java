package dev.b24emu.emulator.internal.products;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The CRM catalogue as crm.product.add, .get and .list read and write it (specs/DECISIONS.md D177): a product's
 * fields in capitals, its base price a number, everything else the strings an iblock element's list gives.
 */
public final class Products {
    /** the CRM catalogue's iblock: CATALOG_ID of every product (CCrmCatalog::GetDefaultID) */
    public static final long CATALOG_ID = 23;
    /** CCrmProduct::GetFieldsInfo's fields, in its order: the ones a list selects by default and answers */
    public static final List<String> FIELDS = List.of("ID", "CATALOG_ID", "PRICE", "CURRENCY_ID", "NAME", "CODE",
            "DESCRIPTION", "DESCRIPTION_TYPE", "ACTIVE", "SECTION_ID", "SORT", "VAT_ID", "VAT_INCLUDED", "MEASURE",
            "XML_ID", "DATE_CREATE", "TIMESTAMP_X", "MODIFIED_BY", "CREATED_BY");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Products() {
    }

    /** crm.product.add: the product from fields in capitals (NAME required); unknown fields dropped. */
    public static Product add(Portal portal, long callerId, ObjectNode fields) {
        Params f = new Params(fields);
        String name = f.text("NAME").map(String::trim).orElse("");
        if (name.isEmpty()) {
            throw RestError.of("ERROR_CORE", "Field \"Name\" is required.");
        }
        String now = portal.isoNow();
        String currency = f.text("CURRENCY_ID").filter(c -> !c.isBlank())
                .orElseGet(() -> portal.store(CrmStore.class).guides().baseCurrency());
        BigDecimal price = f.node("PRICE").filter(p -> !p.isNull()).map(Params::phpDecimal).orElse(null);
        ProductStore store = portal.store(ProductStore.class);
        Product product = new Product(store.nextId(), name, f.text("CODE").orElse(null),
                !f.text("ACTIVE").orElse("Y").equalsIgnoreCase("N"), f.has("SORT") ? f.phpInt("SORT") : 500,
                f.phpInt("SECTION_ID") > 0 ? f.phpInt("SECTION_ID") : null, f.text("DESCRIPTION").orElse(""),
                f.text("DESCRIPTION_TYPE").filter("html"::equalsIgnoreCase).map(t -> "html").orElse("text"), price,
                price == null ? null : currency, f.phpInt("VAT_ID") > 0 ? f.phpInt("VAT_ID") : null,
                f.text("VAT_INCLUDED").orElse("N").equalsIgnoreCase("Y"),
                f.phpInt("MEASURE") > 0 ? f.phpInt("MEASURE") : null, f.text("XML_ID").orElse(null), callerId, callerId,
                now, now);
        store.put(product);
        return product;
    }

    /**
     * A product as crm.product.get and .list answer it: the iblock element's values as strings (CDBResult), the
     * price a number from the price table, null where a product has none.
     */
    public static ObjectNode view(Product p) {
        ObjectNode json = NODES.objectNode();
        json.put("ID", Long.toString(p.id()));
        json.put("CATALOG_ID", Long.toString(CATALOG_ID));
        if (p.price() == null) {
            json.putNull("PRICE");
        } else {
            json.set("PRICE", RowPrices.number(p.price()));
        }
        json.put("CURRENCY_ID", p.currencyId());
        json.put("NAME", p.name());
        json.put("CODE", p.code());
        json.put("DESCRIPTION", p.description());
        json.put("DESCRIPTION_TYPE", p.descriptionType());
        json.put("ACTIVE", p.active() ? "Y" : "N");
        json.put("SECTION_ID", p.sectionId() == null ? null : Long.toString(p.sectionId()));
        json.put("SORT", Long.toString(p.sort()));
        json.put("VAT_ID", p.vatId() == null ? null : Long.toString(p.vatId()));
        json.put("VAT_INCLUDED", p.vatIncluded() ? "Y" : "N");
        json.put("MEASURE", p.measure() == null ? null : Long.toString(p.measure()));
        json.put("XML_ID", p.xmlId());
        json.put("DATE_CREATE", p.dateCreate());
        json.put("TIMESTAMP_X", p.timestampX());
        json.put("MODIFIED_BY", Long.toString(p.modifiedBy()));
        json.put("CREATED_BY", Long.toString(p.createdBy()));
        return json;
    }

    /** Whether a list's filter or order key (its operator stripped) names a product field. */
    public static boolean known(String field) {
        return FIELDS.contains(field.toUpperCase(Locale.ROOT));
    }
}
