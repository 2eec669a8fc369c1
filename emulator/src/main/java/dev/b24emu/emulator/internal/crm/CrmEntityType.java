package dev.b24emu.emulator.internal.crm;

import java.util.Locale;
import java.util.Optional;

/** The CRM object types telephony binds calls to, with the owner type IDs of crm.enum.ownertype. */
public enum CrmEntityType {
    LEAD(1), DEAL(2), CONTACT(3), COMPANY(4);

    private final int ownerTypeId;

    CrmEntityType(int ownerTypeId) {
        this.ownerTypeId = ownerTypeId;
    }

    public int ownerTypeId() {
        return ownerTypeId;
    }

    public static Optional<CrmEntityType> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public static Optional<CrmEntityType> byOwnerTypeId(long id) {
        for (CrmEntityType type : values()) {
            if (type.ownerTypeId == id) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
