package dev.b24emu.emulator.internal.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The prices of a product row as CCrmProductRow::preparePrices computes them from the final price, the discount and
 * the tax (specs/DECISIONS.md D177): the price without tax, the discount as an amount and a rate, the price without
 * the discount, and the same with tax.
 */
final class RowPrices {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RowPrices() {
    }

    record Computed(BigDecimal exclusive, int discountTypeId, BigDecimal discountRate, BigDecimal discountSum,
                    BigDecimal netto, BigDecimal brutto) {
    }

    /**
     * From the final unit price: the price without tax (price / (1 + rate / 100)), then the discount (type 2 a rate
     * that gives the amount, type 1 an amount that gives the rate, any other type none), the price before it and that
     * price with tax. A percentage without a rate, or of 100 without its amount, and an amount without its sum are
     * refused as the row's checks refuse them.
     */
    static Computed of(BigDecimal price, BigDecimal taxRate, Integer discountType, BigDecimal rate, BigDecimal sum) {
        BigDecimal taxFactor = BigDecimal.ONE.add(taxRate == null ? BigDecimal.ZERO
                : taxRate.divide(HUNDRED, 10, RoundingMode.HALF_UP));
        BigDecimal exclusive = price.divide(taxFactor, 2, RoundingMode.HALF_UP);
        int type = discountType != null && (discountType == 1 || discountType == 2) ? discountType : 2;
        BigDecimal discountRate;
        BigDecimal discountSum;
        if (discountType == null || type != discountType) {
            discountRate = BigDecimal.ZERO;
            discountSum = BigDecimal.ZERO;
        } else if (type == 2) {
            if (rate == null) {
                throw RowFaults.invalid("Discount Rate (DISCOUNT_RATE) is required if Percentage Discount Type"
                        + " (DISCOUNT_TYPE_ID) is defined.");
            }
            discountRate = rate;
            if (rate.compareTo(HUNDRED) == 0) {
                if (sum == null) {
                    throw RowFaults.invalid("Discount Sum (DISCOUNT_SUM) is required if Percentage Discount Type"
                            + " (DISCOUNT_TYPE_ID) is defined and Discount Rate (DISCOUNT_RATE) is 100%");
                }
                discountSum = sum;
            } else {
                discountSum = sum != null ? sum : exclusive.multiply(HUNDRED)
                        .divide(HUNDRED.subtract(rate), 10, RoundingMode.HALF_UP).subtract(exclusive)
                        .setScale(2, RoundingMode.HALF_UP);
            }
        } else {
            if (sum == null) {
                throw RowFaults.invalid("Discount Sum (DISCOUNT_SUM) is required if Monetary Discount Type"
                        + " (DISCOUNT_TYPE_ID) is defined.");
            }
            discountSum = sum;
            BigDecimal base = exclusive.add(sum);
            discountRate = rate != null ? rate : base.signum() == 0 ? BigDecimal.ZERO
                    : HUNDRED.multiply(sum).divide(base, 2, RoundingMode.HALF_UP);
        }
        BigDecimal netto = exclusive.add(discountSum).setScale(2, RoundingMode.HALF_UP);
        BigDecimal brutto = netto.multiply(taxFactor).setScale(2, RoundingMode.HALF_UP);
        return new Computed(exclusive, type, discountRate, discountSum, netto, brutto);
    }

    /** A number as PHP's json_encode writes a float: 999.0 as 999, 899.1 as 899.1. */
    static JsonNode number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return LongNode.valueOf(plain.longValueExact());
        }
        return DoubleNode.valueOf(value.doubleValue());
    }
}
