package dev.b24emu.emulator.internal.products.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.products.ProductRowStore;
import dev.b24emu.emulator.internal.products.ProductStore;
import dev.b24emu.emulator.internal.rest.MethodTable;

import java.util.List;

/**
 * Products: the CRM catalogue (crm.product.add, .get, .list; catalog.catalog.list and catalog.product.list, the new
 * catalogue's view of it) and the product rows of deals and leads
 * (crm.deal.productrows.set, .get, crm.lead.productrows.set, .get), which a call-analysis tool fills with what a
 * call's transcript names; a set makes the owner's OPPORTUNITY the rows' sum (its update event).
 */
public final class ProductsArea implements Area {
    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("products", ProductStore.class,
                        portal -> new ProductStore(portal.bounds().crmObjects())),
                StoreType.of("productRows", ProductRowStore.class,
                        portal -> new ProductRowStore(portal.bounds().crmObjects())));
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("crm.product", "crm.deal.productrows", "crm.lead.productrows", "catalog.");
    }

    @Override
    public void methods(MethodTable methods) {
        new ProductMethods().register(methods);
        new ProductRowMethods().register(methods);
        new CatalogMethods().register(methods);
    }
}
