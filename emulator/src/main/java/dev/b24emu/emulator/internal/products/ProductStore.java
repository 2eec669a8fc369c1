package dev.b24emu.emulator.internal.products;

import dev.b24emu.emulator.internal.portal.IdTable;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The CRM catalogue's products of one portal, kept in state files. Bounded as the CRM objects made at run time are
 * (--max-crm-objects): past the count a new product drops the oldest.
 */
public final class ProductStore implements Store<ProductStore.Snapshot> {
    /** the products by ID, and the last ID given */
    private final IdTable<Product> products;

    /** What state files keep: the products and the last ID given. */
    public record Snapshot(List<Product> products, long lastId) {
    }

    public ProductStore(int maxProducts) {
        this.products = new IdTable<>(maxProducts, Product::id);
    }

    public Optional<Product> get(long id) {
        return products.get(id);
    }

    public Collection<Product> all() {
        return products.all();
    }

    long nextId() {
        return products.nextId();
    }

    void put(Product product) {
        products.put(product);
    }

    @Override
    public void clear() {
        products.clear();
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(products.items(), products.lastId());
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/products/products", snapshot.products(),
                p -> p.id() > 0 && p.id() <= snapshot.lastId() && p.name() != null && !p.name().isBlank(),
                "a product needs an ID up to lastId and a name", "id", Product::id);
    }

    @Override
    public void restore(Snapshot snapshot) {
        products.restore(snapshot.products(), snapshot.lastId());
    }
}
