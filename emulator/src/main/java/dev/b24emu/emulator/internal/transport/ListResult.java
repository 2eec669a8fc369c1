package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * A page of a list method: the envelope carries "next" (when more remain) and "total" beside "result"; a negative
 * total ({@link #NOT_COUNTED}) leaves "total" out (start = -1, settings/performance/huge-data.md).
 */
public record ListResult(JsonNode items, Integer next, int total) {
    public static final int NOT_COUNTED = -1;

    /** The page of 50 from start (PHP's intval of the start parameter; below 0 is 0) of everything found. */
    public static ListResult page(List<? extends JsonNode> found, long start) {
        int from = (int) Math.max(0, Math.min(Integer.MAX_VALUE, start));
        ArrayNode page = JsonNodeFactory.instance.arrayNode();
        found.stream().skip(from).limit(ListQuery.PAGE_SIZE).forEach(page::add);
        return new ListResult(page, (long) from + ListQuery.PAGE_SIZE < found.size() ? from + ListQuery.PAGE_SIZE : null,
                found.size());
    }
}
