package dev.b24emu.emulator.internal.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The new catalogue's view of the CRM products (catalog.catalog.list, catalog.product.list; specs/DECISIONS.md D179):
 * one catalogue, the CRM's, and its products under camelCase names as the REST view of the catalog module writes
 * them. The sale price is not among them (catalog.price.* has it).
 */
public final class Catalog {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** the view's fields the emulator keeps, UPPER_SNAKE as the controller checks them, in the docs' order */
    public static final List<String> PRODUCT_FIELDS = List.of("ACTIVE", "CODE", "CREATED_BY", "DATE_CREATE",
            "DETAIL_TEXT", "DETAIL_TEXT_TYPE", "IBLOCK_ID", "IBLOCK_SECTION_ID", "ID", "MEASURE", "MODIFIED_BY", "NAME",
            "SORT", "TIMESTAMP_X", "TYPE", "VAT_ID", "VAT_INCLUDED", "XML_ID");

    private Catalog() {
    }

    /** StringHelper::camel2snake, upper-cased: "iblockId" IBLOCK_ID, but "ID" I_D, as the Internalizer reads it. */
    public static String upperSnake(String camel) {
        return camel.replaceAll("(.)([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** StringHelper::snake2camel, the Externalizer's way back: IBLOCK_SECTION_ID iblockSectionId. */
    static String camel(String upperSnake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : upperSnake.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /**
     * catalog.catalog.list's one row under the view's UPPER_SNAKE names (RestView\Catalog::getFields): the CRM's
     * product catalogue, no variations (PRODUCT_IBLOCK_ID null).
     */
    public static ObjectNode crmCatalog() {
        ObjectNode row = NODES.objectNode();
        row.put("IBLOCK_ID", Products.CATALOG_ID).put("IBLOCK_TYPE_ID", 0).put("ID", Products.CATALOG_ID)
                .put("LID", "s1").put("NAME", "CRM product catalog").putNull("PRODUCT_IBLOCK_ID")
                .putNull("SKU_PROPERTY_ID").put("SUBSCRIPTION", "N").putNull("VAT_ID").put("YANDEX_EXPORT", "N");
        return row;
    }

    /** A catalogue under the selected fields (UPPER_SNAKE, all of them for none), camelCase. */
    public static ObjectNode catalog(ObjectNode values, List<String> select) {
        ObjectNode row = NODES.objectNode();
        List<String> fields = new ArrayList<>();
        values.fieldNames().forEachRemaining(fields::add);
        for (String field : select.isEmpty() ? fields : select) {
            row.set(camel(field), values.get(field));
        }
        return row;
    }

    /** A product under the selected fields (UPPER_SNAKE), camelCase, numbers as numbers and flags as Y/N. */
    public static ObjectNode product(Product p, List<String> select) {
        ObjectNode values = values(p);
        ObjectNode row = NODES.objectNode();
        for (String field : select) {
            row.set(camel(field), values.has(field) ? values.get(field) : NODES.nullNode());
        }
        return row;
    }

    /** Every field the emulator keeps of a product, under its UPPER_SNAKE name: what a filter and an order read. */
    public static ObjectNode values(Product p) {
        ObjectNode row = NODES.objectNode();
        row.put("ACTIVE", p.active() ? "Y" : "N");
        row.put("CODE", p.code());
        row.put("CREATED_BY", p.createdBy());
        row.put("DATE_CREATE", p.dateCreate());
        row.put("DETAIL_TEXT", p.description() == null || p.description().isEmpty() ? null : p.description());
        row.put("DETAIL_TEXT_TYPE", p.descriptionType());
        row.put("IBLOCK_ID", Products.CATALOG_ID);
        putLong(row, "IBLOCK_SECTION_ID", p.sectionId());
        row.put("ID", p.id());
        putLong(row, "MEASURE", p.measure());
        row.put("MODIFIED_BY", p.modifiedBy());
        row.put("NAME", p.name());
        row.put("SORT", p.sort());
        row.put("TIMESTAMP_X", p.timestampX());
        row.put("TYPE", 1); // a simple product
        putLong(row, "VAT_ID", p.vatId());
        row.put("VAT_INCLUDED", p.vatIncluded() ? "Y" : "N");
        row.put("XML_ID", p.xmlId() == null ? Long.toString(p.id()) : p.xmlId());
        return row;
    }

    private static void putLong(ObjectNode row, String name, Long value) {
        if (value == null) {
            row.putNull(name);
        } else {
            row.put(name, value);
        }
    }

    /** The select's values the Internalizer reads, every field for "*". */
    public static List<String> selected(JsonNode select) {
        List<String> fields = new ArrayList<>();
        if (select != null && select.isContainerNode()) {
            select.forEach(value -> {
                String field = upperSnake(value.asText(""));
                if (field.equals("*")) {
                    PRODUCT_FIELDS.forEach(f -> {
                        if (!fields.contains(f)) {
                            fields.add(f);
                        }
                    });
                } else if (!field.isEmpty() && !fields.contains(field)) {
                    fields.add(field);
                }
            });
        }
        return fields;
    }
}
