package dev.b24emu.emulator.internal.products;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Product rows are bounded by owners and by their text (D118), the newest set staying even alone. */
class ProductRowStoreTest {
    private static List<ProductRow> rows(ProductRowStore store, long deal, int count, int nameLength) {
        List<ProductRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new ProductRow(store.nextId(), "D", deal, 0, "n".repeat(nameLength), BigDecimal.TEN, BigDecimal.TEN,
                    BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE, 2, BigDecimal.ZERO, BigDecimal.ZERO, null, false, 796,
                    "pcs", 10));
        }
        return rows;
    }

    @Test
    void pastTheOwnersCountTheOwnerWrittenLongestAgoLosesItsRows() {
        ProductRowStore store = new ProductRowStore(3);
        for (long deal = 1; deal <= 4; deal++) {
            store.replace("D", deal, rows(store, deal, 1, 5));
        }
        assertEquals(0, store.of("D", 1).size());
        assertEquals(1, store.of("D", 4).size());
    }

    @Test
    void pastTheTextTheOldestOwnersGoAndTheNewestStaysAlone() {
        ProductRowStore store = new ProductRowStore(100); // 80,000 characters
        store.replace("D", 1, rows(store, 1, 2, 10));
        store.replace("D", 2, rows(store, 2, 2, 10));
        store.replace("D", 3, rows(store, 3, 100, 500)); // 100 rows of over 500 characters: 50,000 and more
        assertEquals(2, store.of("D", 1).size(), "within the text, every owner stays");
        store.replace("D", 4, rows(store, 4, 100, 500));
        assertEquals(0, store.of("D", 1).size());
        assertEquals(0, store.of("D", 2).size());
        assertEquals(0, store.of("D", 3).size(), "the set written longest ago went");
        assertEquals(100, store.of("D", 4).size());

        store.replace("D", 5, rows(store, 5, 1_000, 500));
        assertEquals(1_000, store.of("D", 5).size(), "the newest stays even alone past the bound");
        assertEquals(0, store.of("D", 4).size());
        store.replace("D", 5, List.of());
        store.replace("D", 6, rows(store, 6, 2, 10));
        store.replace("D", 7, rows(store, 7, 2, 10));
        assertEquals(2, store.of("D", 6).size(), "a set replaced by none weighs nothing");
    }
}
