package dev.b24emu.emulator.internal.users;

/**
 * A department of the company structure, as department.get shows it.
 *
 * @param sort   SORT: siblings are listed by it, then by name
 * @param parent PARENT: the department it belongs to; null for the one top-level department
 * @param head   UF_HEAD: the user heading it, or null
 */
public record Department(long id, String name, int sort, Long parent, Long head) {
    /** The sort of a department added without one, as an information block section gets. */
    public static final int DEFAULT_SORT = 500;
}
