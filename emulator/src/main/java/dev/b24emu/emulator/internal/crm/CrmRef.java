package dev.b24emu.emulator.internal.crm;

/** A pointer to one CRM object: what calls, bindings and created-entity lists hold. */
public record CrmRef(CrmEntityType type, long id) {
}
