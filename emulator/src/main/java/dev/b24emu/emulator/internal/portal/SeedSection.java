package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One top-level field of a seed file, owned by the area that seeds it ("users", "contacts", ...). The reader gets
 * the parser on the field's value and may stream it (a 100,000-contact seed is never one tree); it returns what the
 * area's store adds on every (re)seed, and throws {@link SeedException} naming what is wrong. What it returns
 * depends on the JSON, not on the server, and the stores never change it: every portal seeded from one seed shares
 * it, and the servers of one JVM share the demo seed's ({@link SeedFormat#demo}).
 */
public interface SeedSection {
    String field();

    Object read(JsonParser value) throws IOException;

    /** Reads one item of an array field, knowing the items read before it; a mistake is an IllegalArgumentException. */
    @FunctionalInterface
    interface ItemReader<T> {
        T read(JsonNode item, List<T> before);
    }

    /**
     * A field holding an array, read item by item into a {@code List<T>}: a field that is no array, or an item its
     * reader refuses, is a SeedException naming the field and the item ("Seed field 'users', item 2: ...").
     */
    static <T> SeedSection array(String field, ItemReader<T> items) {
        return new SeedSection() {
            @Override
            public String field() {
                return field;
            }

            @Override
            public Object read(JsonParser value) throws IOException {
                if (value.currentToken() != JsonToken.START_ARRAY) {
                    throw new SeedException("Seed field '" + field + "' must be an array");
                }
                List<T> read = new ArrayList<>();
                while (value.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode item = value.readValueAsTree();
                    try {
                        read.add(items.read(item, read));
                    } catch (IllegalArgumentException e) {
                        throw new SeedException("Seed field '" + field + "', item " + read.size() + ": " + e.getMessage());
                    }
                }
                return List.copyOf(read);
            }
        };
    }
}
