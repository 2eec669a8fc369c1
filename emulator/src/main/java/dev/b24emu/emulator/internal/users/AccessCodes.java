package dev.b24emu.emulator.internal.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access codes (api-reference/common/system/access-name.md): what user.access checks a user against and access.name
 * names, as the main module's access providers give them (CAccess, authproviders.php; specs/DECISIONS.md D129). A user
 * holds U&lt;id&gt;, G2 (everyone) and AU (any authorised user), G1 when an administrator, D&lt;id&gt; for each of
 * its departments and DR&lt;id&gt; ("with subdepartments") for each of them and each department above them (the
 * intranet provider's codes).
 */
public final class AccessCodes {
    private static final Pattern USER = Pattern.compile("^U([0-9]{1,18})$");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** the group provider's groups an emulated portal has: its administrators (G2 is named by the other provider) */
    private static final Map<String, String> GROUPS = Map.of("G1", "Administrators");
    /** the "other" provider's codes, its names in English, in the provider's order (COtherAuthProvider::GetNames) */
    private static final Map<String, String> OTHER = orderedOther();

    private AccessCodes() {
    }

    /** The codes a user holds in the portal's structure. */
    public static List<String> of(User user, DepartmentStore structure) {
        List<String> codes = new ArrayList<>(List.of("U" + user.id(), "G2", "AU"));
        if (user.admin()) {
            codes.add("G1");
        }
        for (long department : user.departments()) {
            codes.add("D" + department);
            List<Long> above = structure.withAncestors(department);
            (above.isEmpty() ? List.of(department) : above).forEach(id -> codes.add("DR" + id));
        }
        return codes.stream().distinct().toList();
    }

    /**
     * CUser::CanAccess: G2 is everyone, AU every authorised user, any other code the user's own; no code, or only
     * empty ones, is false.
     */
    public static boolean holdsAny(User user, List<String> codes, DepartmentStore structure) {
        if (codes.contains("G2") || codes.contains("AU")) {
            return true;
        }
        List<String> held = of(user, structure);
        return codes.stream().map(String::trim).anyMatch(code -> !code.isEmpty() && held.contains(code));
    }

    /**
     * The names of the codes asked for, by provider as CAccess::GetNames collects them (groups, users, the other
     * codes), each with its provider's ID; a code no provider knows is left out, as the page says.
     */
    public static ObjectNode names(List<String> codes, UserStore users) {
        Map<String, ObjectNode> named = new LinkedHashMap<>();
        for (String code : codes) {
            Optional.ofNullable(GROUPS.get(code)).ifPresent(name -> named.put(code, name("User groups", name, "group")));
        }
        for (String code : codes) {
            Matcher user = USER.matcher(code);
            if (user.matches()) {
                users.get(Long.parseLong(user.group(1))).ifPresent(u -> named.put(code, name("Users", u.fullName(), "user")));
            }
        }
        OTHER.forEach((code, name) -> {
            if (codes.contains(code)) {
                named.put(code, name("", name, "other"));
            }
        });
        ObjectNode result = NODES.objectNode();
        named.forEach(result::set);
        return result;
    }

    /** A choice of the access dialog as the dialog hands it back (core_access.js AddSelection). */
    public record Choice(String provider, String id, String name) {
    }

    /**
     * What the portal's access dialog (BX24.selectAccess) offers a user, tab by tab (D190): the users (U&lt;id&gt;),
     * the departments' two choices each (D&lt;id&gt; its employees, DR&lt;id&gt; with its subdepartments'), then the
     * other provider's: the user themself, CR, G2, AU. The groups tab is not there (the widget's page disables it),
     * nor workgroups, which an emulated portal has none of.
     */
    public static List<Choice> dialog(UserStore users, DepartmentStore structure, User current) {
        List<Choice> choices = new ArrayList<>();
        users.all().stream().filter(User::active).forEach(u -> choices.add(new Choice("user", "U" + u.id(), u.fullName())));
        for (Department d : structure.all()) {
            choices.add(new Choice("intranet", "D" + d.id(), d.name() + ": All department employees"));
            choices.add(new Choice("intranet", "DR" + d.id(), d.name() + ": All department and subdepartment employees"));
        }
        choices.add(new Choice("other", "U" + current.id(), current.fullName()));
        OTHER.forEach((code, name) -> choices.add(new Choice("other", code, name)));
        return choices;
    }

    /** The codes of an ACCESS parameter: its scalar items, or a single value as the server wraps it into a list. */
    public static List<String> requested(JsonNode access) {
        List<String> codes = new ArrayList<>();
        if (access == null || access.isNull()) {
            return codes;
        }
        if (access.isContainerNode()) {
            access.forEach(item -> codes.add(item.isValueNode() ? item.asText() : ""));
        } else {
            codes.add(access.asText());
        }
        return codes;
    }

    private static ObjectNode name(String provider, String name, String providerId) {
        ObjectNode entry = NODES.objectNode();
        entry.put("provider", provider);
        entry.put("name", name);
        entry.put("provider_id", providerId);
        return entry;
    }

    private static Map<String, String> orderedOther() {
        Map<String, String> other = new LinkedHashMap<>();
        other.put("CR", "Author");
        other.put("G2", "All visitors");
        other.put("AU", "All authorized users");
        return java.util.Collections.unmodifiableMap(other);
    }
}
