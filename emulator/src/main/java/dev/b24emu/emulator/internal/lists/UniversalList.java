package dev.b24emu.emulator.internal.lists;

/**
 * One universal list (an information block of a lists type, b_iblock), as lists.add made it or a seed gave it.
 *
 * @param typeId    IBLOCK_TYPE_ID: "lists", "bitrix_processes", "lists_socnet", or a type the portal's lists settings
 *                  added (an autodialer's "asesorest24")
 * @param code      IBLOCK_CODE, unique among all lists
 * @param timestamp when it was last changed, as the site's format writes it ("12/06/2026 10:15:00 am")
 */
public record UniversalList(long id, String typeId, String code, String name, String description, long sort,
                           String bizproc, String timestamp, long createdBy) {
}
