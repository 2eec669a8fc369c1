package dev.b24emu.emulator.internal.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.Params;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A deal's or lead's product rows as crm.deal.productrows.set and .get (and the lead's) run them (specs/DECISIONS.md
 * D177): set replaces every row, each row's prices computed from its final price; the owner's OPPORTUNITY becomes the
 * rows' sum unless it is set by hand, which is an update of the owner (its event).
 */
public final class ProductRows {
    /** the unit a catalogue product's row gets when none is given: the portal's default, pieces */
    private static final long PIECES = 796;

    private ProductRows() {
    }

    /** "D" for a deal, "L" for a lead: the owner type b_crm_product_row keeps. */
    public static String ownerType(CrmEntityType type) {
        return type == CrmEntityType.DEAL ? "D" : "L";
    }

    /** The owner, or the server's "Not found." when the portal has none under that ID. */
    public static CrmItem owner(Portal portal, CrmEntityType type, long id) {
        if (id <= 0) {
            throw RowFaults.plain("The parameter id is invalid or not defined.");
        }
        return portal.store(CrmStore.class).get(new CrmRef(type, id))
                .orElseThrow(() -> RowFaults.plain("Not found."));
    }

    /**
     * The keys of crm.deal.productrows.set's rows that name no row field (and the read-only ID and TYPE), which the
     * server drops: "rows[0][NAME]", to report before anything is written.
     */
    public static List<String> unwritten(JsonNode rows) {
        List<String> unwritten = new ArrayList<>();
        int index = 0;
        for (JsonNode row : rows) {
            if (row.isObject()) {
                int at = index;
                row.fieldNames().forEachRemaining(key -> {
                    if (!WRITABLE.contains(key) && !key.equals("OWNER_ID") && !key.equals("OWNER_TYPE")) {
                        unwritten.add("rows[" + at + "][" + key + "]");
                    }
                });
            }
            index++;
        }
        return unwritten;
    }

    /**
     * crm.deal.productrows.set: the rows written replace the owner's; a row that is no array is skipped, a key no row
     * field names dropped ({@link #unwritten}). Answers the new rows.
     */
    public static List<ProductRow> set(Portal portal, Origin origin, CrmEntityType type, long id, JsonNode rows) {
        CrmItem owner = owner(portal, type, id);
        ProductRowStore store = portal.store(ProductRowStore.class);
        String ownerType = ownerType(type);
        List<ProductRow> written = new ArrayList<>();
        for (JsonNode row : rows) {
            if (row.isObject()) {
                written.add(row(portal, ownerType, id, (ObjectNode) row));
            }
        }
        List<ProductRow> before = store.of(ownerType, id);
        List<ProductRow> saved = new ArrayList<>();
        for (ProductRow row : written) { // IDs given once every row passed its checks: a refusal keeps the rows
            saved.add(row.withId(store.nextId()));
        }
        store.replace(ownerType, id, saved);
        if (!(before.isEmpty() && saved.isEmpty())) {
            synchronize(portal, origin, type, owner, saved);
        }
        return saved;
    }

    /** crm.deal.productrows.get: the owner's rows by SORT, then ID. */
    public static List<ProductRow> get(Portal portal, CrmEntityType type, long id) {
        owner(portal, type, id);
        return portal.store(ProductRowStore.class).of(ownerType(type), id).stream()
                .sorted(Comparator.comparingLong(ProductRow::sort).thenComparingLong(ProductRow::id)).toList();
    }

    private static final List<String> WRITABLE = List.of("PRODUCT_ID", "PRODUCT_NAME", "PRICE", "PRICE_EXCLUSIVE",
            "PRICE_NETTO", "PRICE_BRUTTO", "QUANTITY", "DISCOUNT_TYPE_ID", "DISCOUNT_RATE", "DISCOUNT_SUM", "TAX_RATE",
            "TAX_INCLUDED", "CUSTOMIZED", "MEASURE_CODE", "MEASURE_NAME", "SORT");

    private static ProductRow row(Portal portal, String ownerType, long ownerId, ObjectNode given) {
        Params f = new Params(given);
        long productId = Math.max(0, f.phpInt("PRODUCT_ID"));
        Optional<Product> product = productId > 0 ? portal.store(ProductStore.class).get(productId) : Optional.empty();
        String name = f.text("PRODUCT_NAME").filter(n -> !n.isEmpty()).orElseGet(() ->
                product.map(Product::name).orElse(""));
        BigDecimal price = decimal(f, "PRICE").orElse(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
        BigDecimal quantity = decimal(f, "QUANTITY").orElse(BigDecimal.ONE).setScale(4, RoundingMode.HALF_UP);
        BigDecimal taxRate = f.node("TAX_RATE").filter(t -> !t.isNull()).map(Params::phpDecimal)
                .filter(t -> t.signum() > 0 || f.textOrEmpty("TAX_RATE").startsWith("0")).orElse(null);
        Integer discountType = f.has("DISCOUNT_TYPE_ID") ? (int) f.phpInt("DISCOUNT_TYPE_ID") : null;
        RowPrices.Computed prices = RowPrices.of(price, taxRate, discountType, decimal(f, "DISCOUNT_RATE").orElse(null),
                decimal(f, "DISCOUNT_SUM").orElse(null));
        long measure = f.phpInt("MEASURE_CODE");
        String measureName = f.text("MEASURE_NAME").filter(m -> !m.isEmpty()).orElse(null);
        if (measure <= 0 && productId > 0) {
            measure = product.flatMap(p -> Optional.ofNullable(p.measure())).orElse(PIECES);
        }
        if (measureName == null) {
            measureName = measure == PIECES ? "pcs" : measure > 0 ? "-" : "";
        }
        return new ProductRow(0, ownerType, ownerId, productId, name, price, prices.exclusive(), prices.netto(),
                prices.brutto(), quantity, prices.discountTypeId(), prices.discountRate(), prices.discountSum(), taxRate,
                f.textOrEmpty("TAX_INCLUDED").equalsIgnoreCase("Y"), Math.max(0, measure), measureName, f.phpInt("SORT"));
    }

    private static Optional<BigDecimal> decimal(Params f, String key) {
        return f.node(key).filter(v -> !v.isNull() && !(v.isTextual() && v.asText().isBlank())).map(Params::phpDecimal);
    }

    /**
     * SynchronizeProductRows: the owner's OPPORTUNITY the sum of round(price × quantity, 2) and a deal's TAX_VALUE the
     * tax in it, unless IS_MANUAL_OPPORTUNITY is Y; written as an update of the owner, which tells its event.
     */
    private static void synchronize(Portal portal, Origin origin, CrmEntityType type, CrmItem owner,
                                    List<ProductRow> rows) {
        if ("Y".equals(owner.text("IS_MANUAL_OPPORTUNITY"))) {
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (ProductRow row : rows) {
            total = total.add(row.price().multiply(row.quantity()).setScale(2, RoundingMode.HALF_UP));
            tax = tax.add(row.price().subtract(row.priceExclusive()).multiply(row.quantity())
                    .setScale(2, RoundingMode.HALF_UP));
        }
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        changes.put("OPPORTUNITY", total.setScale(2, RoundingMode.HALF_UP).toPlainString());
        if (type == CrmEntityType.DEAL) {
            changes.put("TAX_VALUE", tax.setScale(2, RoundingMode.HALF_UP).toPlainString());
        }
        portal.store(CrmStore.class).update(new CrmRef(type, owner.id()), changes, origin, portal.isoNow());
    }

    /** A row as crm.deal.productrows.get answers it (the docs' example's keys and types). */
    public static ObjectNode view(Portal portal, ProductRow r) {
        Optional<Product> product = r.productId() > 0 ? portal.store(ProductStore.class).get(r.productId())
                : Optional.empty();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("ID", Long.toString(r.id()));
        json.put("OWNER_ID", Long.toString(r.ownerId()));
        json.put("OWNER_TYPE", r.ownerType());
        json.put("PRODUCT_ID", r.productId());
        json.put("PRODUCT_NAME", r.productName().isEmpty() ? product.map(Product::name).orElse("") : r.productName());
        json.put("ORIGINAL_PRODUCT_NAME", product.map(Product::name).orElse(null));
        json.put("PRODUCT_DESCRIPTION", product.map(Product::description).orElse(null));
        json.set("PRICE", RowPrices.number(r.price()));
        json.set("PRICE_EXCLUSIVE", RowPrices.number(r.priceExclusive()));
        json.set("PRICE_NETTO", RowPrices.number(r.priceNetto()));
        json.set("PRICE_BRUTTO", RowPrices.number(r.priceBrutto()));
        json.put("PRICE_ACCOUNT", r.price().setScale(2, RoundingMode.HALF_UP).toPlainString());
        json.set("QUANTITY", RowPrices.number(r.quantity()));
        json.put("DISCOUNT_TYPE_ID", r.discountTypeId());
        json.set("DISCOUNT_RATE", RowPrices.number(r.discountRate()));
        json.set("DISCOUNT_SUM", RowPrices.number(r.discountSum()));
        if (r.taxRate() == null) {
            json.putNull("TAX_RATE");
        } else {
            json.set("TAX_RATE", RowPrices.number(r.taxRate()));
        }
        json.put("TAX_INCLUDED", r.taxIncluded() ? "Y" : "N");
        json.put("CUSTOMIZED", "Y");
        json.put("MEASURE_CODE", r.measureCode());
        json.put("MEASURE_NAME", r.measureName());
        json.put("SORT", r.sort());
        json.putNull("XML_ID");
        json.put("TYPE", 1);
        return json;
    }
}
