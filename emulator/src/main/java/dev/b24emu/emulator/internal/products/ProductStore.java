package dev.b24emu.emulator.internal.products;

import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CRM catalogue's products of one portal, kept in state files. Bounded as the CRM objects made at run time are
 * (--max-crm-objects): past the count a new product drops the oldest.
 */
public final class ProductStore implements Store<ProductStore.Snapshot> {
    /** maps a product's ID to the product, by ID */
    private final Map<Long, Product> products = new ConcurrentSkipListMap<>();
    /** the last ID given: IDs are never reused */
    private final AtomicLong lastId = new AtomicLong();
    private final int maxProducts;

    /** What state files keep: the products and the last ID given. */
    public record Snapshot(List<Product> products, long lastId) {
    }

    public ProductStore(int maxProducts) {
        this.maxProducts = Math.max(1, maxProducts);
    }

    public Optional<Product> get(long id) {
        return Optional.ofNullable(products.get(id));
    }

    public Collection<Product> all() {
        return products.values();
    }

    long nextId() {
        return lastId.incrementAndGet();
    }

    synchronized void put(Product product) {
        products.put(product.id(), product);
        while (products.size() > maxProducts) {
            products.remove(products.keySet().iterator().next());
        }
    }

    @Override
    public void clear() {
        products.clear();
        lastId.set(0);
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(products.values()), lastId.get());
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/products/products", snapshot.products(),
                p -> p.id() > 0 && p.id() <= snapshot.lastId() && p.name() != null && !p.name().isBlank(),
                "a product needs an ID up to lastId and a name", "id", Product::id);
    }

    @Override
    public void restore(Snapshot snapshot) {
        if (snapshot.products() != null) {
            snapshot.products().forEach(p -> products.put(p.id(), p));
        }
        lastId.set(snapshot.lastId());
    }
}
