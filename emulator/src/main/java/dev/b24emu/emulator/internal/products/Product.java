package dev.b24emu.emulator.internal.products;

import java.math.BigDecimal;

/**
 * A product of the CRM catalogue (an iblock element with its base price): what crm.product.* and the product rows
 * read. Dates ISO 8601 with the portal's offset.
 *
 * @param price      the base price, or null when the product has none
 * @param sectionId  the catalogue section, or null
 * @param measure    the unit's ID, or null
 */
public record Product(long id, String name, String code, boolean active, long sort, Long sectionId, String description,
                      String descriptionType, BigDecimal price, String currencyId, Long vatId, boolean vatIncluded,
                      Long measure, String xmlId, long createdBy, long modifiedBy, String dateCreate,
                      String timestampX) {
}
