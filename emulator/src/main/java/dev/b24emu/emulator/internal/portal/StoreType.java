package dev.b24emu.emulator.internal.portal;

import java.util.function.Function;

/**
 * How a portal makes one of its stores: the store's name (its section in state files) and its factory.
 *
 * @param <T> the store class, by which {@link Portal#store(Class)} finds it
 */
public record StoreType<T extends Store<?>>(String name, Class<T> type, Function<Portal, T> factory) {
    public static <T extends Store<?>> StoreType<T> of(String name, Class<T> type, Function<Portal, T> factory) {
        return new StoreType<>(name, type, factory);
    }
}
