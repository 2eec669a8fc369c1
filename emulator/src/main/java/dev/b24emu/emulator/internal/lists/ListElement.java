package dev.b24emu.emulator.internal.lists;

import java.util.Map;

/**
 * One element of a list (b_iblock_element with its property values).
 *
 * @param sectionId  IBLOCK_SECTION_ID, 0 for none
 * @param fields     the list's element fields it has a value of (DATE_CREATE, SORT, …), as written
 * @param properties maps PROPERTY_n to its values, each under the value's own ID ("3743" → "1269"), in order
 */
public record ListElement(long id, long listId, String code, String name, long sectionId, long createdBy,
                          Map<String, String> fields, Map<String, Map<String, String>> properties) {
    public ListElement {
        // read-only, so a state export may write them after the portal's lock is released
        fields = Lists.frozen(fields);
        Map<String, Map<String, String>> values = new java.util.LinkedHashMap<>();
        (properties == null ? Map.<String, Map<String, String>>of() : properties).forEach((property, byId) -> values.put(property, Lists.frozen(byId)));
        properties = java.util.Collections.unmodifiableMap(values);
    }
}
