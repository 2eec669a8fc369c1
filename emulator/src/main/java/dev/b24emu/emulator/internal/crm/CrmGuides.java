package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a new or changed CRM object reads from the rest of its portal: its reference guides (the first deal type, a
 * stage's semantics) and the base currency the crm module gives an object without one.
 */
public interface CrmGuides {
    /** The rows of a guide (ENTITY_ID), by SORT, as crm.status.list answers them. */
    List<ObjectNode> guide(String entityId);

    /** The base currency (CCrmCurrency::GetBaseCurrencyID). */
    String baseCurrency();

    /** A guide's first value by SORT: the start of a pipeline, the default deal type. */
    default Optional<String> first(String entityId) {
        return guide(entityId).stream().findFirst().map(row -> row.path("STATUS_ID").asText());
    }

    /** P, S or F: where a stage or status stands (crm.status's SEMANTICS; none is a process stage). */
    default String semantics(String entityId, String statusId) {
        return guide(entityId).stream().filter(row -> row.path("STATUS_ID").asText().equals(statusId)).findFirst()
                .map(row -> row.path("SEMANTICS").asText(""))
                .filter(s -> s.equals("S") || s.equals("F")).orElse("P");
    }

    /** The guides of a portal's status store, whatever it holds when asked. */
    static CrmGuides of(Supplier<CrmStatusStore> statuses, Supplier<String> currency) {
        return new CrmGuides() {
            @Override
            public List<ObjectNode> guide(String entityId) {
                return statuses.get().guide(entityId);
            }

            @Override
            public String baseCurrency() {
                return currency.get();
            }
        };
    }

    /** The guides every portal is born with and USD: for a store outside a portal (domain tests). */
    static CrmGuides builtIn() {
        CrmStatusStore statuses = new CrmStatusStore();
        return of(() -> statuses, () -> "USD");
    }
}
