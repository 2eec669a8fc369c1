package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.internal.transport.JsonWeight;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CRM item's fields frozen into a compact, read-only tree. A stored item is never changed (an update builds a new
 * one from a deep copy), yet as Jackson builds it each object holds a LinkedHashMap with an entry of 40 bytes per
 * field, each empty multifield an ArrayNode with its own list, and each repeated value ("Y", "2", the seed's date) its
 * own node: 2.5 KB a contact, so that a 100,000-contact seed filled the launcher's 256 MiB heap and the emulator died
 * of OutOfMemoryError under its first load. Frozen, an object is two arrays (its names shared by every object of the
 * same shape), arrays are immutable lists, and short values of low-cardinality fields are shared nodes.
 * <p>
 * Reading is Jackson's as before ({@code get}, {@code path}, iteration, serialisation, {@code equals}); a write throws
 * {@link UnsupportedOperationException}, and {@code deepCopy()} gives an ordinary, writable tree.
 */
final class FrozenFields {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** the one empty array every frozen item shares (its list is immutable) */
    private static final ArrayNode EMPTY_ARRAY = new ArrayNode(NODES, List.of());
    /** shared nodes for short values; bounded, since a portal's clients choose the values */
    private static final int MAX_SHARED = 4096;
    private static final int MAX_SHARED_LENGTH = 32;
    /** fields whose values are mostly unique to an item: sharing them would only fill the table */
    private static final Set<String> UNIQUE = Set.of("ID", "VALUE", "NAME", "LAST_NAME", "SECOND_NAME", "TITLE",
            "COMMENTS");
    private static final Map<String, TextNode> TEXTS = new ConcurrentHashMap<>();
    /** the names of each shape of object, shared by every object of that shape; bounded like the values */
    private static final int MAX_SHAPES = 1024;
    private static final Map<List<String>, Shape> SHAPES = new ConcurrentHashMap<>();
    /**
     * Up to this many names a lookup scans them (faster than hashing for a contact's 40); beyond, a shape keeps a
     * table from name to position, since a deal may carry any number of custom fields (D130) and reading one of 100,000
     * by scanning took 19 s.
     */
    private static final int SCANNED = 64;

    private FrozenFields() {
    }

    /** What a value weighs in the heap, for the bound on what objects made at run time may weigh (D118). */
    static long weight(JsonNode node) {
        return JsonWeight.of(node);
    }

    /** The fields as a frozen tree (the same tree when it is frozen already). */
    static ObjectNode freeze(ObjectNode fields) {
        return fields instanceof Frozen ? fields : freezeObject(fields);
    }

    private static ObjectNode freezeObject(ObjectNode object) {
        List<String> names = new ArrayList<>(object.size());
        JsonNode[] values = new JsonNode[object.size()];
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> field = it.next();
            names.add(field.getKey());
            values[i] = freezeValue(field.getKey(), field.getValue());
        }
        return new Frozen(new FieldMap(shape(names), values));
    }

    private static JsonNode freezeValue(String name, JsonNode value) {
        if (value.isObject()) {
            return freezeObject((ObjectNode) value);
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return EMPTY_ARRAY;
            }
            List<JsonNode> items = new ArrayList<>(value.size());
            value.forEach(item -> items.add(freezeValue(name, item)));
            return new ArrayNode(NODES, List.copyOf(items));
        }
        if (value.isTextual() && !UNIQUE.contains(name) && value.textValue().length() <= MAX_SHARED_LENGTH) {
            TextNode shared = TEXTS.get(value.textValue());
            if (shared != null) {
                return shared;
            }
            if (TEXTS.size() < MAX_SHARED) {
                TextNode previous = TEXTS.putIfAbsent(value.textValue(), (TextNode) value);
                return previous == null ? value : previous;
            }
        }
        return value; // numbers, booleans, null and the other texts are immutable nodes already
    }

    private static Shape shape(List<String> names) {
        Shape shared = SHAPES.get(names);
        if (shared != null) {
            return shared;
        }
        Shape own = Shape.of(names);
        if (SHAPES.size() >= MAX_SHAPES) {
            return own;
        }
        Shape previous = SHAPES.putIfAbsent(List.copyOf(names), own);
        return previous == null ? own : previous;
    }

    /** An object's names in order, and for a wide object where each is. */
    private record Shape(String[] names, Map<String, Integer> positions) {
        static Shape of(List<String> names) {
            Map<String, Integer> positions = null;
            if (names.size() > SCANNED) {
                positions = new HashMap<>(names.size() * 2);
                for (int i = names.size() - 1; i >= 0; i--) {
                    positions.put(names.get(i), i); // the first of a repeated name, as a scan finds it
                }
            }
            return new Shape(names.toArray(String[]::new), positions);
        }

        int indexOf(Object name) {
            if (positions != null) {
                Integer at = positions.get(name);
                return at == null ? -1 : at;
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** An object node over a {@link FieldMap}: recognisable, so freezing a frozen tree is free. */
    private static final class Frozen extends ObjectNode {
        private static final long serialVersionUID = 1L;

        Frozen(FieldMap fields) {
            super(NODES, fields);
        }
    }

    /** Names and values in two arrays, in their order; read-only. */
    private static final class FieldMap extends AbstractMap<String, JsonNode> {
        private final Shape shape;
        private final String[] names;
        private final JsonNode[] values;

        FieldMap(Shape shape, JsonNode[] values) {
            this.shape = shape;
            this.names = shape.names();
            this.values = values;
        }

        private int indexOf(Object name) {
            return shape.indexOf(name);
        }

        @Override
        public JsonNode get(Object name) {
            int i = indexOf(name);
            return i < 0 ? null : values[i];
        }

        @Override
        public boolean containsKey(Object name) {
            return indexOf(name) >= 0;
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public Set<Entry<String, JsonNode>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, JsonNode>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < names.length;
                        }

                        @Override
                        public Entry<String, JsonNode> next() {
                            if (next >= names.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(names[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return names.length;
                }
            };
        }
    }
}
