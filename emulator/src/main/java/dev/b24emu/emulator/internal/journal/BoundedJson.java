package dev.b24emu.emulator.internal.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A request's parameters or result as JSON text small enough to keep: the journal holds a thousand entries per portal,
 * and one attachRecord with a 5 MB FILE_CONTENT kept whole would be 5 GB at that count. Long strings are cut with a
 * note of their length, containers stop at a byte budget with a note of what was left out, and credentials a client
 * put in its parameters are hidden.
 * <p>
 * Kept as text, not as a tree: under load the journal's thousand entries are younger than a young collection, so
 * each collection copies them, and with a tree of a dozen objects per value the median young pause was 0.7–0.8 ms
 * longer (paired runs of register under wrk). One string per value is cheap to copy. The journal is read rarely,
 * and parses then.
 */
final class BoundedJson {
    /** Longest string kept whole; the rest is cut with a note. */
    static final int MAX_STRING = 1024;
    /** Roughly what one kept value may weigh (characters of strings and keys, plus a little per node). */
    static final int BUDGET = 32 * 1024;
    private static final int NODE_COST = 16;
    /** Parameters whose values are secrets: the journal never keeps them. */
    private static final Set<String> SECRETS = Set.of("auth", "access_token", "refresh_token", "client_secret",
            "password", "application_token");
    static final String HIDDEN = "(hidden)";
    /** makes the generators that write the kept text, and reads it back */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** the lengths of the secrets' names: a key of another length is no secret, and most keys are */
    private static final boolean[] SECRET_LENGTH = new boolean[64];

    static {
        SECRETS.forEach(name -> SECRET_LENGTH[name.length()] = true);
    }

    /** A secret's name in any case, compared without a lower-cased copy of every key the journal keeps. */
    private static boolean secret(String key) {
        if (key.length() >= SECRET_LENGTH.length || !SECRET_LENGTH[key.length()]) {
            return false;
        }
        for (String name : SECRETS) {
            if (name.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private final JsonGenerator out;
    private int left = BUDGET;
    private int weight;

    private BoundedJson(JsonGenerator out) {
        this.out = out;
    }

    /**
     * A request's parameters and result as one JSON text, {"params": …, "result": …} with either left out when there
     * is none, and its weight in bytes (for the journal's own byte bound). One text, not one per value: a generator,
     * its writer and a string per value were half of what keeping an entry cost.
     */
    record Text(String json, int weight) {
    }

    private static final String PARAMS = "params";
    private static final String RESULT = "result";

    /** Each value bounded on its own: its own budget, its own top-level secrets. */
    static Text of(JsonNode params, JsonNode result) {
        // as ObjectMapper.writeValueAsString writes: into recycled buffers, joined once at the end
        SegmentedStringWriter text = new SegmentedStringWriter(JSON.getFactory()._getBufferRecycler());
        try (JsonGenerator out = JSON.createGenerator(text)) {
            BoundedJson writer = new BoundedJson(out);
            out.writeStartObject();
            writer.field(PARAMS, params);
            writer.field(RESULT, result);
            out.writeEndObject();
            out.flush();
            return new Text(text.getAndClear(), writer.weight);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory does not fail", e);
        }
    }

    private void field(String name, JsonNode value) throws IOException {
        if (value != null) {
            left = BUDGET;
            out.writeFieldName(name);
            write(value, 0);
        }
    }

    /** The kept parameters read back as a tree, or null when there were none. */
    static JsonNode params(String json) {
        return read(json).get(PARAMS);
    }

    /** The kept result read back as a tree, or null when there was none. */
    static JsonNode result(String json) {
        return read(json).get(RESULT);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("The journal reads back only what it wrote", e);
        }
    }

    private void write(JsonNode node, int depth) throws IOException {
        charge(NODE_COST);
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.length() > MAX_STRING) {
                text = text.substring(0, MAX_STRING) + "…(" + text.length() + " characters, cut by the journal)";
            }
            charge(text.length());
            out.writeString(text);
        } else if (node.isObject()) {
            out.writeStartObject();
            int index = 0;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); index++) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (left <= 0) {
                    out.writeStringField("…", (node.size() - index) + " more fields, cut by the journal");
                    break;
                }
                charge(field.getKey().length());
                out.writeFieldName(field.getKey());
                if (depth == 0 && secret(field.getKey())) {
                    out.writeString(HIDDEN);
                } else {
                    write(field.getValue(), depth + 1);
                }
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (int i = 0; i < node.size(); i++) {
                if (left <= 0) {
                    out.writeString((node.size() - i) + " more items, cut by the journal");
                    break;
                }
                write(node.get(i), depth + 1);
            }
            out.writeEndArray();
        } else {
            writeScalar(node);
        }
    }

    /** Numbers, booleans and null, written directly: through the mapper, a leaf cost a serializer lookup. */
    private void writeScalar(JsonNode node) throws IOException {
        if (node.isNumber()) {
            switch (node.numberType()) {
                case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
                case BIG_DECIMAL -> out.writeNumber(node.decimalValue());
                case FLOAT -> out.writeNumber(node.floatValue());
                case DOUBLE -> out.writeNumber(node.doubleValue());
                default -> out.writeNumber(node.longValue()); // int, long, short
            }
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            out.writeNull();
        } else {
            out.writeTree(node); // binary and POJO nodes, which parameters and results do not hold
        }
    }

    private void charge(int bytes) {
        left -= bytes;
        weight += bytes;
    }
}
