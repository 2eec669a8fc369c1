package dev.b24emu.emulator.internal.users;

import java.util.List;
import java.util.Set;

/**
 * Which user fields a caller sees (api-reference/user/index.md, "User Data Access Levels"): the user scope sees every
 * field, user_basic basic information and contact details, user_brief no contact details. The lists are the real
 * server's (the rest module's user field sets), in its order; user.get, user.current and user.fields show a caller
 * the set of its highest user scope (specs/DECISIONS.md D54).
 */
public enum UserFieldSet {
    FULL(List.of()),
    BASIC(List.of("ID", "XML_ID", "ACTIVE", "NAME", "LAST_NAME", "SECOND_NAME", "TITLE", "EMAIL", "PERSONAL_PHONE",
            "WORK_PHONE", "WORK_POSITION", "WORK_COMPANY", "IS_ONLINE", "TIME_ZONE", "TIMESTAMP_X", "DATE_REGISTER",
            "LAST_ACTIVITY_DATE", "PERSONAL_PROFESSION", "PERSONAL_GENDER", "PERSONAL_BIRTHDAY", "PERSONAL_PHOTO",
            "PERSONAL_FAX", "PERSONAL_MOBILE", "PERSONAL_PAGER", "PERSONAL_STREET", "PERSONAL_MAILBOX", "PERSONAL_CITY",
            "PERSONAL_STATE", "PERSONAL_ZIP", "PERSONAL_COUNTRY", "PERSONAL_NOTES", "WORK_DEPARTMENT", "WORK_WWW",
            "WORK_FAX", "WORK_PAGER", "WORK_STREET", "WORK_MAILBOX", "WORK_CITY", "WORK_STATE", "WORK_ZIP",
            "WORK_COUNTRY", "WORK_PROFILE", "WORK_LOGO", "WORK_NOTES", "UF_DEPARTMENT", "UF_DISTRICT", "UF_SKYPE",
            "UF_SKYPE_LINK", "UF_ZOOM", "UF_TWITTER", "UF_FACEBOOK", "UF_LINKEDIN", "UF_XING", "UF_WEB_SITES",
            "UF_PHONE_INNER", "UF_EMPLOYMENT_DATE", "UF_TIMEMAN", "UF_SKILLS", "UF_INTERESTS", "USER_TYPE")),
    BRIEF(List.of("ID", "XML_ID", "ACTIVE", "NAME", "LAST_NAME", "SECOND_NAME", "TITLE", "IS_ONLINE", "TIME_ZONE",
            "TIMESTAMP_X", "DATE_REGISTER", "PERSONAL_PROFESSION", "PERSONAL_GENDER", "PERSONAL_BIRTHDAY",
            "PERSONAL_PHOTO", "PERSONAL_CITY", "PERSONAL_STATE", "PERSONAL_COUNTRY", "WORK_POSITION", "WORK_CITY",
            "WORK_STATE", "WORK_COUNTRY", "LAST_ACTIVITY_DATE", "UF_EMPLOYMENT_DATE", "UF_TIMEMAN", "UF_SKILLS",
            "UF_INTERESTS", "UF_DEPARTMENT", "UF_PHONE_INNER", "USER_TYPE"));

    /** the fields in the server's order; empty for FULL, which shows every field */
    private final List<String> fields;

    UserFieldSet(List<String> fields) {
        this.fields = fields;
    }

    /**
     * The set of a caller's scopes: user sees everything; user_basic and user_brief their lists. A caller without
     * any user scope reaches only methods that need none (user.current, profile) and sees everything, as before.
     */
    public static UserFieldSet of(Set<String> scopes) {
        if (scopes.contains("user")) {
            return FULL;
        }
        if (scopes.contains("user_basic")) {
            return BASIC;
        }
        return scopes.contains("user_brief") ? BRIEF : FULL;
    }

    public boolean shows(String field) {
        return this == FULL || fields.contains(field);
    }

    /** The fields in the server's order (empty for FULL). */
    public List<String> fields() {
        return fields;
    }
}
