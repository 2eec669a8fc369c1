package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.internal.transport.Params;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.PhpDates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the real server writes into a lead's, deal's, contact's or company's row beside the fields a client gives,
 * so that crm.*.get and .list answer it as the row they read (specs/DECISIONS.md D158): the defaults of the crm
 * module's add (`CCrmLead::Add`, the deal's factory operation, `CCrmContact::Add`, `CCrmCompany::Add`), the columns it
 * derives from a stage or status (`STAGE_SEMANTIC_ID`, `IS_NEW`, `CLOSED`, `STATUS_SEMANTIC_ID`, `MOVED_*`), and the
 * columns' own forms: decimal(18,2) money as MySQL answers it ("1000.00") and a `date` column as ConvertDate writes it.
 */
final class CrmFilling {
    /** money columns of decimal(18,2): what MySQL answers for them has two decimals */
    private static final Map<CrmEntityType, List<String>> MONEY = Map.of(
            CrmEntityType.LEAD, List.of("OPPORTUNITY"),
            CrmEntityType.DEAL, List.of("OPPORTUNITY", "TAX_VALUE"));
    /** `date` columns: read by unConvertDate when written, answered by ConvertDate */
    private static final Map<CrmEntityType, List<String>> DAYS = Map.of(
            CrmEntityType.LEAD, List.of("BIRTHDATE"),
            CrmEntityType.CONTACT, List.of("BIRTHDATE"),
            CrmEntityType.DEAL, List.of("BEGINDATE", "CLOSEDATE"));
    /**
     * the values an add gives the columns a client left empty, beside the ones it works out: the deal operation's
     * 0.00 amounts, and the table defaults (install.sql) of the flags
     */
    private static final Map<CrmEntityType, Map<String, String>> DEFAULTS = Map.of(
            CrmEntityType.LEAD, ordered("OPPORTUNITY", "0.00", "IS_MANUAL_OPPORTUNITY", "N", "HAS_IMOL", "N"),
            CrmEntityType.DEAL, ordered("OPPORTUNITY", "0.00", "TAX_VALUE", "0.00", "IS_MANUAL_OPPORTUNITY", "N",
                    "IS_RECURRING", "N", "IS_RETURN_CUSTOMER", "N", "IS_REPEATED_APPROACH", "N"),
            CrmEntityType.CONTACT, ordered("EXPORT", "N", "HAS_IMOL", "N"),
            CrmEntityType.COMPANY, ordered("HAS_IMOL", "N"));
    /** the deal operation's default: CLOSEDATE a week after the start (Bitrix\Crm\Item\Deal, `add('7D')`) */
    private static final int DEAL_CLOSES_AFTER_DAYS = 7;

    private CrmFilling() {
    }

    /** Fills in a new object's row, its given fields already copied in and its system fields set. */
    static void added(CrmEntityType type, long id, ObjectNode fields, long authorId, String now, CrmGuides guides) {
        normalize(type, fields, now);
        fields.put("LAST_ACTIVITY_TIME", now);
        fields.put("LAST_ACTIVITY_BY", Long.toString(authorId));
        DEFAULTS.get(type).forEach((name, value) -> text(fields, name, value));
        switch (type) {
            case LEAD -> {
                fields.put("IS_RETURN_CUSTOMER", returningCustomer(fields));
                text(fields, "TITLE", "Lead #" + id);
                text(fields, "CURRENCY_ID", guides.baseCurrency());
                moved(fields, authorId, now);
            }
            case DEAL -> {
                text(fields, "TITLE", "Deal #" + id);
                guides.first("DEAL_TYPE").ifPresent(first -> text(fields, "TYPE_ID", first));
                text(fields, "CURRENCY_ID", guides.baseCurrency());
                LocalDate today = OffsetDateTime.parse(now).toLocalDate();
                text(fields, "BEGINDATE", day(today, now));
                text(fields, "CLOSEDATE", day(today.plusDays(DEAL_CLOSES_AFTER_DAYS), now));
                moved(fields, authorId, now);
            }
            case CONTACT -> {
                if (blank(fields, "NAME") && blank(fields, "LAST_NAME")) {
                    fields.put("LAST_NAME", "Contact #" + id);
                }
            }
            case COMPANY -> {
                text(fields, "TITLE", "Company #" + id);
                fields.put("IS_MY_COMPANY", "Y".equals(fields.path("IS_MY_COMPANY").asText()) ? "Y" : "N");
            }
        }
        derive(type, fields, null, guides);
    }

    /**
     * CCrmLead::Add's and ::Update's "Synchronize CustomerType": a lead bound to a company or to a contact is a
     * returning customer's ("Y"), any other a new one's; what a client gives for it is not read.
     */
    static String returningCustomer(ObjectNode fields) {
        return fields.path("COMPANY_ID").asLong() > 0
                || !CrmBindings.ids(CrmBindings.Kind.LEAD_CONTACT, fields).isEmpty() ? "Y" : "N";
    }

    /** Fills in a changed object's row: the given changes already copied over the fields it had. */
    static void updated(CrmEntityType type, ObjectNode before, ObjectNode fields, long authorId, String now,
                        CrmGuides guides) {
        normalize(type, fields, now);
        String progress = type == CrmEntityType.DEAL ? "STAGE_ID" : "STATUS_ID";
        if ((type == CrmEntityType.DEAL || type == CrmEntityType.LEAD)
                && !before.path(progress).asText("").equals(fields.path(progress).asText(""))) {
            moved(fields, authorId, now);
            derive(type, fields, now, guides);
        }
    }

    /**
     * The columns a stage or status decides: a deal's STAGE_SEMANTIC_ID, IS_NEW and CLOSED, a lead's STATUS_SEMANTIC_ID
     * and, once it reaches a final status, DATE_CLOSED (the moment it did, `now`, when known).
     */
    private static void derive(CrmEntityType type, ObjectNode fields, String now, CrmGuides guides) {
        if (type == CrmEntityType.DEAL) {
            String stage = fields.path("STAGE_ID").asText("");
            String pipeline = DealCategories.statusEntity(fields.path("CATEGORY_ID").asLong()); // its stage guide
            String semantics = guides.semantics(pipeline, stage);
            fields.put("STAGE_SEMANTIC_ID", semantics);
            fields.put("IS_NEW", guides.first(pipeline).map(stage::equals).orElse(false) ? "Y" : "N");
            fields.put("CLOSED", semantics.equals("P") ? "N" : "Y");
        } else if (type == CrmEntityType.LEAD) {
            String semantics = guides.semantics("STATUS", fields.path("STATUS_ID").asText(""));
            fields.put("STATUS_SEMANTIC_ID", semantics);
            if (semantics.equals("P")) {
                fields.remove("DATE_CLOSED");
            } else if (now != null || !fields.hasNonNull("DATE_CLOSED")) {
                fields.put("DATE_CLOSED", now != null ? now : fields.path("DATE_CREATE").asText());
            }
        }
    }

    /** MOVED_BY_ID and MOVED_TIME: who moved the object to its stage or status, and when. */
    private static void moved(ObjectNode fields, long authorId, String now) {
        fields.put("MOVED_BY_ID", Long.toString(authorId));
        fields.put("MOVED_TIME", now);
    }

    /** Money with two decimals and days in ConvertDate's form, as the columns hold them; a day no form reads is none. */
    private static void normalize(CrmEntityType type, ObjectNode fields, String now) {
        for (String name : MONEY.getOrDefault(type, List.of())) {
            JsonNode value = fields.get(name);
            if (value != null && !value.isNull()) {
                money(value.asText()).ifPresent(amount -> fields.put(name, amount));
            }
        }
        for (String name : DAYS.getOrDefault(type, List.of())) {
            JsonNode value = fields.get(name);
            if (value != null && !value.isNull() && !value.asText().isBlank()) {
                ZoneOffset offset = OffsetDateTime.parse(now).getOffset();
                Optional<LocalDate> day = PhpDates.unConvertDate(value.asText(), offset);
                if (day.isPresent()) {
                    fields.put(name, day(day.get(), now));
                } else {
                    fields.remove(name);
                }
            }
        }
    }

    /** An amount as a decimal(18,2) column answers it: "1000" is "1000.00", "12.345" "12.35"; not a number: as given. */
    static Optional<String> money(String text) {
        try {
            return Optional.of(Params.decimal(text.trim()).setScale(2, RoundingMode.HALF_UP).toPlainString());
        } catch (NumberFormatException | ArithmeticException notAnAmount) {
            return Optional.empty();
        }
    }

    /** A day as ConvertDate writes it, on the portal's clock and offset that `now` carries. */
    private static String day(LocalDate day, String now) {
        OffsetDateTime moment = OffsetDateTime.parse(now);
        return PhpDates.convertDate(day, moment.getOffset(), moment.toInstant());
    }

    /** Name-value pairs in their order. */
    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static boolean blank(ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() || value.asText().isBlank();
    }

    /** Sets a field the client left out or empty. */
    private static void text(ObjectNode fields, String name, String value) {
        if (blank(fields, name)) {
            fields.put(name, value);
        }
    }
}
