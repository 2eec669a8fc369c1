package dev.b24emu.emulator.internal.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.transport.ListQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * user.get's filter and order as the real User::userGet reads them (modules/rest/lib/api/user.php): a key is a field
 * with an optional operator of one or two non-word characters ({@code prepareUserFilter}); a key naming no field the
 * caller may read is ignored; NAME_SEARCH (or FIND) finds users by the words of their names; HAS_DEPARTAMENT Y keeps
 * users with a department. Operators as the ORM reads them: none or {@code =} equal, {@code !} and {@code !=} not,
 * {@code %} contains, {@code =%} and {@code %=} a LIKE pattern, {@code >} {@code >=} {@code <} {@code <=},
 * {@code @} one of, their negations with {@code !}; equality ignores case, as the database's collation does. Users
 * are matched as user.get shows them (their JSON), so a field the caller cannot see matches nothing.
 * <p>
 * user.search is the same method with a search (the server's {@code userGet} for both): it reads FIND and
 * UF_DEPARTMENT_NAME too, and NAME, LAST_NAME, SECOND_NAME, WORK_POSITION and UF_DEPARTMENT_NAME without an operator
 * search as its index does ({@code UserUtils::getUserSearchFilter}): each word given begins a word of the field.
 */
public final class UserQuery {
    private static final Pattern OPERATOR = Pattern.compile("^(\\W{1,2})(.+)");
    /** the fields a filter may name beside the caller's visible ones */
    private static final List<String> SEARCH_KEYS = List.of("NAME_SEARCH", "HAS_DEPARTAMENT", "IS_ONLINE");
    /** what user.search reads beside them */
    private static final List<String> SEARCH_ONLY_KEYS = List.of("FIND", "UF_DEPARTMENT_NAME");
    /** the fields user.search looks up by the words they begin, when named without an operator */
    private static final List<String> WORD_SEARCHED = List.of("NAME", "LAST_NAME", "SECOND_NAME", "WORK_POSITION",
            "UF_DEPARTMENT_NAME");
    private static final List<String> NAME_WORDS = List.of("NAME", "LAST_NAME", "SECOND_NAME", "EMAIL", "WORK_POSITION");

    private UserQuery() {
    }

    /**
     * The filter of a user.get query (its FILTER object, or the query itself), for a caller seeing {@code visible}, as
     * user.search reads it when {@code search}.
     */
    public static Predicate<JsonNode> filter(Map<String, JsonNode> keys, UserFieldSet visible, boolean search) {
        Predicate<JsonNode> all = user -> true;
        for (Map.Entry<String, JsonNode> entry : keys.entrySet()) {
            String key = entry.getKey().toUpperCase(Locale.ROOT);
            String operator = "";
            Matcher split = OPERATOR.matcher(key);
            if (split.matches()) {
                operator = split.group(1);
                key = split.group(2);
            }
            if (!SEARCH_KEYS.contains(key) && !(search && SEARCH_ONLY_KEYS.contains(key))
                    && !(visible.shows(key) && UserFields.known(key))) {
                continue; // the real filter keeps only the fields the caller's scope may read
            }
            List<String> wanted = values(entry.getValue());
            if (key.equals("ACTIVE")) { // prepareUserValue: PHP truth, "N" false
                wanted = wanted.stream().map(v -> v.isEmpty() || v.equals("0") || v.equalsIgnoreCase("N") ? "N" : "Y").toList();
            }
            all = all.and(condition(key, operator, wanted, search && operator.isEmpty() && WORD_SEARCHED.contains(key)));
        }
        return all;
    }

    /** SORT and ORDER (both needed, as the real server reads them); by ID otherwise. */
    public static Comparator<JsonNode> order(String sort, String order) {
        Comparator<JsonNode> byId = Comparator.comparingLong(u -> u.path("ID").asLong());
        if (sort == null || sort.isEmpty() || order == null || order.isEmpty()) {
            return byId;
        }
        String field = sort.toUpperCase(Locale.ROOT);
        Comparator<JsonNode> bySort = (a, b) -> ListQuery.compare(text(a.get(field)), text(b.get(field)));
        bySort = bySort.thenComparing(byId);
        return order.equalsIgnoreCase("DESC") ? bySort.reversed() : bySort;
    }

    /**
     * One key's test; with {@code wordSearch} (user.search's NAME...UF_DEPARTMENT_NAME) each word given begins a word of
     * the field (user.search puts the names of a user's departments in UF_DEPARTMENT_NAME while it matches).
     */
    private static Predicate<JsonNode> condition(String key, String operator, List<String> wanted, boolean wordSearch) {
        if (wordSearch) {
            List<Set<String>> searches = searches(wanted);
            return user -> anyBegins(words(List.of(text(user.get(key)))), searches);
        }
        if (key.equals("NAME_SEARCH") || key.equals("FIND")) {
            List<Set<String>> searches = searches(wanted);
            return user -> anyBegins(words(NAME_WORDS.stream().map(field -> text(user.get(field))).toList()), searches);
        }
        if (key.equals("HAS_DEPARTAMENT")) {
            return user -> !wanted.contains("Y") || user.path("UF_DEPARTMENT").size() > 0;
        }
        boolean negated = operator.startsWith("!");
        String op = negated ? operator.substring(1) : operator;
        List<Predicate<String>> tests = wanted.stream().map(w -> ListQuery.matcher(op, w)).toList(); // the list filters'
        Predicate<JsonNode> positive = user -> actual(user, key).stream()
                .anyMatch(a -> tests.stream().anyMatch(t -> t.test(a)));
        return negated ? positive.negate() : positive;
    }

    /** Where a text breaks into words: the search splits its own words there too ("Anna-Maria" is two of each). */
    private static final Pattern WORD_BREAKS = Pattern.compile("[\\s@.,-]+");

    /** Each search's words (lower-cased, each once), split once for every user the filter tests. */
    private static List<Set<String>> searches(List<String> wanted) {
        Set<Set<String>> searches = new LinkedHashSet<>();
        for (String search : wanted) {
            searches.add(words(List.of(search.trim())));
        }
        return List.copyOf(searches);
    }

    /**
     * The words of the texts, lower-cased and sorted: the word a search word begins, if any, is the first one not
     * before it, so a search of many words against long names is a lookup per word, not a scan (a 100 KB search
     * against 300 KB of names took 50 s).
     */
    private static NavigableSet<String> words(List<String> texts) {
        NavigableSet<String> words = new TreeSet<>();
        for (String text : texts) {
            for (String word : WORD_BREAKS.split(text.toLowerCase(Locale.ROOT))) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    /** Whether each word of one of the searches begins a word of the texts. */
    private static boolean anyBegins(NavigableSet<String> words, List<Set<String>> searches) {
        return searches.stream().anyMatch(search -> search.stream().allMatch(token -> {
            String first = words.ceiling(token);
            return first != null && first.startsWith(token);
        }));
    }

    /** A field's values as text: ACTIVE as Y/N (as the filter's values are cast), each element of a list. */
    private static List<String> actual(JsonNode user, String key) {
        if (key.equals("IS_ONLINE")) { // computed for every user, whichever fields the caller sees
            return List.of(user.path("IS_ONLINE").asText("N"));
        }
        JsonNode value = user.get(key);
        if (value == null || value.isNull()) {
            return List.of("");
        }
        if (value.isBoolean()) {
            return List.of(value.booleanValue() ? "Y" : "N");
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return items;
        }
        return List.of(value.asText());
    }

    /** The filter's values: a list's items, ACTIVE-style truth values as Y/N (prepareUserValue). */
    private static List<String> values(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> out.add(scalar(item)));
        } else if (value.isObject()) {
            value.forEach(item -> out.add(scalar(item)));
        } else {
            out.add(scalar(value));
        }
        return out;
    }

    private static String scalar(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? "Y" : "N";
        }
        return value.isNull() ? "" : value.asText();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.isBoolean() ? (value.booleanValue() ? "Y" : "N") : value.asText();
    }
}
