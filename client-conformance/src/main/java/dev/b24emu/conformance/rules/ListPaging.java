package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CRM lists page by page number (specs/DECISIONS.md D143): start picks the page of 50 it falls in, and a start
 * past the last record answers the first page again. A client that reads on with start + 50 until a page comes back
 * empty never stops on a real portal; one that passes a start between pages gets records it already has. The next
 * page's start is the answer's next, and there is none after the last page (a page of fewer than 50).
 */
final class ListPaging extends Rule {
    private static final Pattern LIST = Pattern.compile("crm\\.(contact|lead|company|deal|activity)\\.list",
            Pattern.CASE_INSENSITIVE);
    private static final int PAGE = 50;
    /** the leading integer PHP's intval reads */
    private static final Pattern LEADING_INTEGER = Pattern.compile("^[+-]?\\d+");

    ListPaging() {
        super("list-paging", "CRM lists are read on with the answer's next, and not past the last page",
                "settings/how-to-call-rest-api/list-methods-pecularities.md; specs/DECISIONS.md D143");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return traffic.requests().stream().anyMatch(r -> LIST.matcher(r.method()).matches() && r.ok());
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        // a list query (method and parameters without start) → the start of its last page seen, a page under 50
        Map<String, Long> lastPageAt = new HashMap<>();
        for (Traffic.Request request : traffic.requests()) {
            if (!LIST.matcher(request.method()).matches() || !request.ok()) {
                continue;
            }
            long start = start(request);
            String query = query(request);
            Long last = lastPageAt.get(query);
            if (last != null && start > last) {
                violations.add(new Violation(id(), request.method() + " start " + start + " reads past the last page"
                        + " (start " + last + " answered fewer than " + PAGE + "): a real portal answers the first page"
                        + " again, so paging on until an empty page never ends; stop when the answer has no next",
                        request.seq(), request.view(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode().put("method", request.method()).put("request", "none: the answer at start "
                                + last + " had no next")));
            } else if (start > 0 && start % PAGE != 0) {
                ObjectNode expected = request.view();
                ((ObjectNode) expected.path("params")).put("start", start / PAGE * PAGE);
                violations.add(new Violation(id(), request.method() + " start " + start + " is not a page's start: a"
                        + " real portal answers the page of " + PAGE + " it falls in (from record " + (start / PAGE * PAGE + 1)
                        + "); pass the answer's next", request.seq(), request.view(), expected));
            }
            JsonNode items = request.result();
            if (start >= 0 && items != null && items.isArray() && items.size() < PAGE && last == null) {
                lastPageAt.put(query, start);
            }
        }
        return violations;
    }

    /** start as the server reads it (PHP's intval): 0 when absent or not a number. */
    private static long start(Traffic.Request request) {
        String text = request.text("start").trim();
        java.util.regex.Matcher digits = LEADING_INTEGER.matcher(text);
        if (!digits.find()) {
            return 0;
        }
        try {
            return Long.parseLong(digits.group());
        } catch (NumberFormatException huge) {
            return text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** The list asked for: the method and its parameters other than start and auth. */
    private static String query(Traffic.Request request) {
        ObjectNode params = request.params().deepCopy();
        List<String> drop = new ArrayList<>();
        params.fieldNames().forEachRemaining(name -> {
            if (name.equalsIgnoreCase("start") || name.equalsIgnoreCase("auth")) {
                drop.add(name);
            }
        });
        params.remove(drop);
        return request.method().toLowerCase(java.util.Locale.ROOT) + " " + params;
    }
}
