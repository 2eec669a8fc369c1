package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.function.Function;

/**
 * A page of a list method: the envelope carries "next" (when more remain) and "total" beside "result"; a negative
 * total ({@link #NOT_COUNTED}) leaves "total" out (start = -1, settings/performance/huge-data.md).
 */
public record ListResult(JsonNode items, Integer next, int total) {
    public static final int NOT_COUNTED = -1;

    /**
     * The page of 50 that start falls in, as a CDBResult page navigation reads it (department.get, D143): start 10 is
     * the first page, and past the last page the first page again.
     */
    public static ListResult numberedPage(List<? extends JsonNode> found, long start) {
        return page(found, numberedFirst(start, found.size()));
    }

    /** The first record of the page start falls in among that many: page by number, past the last the first page. */
    static long numberedFirst(long start, int size) {
        long first = Math.max(0, start) / ListQuery.PAGE_SIZE * ListQuery.PAGE_SIZE;
        return first >= size ? 0 : first;
    }

    /** A list whose method writes neither next nor total (crm.calllist.list's controller, an empty user.get). */
    public static ListResult uncounted(JsonNode items) {
        return new ListResult(items, null, NOT_COUNTED);
    }

    /** The page of 50 from start (PHP's intval of the start parameter; below 0 is 0) of everything found. */
    public static ListResult page(List<? extends JsonNode> found, long start) {
        int from = (int) Math.max(0, Math.min(Integer.MAX_VALUE, start));
        ArrayNode page = JsonNodeFactory.instance.arrayNode();
        found.stream().skip(from).limit(ListQuery.PAGE_SIZE).forEach(page::add);
        return new ListResult(page, (long) from + ListQuery.PAGE_SIZE < found.size() ? from + ListQuery.PAGE_SIZE : null,
                found.size());
    }

    /**
     * A controller's Page as the REST engine answers it (RestManager, crm.item.list, tasks.task.list): the page of 50
     * start falls in ((start / 50) + 1) under the page's key, next while more remain; start exactly -1 counts
     * nothing (DONT_CALCULATE_COUNT) and says neither total nor next, below it is the first page, counted. Only the
     * page's records are answered ({@code answer}).
     */
    public static <T> ListResult controllerPage(String key, List<T> found, long start,
                                                Function<? super T, ? extends JsonNode> answer) {
        long first = Math.max(0, start) / ListQuery.PAGE_SIZE * ListQuery.PAGE_SIZE;
        com.fasterxml.jackson.databind.node.ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode page = result.putArray(key);
        // the page alone is read: a list may make its records as they are read (crm.item.list)
        if (first < found.size()) {
            found.subList((int) first, (int) Math.min(found.size(), first + ListQuery.PAGE_SIZE)).stream().map(answer)
                    .forEach(page::add);
        }
        if (start == -1) {
            return new ListResult(result, null, NOT_COUNTED);
        }
        long next = first + page.size();
        return new ListResult(result, next < found.size() ? (int) next : null, found.size());
    }
}
