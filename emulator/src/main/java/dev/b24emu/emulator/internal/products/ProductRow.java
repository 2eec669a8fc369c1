package dev.b24emu.emulator.internal.products;

import java.math.BigDecimal;

/**
 * One row of a deal's or lead's products (b_crm_product_row) as CCrmProductRow keeps it: the final price with
 * discount and tax, and the prices it was computed from.
 *
 * @param ownerType      "D" a deal, "L" a lead
 * @param productId      the catalogue product, 0 for a row written by hand
 * @param price          the final unit price (discount and tax in)
 * @param priceExclusive the price without tax, discount in
 * @param priceNetto     the price without discount and tax
 * @param priceBrutto    the price without discount, tax in
 * @param discountTypeId 1 an amount, 2 a percentage
 * @param taxRate        the tax in percent, or null for none
 */
public record ProductRow(long id, String ownerType, long ownerId, long productId, String productName, BigDecimal price,
                         BigDecimal priceExclusive, BigDecimal priceNetto, BigDecimal priceBrutto, BigDecimal quantity,
                         int discountTypeId, BigDecimal discountRate, BigDecimal discountSum, BigDecimal taxRate,
                         boolean taxIncluded, long measureCode, String measureName, long sort) {

    /** The same row under another ID (a set gives its rows theirs once every row passed its checks). */
    ProductRow withId(long newId) {
        return new ProductRow(newId, ownerType, ownerId, productId, productName, price, priceExclusive, priceNetto,
                priceBrutto, quantity, discountTypeId, discountRate, discountSum, taxRate, taxIncluded, measureCode,
                measureName, sort);
    }
}
