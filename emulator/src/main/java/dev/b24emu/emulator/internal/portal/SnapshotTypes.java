package dev.b24emu.emulator.internal.portal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Each store class's snapshot type, read once from the type argument it implements {@link Store} with: a store names
 * what state files keep of it in its declaration, and nowhere else.
 */
final class SnapshotTypes {
    private static final ClassValue<Class<?>> TYPES = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> store) {
            for (Type type : store.getGenericInterfaces()) {
                if (type instanceof ParameterizedType implemented && implemented.getRawType() == Store.class
                        && implemented.getActualTypeArguments()[0] instanceof Class<?> snapshot) {
                    return snapshot;
                }
            }
            throw new IllegalStateException(store.getName() + " must implement Store<its snapshot record> or Store<Void>");
        }
    };

    private SnapshotTypes() {
    }

    /** The snapshot type of a store class, or null for one of live state (Store<Void>). */
    @SuppressWarnings("unchecked")
    static <S> Class<S> of(Class<?> store) {
        Class<?> snapshot = TYPES.get(store);
        return snapshot == Void.class ? null : (Class<S>) snapshot;
    }
}
