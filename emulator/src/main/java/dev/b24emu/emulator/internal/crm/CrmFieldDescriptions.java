package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What crm.{lead,contact,company,deal,activity}.fields answer: the result of each page's example, verbatim and in
 * its order (api-reference/crm/data-types.md#crm_rest_field_description), held once for every portal: the emulated
 * portals have no custom fields, so the descriptions never change (specs/DECISIONS.md D56).
 */
public final class CrmFieldDescriptions {
    private static final JsonNode ALL = load();

    private CrmFieldDescriptions() {
    }

    /** The field descriptions of "lead", "contact", "company", "deal" or "activity". */
    public static JsonNode of(String type) {
        JsonNode fields = ALL.path(type).path("fields");
        if (fields.isMissingNode()) {
            throw new IllegalArgumentException("No field descriptions for " + type);
        }
        return fields.deepCopy();
    }

    private static JsonNode load() {
        try (InputStream in = CrmFieldDescriptions.class.getResourceAsStream("/dev/b24emu/emulator/crm/fields.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("fields.json is part of the emulator", e);
        }
    }
}
