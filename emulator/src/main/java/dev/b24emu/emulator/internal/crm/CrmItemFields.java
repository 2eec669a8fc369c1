package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * What crm.item.fields answers for leads, deals, contacts and companies (specs/DECISIONS.md D173): each type's fields
 * in the order Factory::getFieldsInfo gives them (its settings, then the five UTM fields, then the last
 * communications), described as CCrmRestHelper::prepareFieldInfos writes them, with the English titles of the crm
 * module's language files (item-fields.json; the few not established are listed there). A portal of the emulator has
 * no custom fields, so none follow.
 */
public final class CrmItemFields {
    private static final ObjectNode ALL = load();

    private CrmItemFields() {
    }

    /** {fields: {...}} of the type: a fresh copy. */
    public static ObjectNode of(CrmEntityType type) {
        ObjectNode answer = new ObjectMapper().createObjectNode();
        answer.set("fields", ALL.path("fields").path(type.name().toLowerCase(Locale.ROOT)).deepCopy());
        return answer;
    }

    private static ObjectNode load() {
        try (InputStream in = CrmItemFields.class.getResourceAsStream("/dev/b24emu/emulator/crm/item-fields.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("item-fields.json is part of the emulator", e);
        }
    }
}
