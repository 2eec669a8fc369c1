package dev.b24emu.emulator.internal.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.transport.Params;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Users in and out of JSON, with the field names of user.get (seed files and the control API use them too). */
public final class UserFields {
    /**
     * The profile fields user.update writes beside the ones a User keeps apart (NAME, LAST_NAME, EMAIL, ACTIVE, the
     * phones, UF_PHONE_INNER, UF_DEPARTMENT): the page's table (api-reference/user/user-update.md); custom UF_USR_*
     * fields are written too (api-reference/user/index.md).
     */
    public static final Set<String> PROFILE_FIELDS = Set.of("SECOND_NAME", "PERSONAL_GENDER", "PERSONAL_PROFESSION",
            "PERSONAL_WWW", "PERSONAL_BIRTHDAY", "PERSONAL_ICQ", "PERSONAL_FAX", "PERSONAL_PAGER", "PERSONAL_STREET",
            "PERSONAL_CITY", "PERSONAL_STATE", "PERSONAL_ZIP", "PERSONAL_COUNTRY", "PERSONAL_MAILBOX", "PERSONAL_NOTES",
            "WORK_COMPANY", "WORK_POSITION", "WORK_DEPARTMENT", "WORK_WWW", "WORK_FAX", "WORK_PAGER", "WORK_STREET",
            "WORK_MAILBOX", "WORK_CITY", "WORK_STATE", "WORK_ZIP", "WORK_COUNTRY", "WORK_PROFILE", "WORK_NOTES",
            "UF_SKYPE_LINK", "UF_ZOOM", "UF_INTERESTS", "UF_SKILLS", "UF_WEB_SITES", "UF_XING", "UF_LINKEDIN",
            "UF_FACEBOOK", "UF_TWITTER", "UF_SKYPE", "UF_DISTRICT");
    /** The fields user.update writes that a User keeps apart from its profile. */
    public static final Set<String> OWN_FIELDS = Set.of("NAME", "LAST_NAME", "EMAIL", "ACTIVE", "UF_PHONE_INNER",
            "WORK_PHONE", "PERSONAL_PHONE", "PERSONAL_MOBILE", "UF_DEPARTMENT");
    /**
     * Profile fields only seeds, the control API and the portal itself set: user.update does not write them
     * (DATE_REGISTER when the user was added or invited, LAST_LOGIN from the first login on, LAST_ACTIVITY_DATE from
     * every login, UF_EMPLOYMENT_DATE).
     */
    private static final Set<String> SEED_ONLY_FIELDS = Set.of("TIME_ZONE", "DATE_REGISTER", "LAST_LOGIN",
            "LAST_ACTIVITY_DATE", "UF_EMPLOYMENT_DATE");
    /**
     * How long a user stays online after their last activity: UserTable::getSecondsForLimitOnline, PHP's
     * session.gc_maxlifetime, whose default is 1440 seconds (D157).
     */
    public static final Duration ONLINE_FOR = Duration.ofSeconds(1440);
    /** LAST_ACTIVITY_DATE as the user.current example writes it: the database's own form, in the portal's zone. */
    public static final DateTimeFormatter ACTIVITY_FORM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /**
     * The fields user.get answers whether the user has them ("" when not, D157): an empty one is not kept, so reading
     * a user back from its answer (user.update, the control API) stores no more than it had.
     */
    private static final Set<String> ALWAYS_ANSWERED = Set.of("LAST_LOGIN", "DATE_REGISTER", "PERSONAL_BIRTHDAY",
            "UF_EMPLOYMENT_DATE");
    private static final Set<String> USER_TYPES = Set.of("employee", "extranet", "email");
    private static final Map<String, String> LABELS = labels();

    private UserFields() {
    }

    /** Whether a name is a user field (user.fields' codes, what user.update writes, the type): what a filter may name. */
    public static boolean known(String field) {
        return LABELS.containsKey(field) || writable(field) || field.equals("ID") || field.equals("USER_TYPE");
    }

    /** Whether user.update writes the field (page table, UF_USR_* custom fields). */
    public static boolean writable(String field) {
        return OWN_FIELDS.contains(field) || PROFILE_FIELDS.contains(field) || field.startsWith("UF_USR_");
    }

    public static User parse(JsonNode fields, long idWhenAbsent) {
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException("A user must be a JSON object");
        }
        long id = fields.has("ID") ? Params.phpInt(fields.get("ID")) : idWhenAbsent;
        if (id <= 0) {
            throw new IllegalArgumentException("User ID must be a positive integer");
        }
        JsonNode active = fields.get("ACTIVE");
        Map<String, String> profile = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (PROFILE_FIELDS.contains(name) || SEED_ONLY_FIELDS.contains(name) || name.startsWith("UF_USR_")) {
                Params.scalarText(field.getValue())
                        .filter(value -> !value.isEmpty() || !ALWAYS_ANSWERED.contains(name))
                        .ifPresent(value -> profile.put(name, value));
            }
        }
        String userType = text(fields, "USER_TYPE");
        if (USER_TYPES.contains(userType)) {
            profile.put("USER_TYPE", userType);
        }
        return new User(id, text(fields, "NAME"), text(fields, "LAST_NAME"), text(fields, "EMAIL"),
                active == null || Params.phpTruthy(active) && !"N".equalsIgnoreCase(active.asText()),
                text(fields, "UF_PHONE_INNER"), text(fields, "WORK_PHONE"), text(fields, "PERSONAL_PHONE"),
                text(fields, "PERSONAL_MOBILE"), timeman(fields.get("TIMEMAN_STATUS")),
                fields.has("IS_ADMIN") && Params.phpTruthy(fields.get("IS_ADMIN")), profile,
                departments(fields.get("UF_DEPARTMENT")));
    }

    /**
     * A user as user.get and user.current return it. Beside the fields the user has, those the server's getUserData
     * always writes (D157): the dates it converts, "" when empty (LAST_LOGIN, DATE_REGISTER, PERSONAL_BIRTHDAY, the
     * date field UF_EMPLOYMENT_DATE), and IS_ONLINE, which CUser computes ("N" here: a record is no moment; see
     * {@link #toJson(User, UserFieldSet, Instant, ZoneId)}).
     */
    public static ObjectNode toJson(User user) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("ID", Long.toString(user.id()));
        json.put("ACTIVE", user.active());
        json.put("NAME", user.name());
        json.put("LAST_NAME", user.lastName());
        json.put("EMAIL", user.email());
        json.put("LAST_LOGIN", "");
        json.put("DATE_REGISTER", "");
        json.put("IS_ONLINE", "N");
        json.put("PERSONAL_PHONE", user.personalPhone());
        json.put("PERSONAL_MOBILE", user.personalMobile());
        json.put("PERSONAL_BIRTHDAY", "");
        json.put("WORK_PHONE", user.workPhone());
        json.put("UF_PHONE_INNER", user.innerPhone());
        json.put("UF_EMPLOYMENT_DATE", "");
        user.profile().forEach((name, value) -> { // in place of the empty defaults above
            if (!name.equals("USER_TYPE")) {
                json.put(name, value);
            }
        });
        json.put("USER_TYPE", user.profile().getOrDefault("USER_TYPE", "employee"));
        ArrayNode departments = json.putArray("UF_DEPARTMENT");
        user.departments().forEach(departments::add);
        return json;
    }

    /**
     * A user as a caller with these field rights sees it now (user_brief sees no contact details): IS_ONLINE "Y" while
     * LAST_ACTIVITY_DATE is less than {@link #ONLINE_FOR} ago, as CUser's IS_ONLINE expression computes it.
     */
    public static ObjectNode toJson(User user, UserFieldSet visible, Instant now, ZoneId zone) {
        ObjectNode json = toJson(user);
        json.put("IS_ONLINE", online(user, now, zone) ? "Y" : "N");
        List<String> hidden = new ArrayList<>();
        json.fieldNames().forEachRemaining(name -> {
            if (!visible.shows(name)) {
                hidden.add(name);
            }
        });
        json.remove(hidden);
        return json;
    }

    /**
     * Whether the user was active less than {@link #ONLINE_FOR} before now (a login is activity), in whole seconds
     * as the database compares LAST_ACTIVITY_DATE with its NOW(): the stored date has no fraction, so a fraction of
     * now would end the 1440 seconds up to a second early.
     */
    public static boolean online(User user, Instant clockNow, ZoneId zone) {
        Instant now = clockNow.truncatedTo(ChronoUnit.SECONDS);
        return lastActivity(user, zone)
                .filter(instant -> !instant.isAfter(now) && instant.plus(ONLINE_FOR).isAfter(now)).isPresent();
    }

    /** When the user was last active (LAST_ACTIVITY_DATE in the portal's zone), or empty when never or unreadable. */
    public static Optional<Instant> lastActivity(User user, ZoneId zone) {
        String last = user.profileField("LAST_ACTIVITY_DATE");
        if (last.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(last, ACTIVITY_FORM).atZone(zone).toInstant());
        } catch (DateTimeParseException notTheDatabaseForm) { // a seed may write it as any date strtotime reads
            return PhpDates.strtotime(last, zone);
        }
    }

    /** Everything a user is, in user.get names plus TIMEMAN_STATUS and IS_ADMIN: what {@link #parse} reads back. */
    public static ObjectNode toRecord(User user) {
        return toJson(user).put("TIMEMAN_STATUS", user.timemanStatus().name()).put("IS_ADMIN", user.admin());
    }

    /** user.fields: field code => label, in the page's order, for the fields the caller may see. */
    public static ObjectNode labels(UserFieldSet visible) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        List<String> order = visible == UserFieldSet.FULL ? List.copyOf(LABELS.keySet()) : visible.fields();
        for (String field : order) {
            if (LABELS.containsKey(field)) {
                json.put(field, LABELS.get(field));
            }
        }
        return json;
    }

    private static String text(JsonNode fields, String name) {
        return Params.scalarText(fields.get(name)).orElse("");
    }

    /** UF_DEPARTMENT: a list of IDs, or one ID the server wraps into a list; absent is the root department. */
    private static List<Long> departments(JsonNode value) {
        if (value == null || value.isNull()) {
            return User.ROOT_DEPARTMENT;
        }
        List<Long> ids = new ArrayList<>();
        for (String id : Params.scalars(value)) {
            long department = Params.phpInt(JsonNodeFactory.instance.textNode(id));
            if (department > 0) {
                ids.add(department);
            }
        }
        return ids;
    }

    private static User.TimemanStatus timeman(JsonNode value) {
        if (value == null || value.isNull()) {
            return User.TimemanStatus.UNAVAILABLE;
        }
        try {
            return User.TimemanStatus.valueOf(value.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "TIMEMAN_STATUS must be one of OPENED, CLOSED, PAUSED, EXPIRED, UNAVAILABLE, NOT_INSTALLED");
        }
    }

    private static Map<String, String> labels() {
        try (InputStream in = UserFields.class.getResourceAsStream("/dev/b24emu/emulator/users/user.fields.json")) {
            JsonNode fields = new ObjectMapper().readTree(in).get("fields");
            Map<String, String> labels = new LinkedHashMap<>();
            fields.fields().forEachRemaining(field -> labels.put(field.getKey(), field.getValue().asText()));
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("user.fields.json is part of the emulator", e);
        }
    }
}
