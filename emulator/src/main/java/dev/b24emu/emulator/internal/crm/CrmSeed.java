package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.portal.SeedException;
import dev.b24emu.emulator.internal.portal.SeedSection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CRM fields of a seed: "companies", "contacts", "leads" and "deals" in crm.*.add field names (IDs are given in
 * that order from 1, so a contact's COMPANY_ID 1 is the first company), "crmStatuses" (reference guide values, see
 * {@link CrmStatusStore}) and "crmExclusions". CRM objects are read
 * one by one and kept as their JSON bytes until a (re)seed adds them: the CRM store copies what it adds, so keeping
 * trees would hold a large seed twice (a 100,000-contact seed did not fit in a 256 MiB heap).
 */
public final class CrmSeed {
    public static final String EXCLUSIONS = "crmExclusions";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One CRM array of the seed and the type of its objects, in the order they are added. */
    record Array(String field, CrmEntityType type) {
    }

    static final List<Array> ARRAYS = List.of(new Array("companies", CrmEntityType.COMPANY),
            new Array("contacts", CrmEntityType.CONTACT), new Array("leads", CrmEntityType.LEAD),
            new Array("deals", CrmEntityType.DEAL));

    /** The objects of one array, each as compact JSON. */
    record Objects(List<byte[]> json) {
    }

    /** The numbers on the exclusion list. */
    record Exclusions(List<String> phones) {
    }

    private CrmSeed() {
    }

    public static List<SeedSection> sections() {
        List<SeedSection> sections = new ArrayList<>();
        for (Array array : ARRAYS) {
            sections.add(new SeedSection() {
                @Override
                public String field() {
                    return array.field();
                }

                @Override
                public Object read(JsonParser value) throws IOException {
                    return new Objects(objects(array.field(), value));
                }
            });
        }
        sections.add(new SeedSection() {
            @Override
            public String field() {
                return CrmStatusStore.SEED_FIELD;
            }

            @Override
            public Object read(JsonParser value) throws IOException {
                List<byte[]> rows = objects(CrmStatusStore.SEED_FIELD, value);
                for (int i = 0; i < rows.size(); i++) {
                    JsonNode row = JSON.readTree(rows.get(i));
                    for (String field : List.of("ENTITY_ID", "STATUS_ID", "NAME")) {
                        if (!row.path(field).isTextual() || row.path(field).asText().isBlank()) {
                            throw new SeedException("Seed field '" + CrmStatusStore.SEED_FIELD + "', item " + i
                                    + ": ENTITY_ID, STATUS_ID and NAME must be non-empty strings");
                        }
                    }
                }
                return new Objects(rows);
            }
        });
        sections.add(new SeedSection() {
            @Override
            public String field() {
                return EXCLUSIONS;
            }

            @Override
            public Object read(JsonParser value) throws IOException {
                requireArray(EXCLUSIONS, value);
                List<String> phones = new ArrayList<>();
                while (value.nextToken() != JsonToken.END_ARRAY) {
                    if (!value.currentToken().isScalarValue()) {
                        throw new SeedException("Every item of seed field '" + EXCLUSIONS + "' must be a phone number");
                    }
                    phones.add(value.getValueAsString());
                }
                return new Exclusions(List.copyOf(phones));
            }
        });
        return sections;
    }

    private static List<byte[]> objects(String field, JsonParser value) throws IOException {
        requireArray(field, value);
        List<byte[]> objects = new ArrayList<>();
        while (value.nextToken() != JsonToken.END_ARRAY) {
            JsonNode item = value.readValueAsTree();
            if (!item.isObject()) {
                throw new SeedException("Every item of seed field '" + field + "' must be an object");
            }
            objects.add(JSON.writeValueAsBytes(item));
        }
        return objects;
    }

    private static void requireArray(String field, JsonParser value) {
        if (value.currentToken() != JsonToken.START_ARRAY) {
            throw new SeedException("Seed field '" + field + "' must be an array");
        }
    }
}
