package dev.b24emu.emulator.internal.lists;

import java.util.Map;

/**
 * One field of a list: NAME and the other element fields a list may show (DATE_CREATE, SORT, …), or a property
 * (PROPERTY_n, b_iblock_property).
 *
 * @param fieldId    NAME, a system field's code, or PROPERTY_ and the property's ID
 * @param propertyId the property's ID, 0 for an element field
 * @param type       S, N, L, F, E, G, S:Date, S:HTML…, or a system field's code
 * @param enums      an L field's values: maps each value's ID to its text, in order
 */
public record ListField(long listId, String fieldId, long propertyId, String name, String type, boolean required,
                        boolean multiple, long sort, String code, String defaultValue, Map<String, String> enums) {
    public ListField {
        enums = Lists.frozen(enums); // read-only, so a state export may write it after the portal's lock is released
    }

    /** Whether it is a property (PROPERTY_n) rather than one of the element's own fields. */
    @com.fasterxml.jackson.annotation.JsonIgnore // not a field of the state: written, a state with a list did not load
    public boolean isProperty() {
        return propertyId > 0;
    }
}
