package dev.b24emu.emulator.internal.lists.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.lists.ListSeed;
import dev.b24emu.emulator.internal.lists.ListStore;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;

import java.util.List;

/**
 * Universal lists (lists.*): the lists a call-card widget checks a promo code in and an autodialer keeps its campaigns
 * in; seeded with the IDs an integration names ("lists" in a seed).
 */
public final class ListsArea implements Area {
    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("lists", ListStore.class, portal -> new ListStore(portal.bounds().crmObjects(),
                portal.bounds().crmMegabytes())));
    }

    @Override
    public List<SeedSection> seedSections() {
        return List.of(ListSeed.section());
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("lists.");
    }

    @Override
    public void methods(MethodTable methods) {
        ListMethods.register(methods);
    }
}
