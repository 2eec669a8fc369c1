package dev.b24emu.emulator.internal.transport;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The served REST methods by lower-cased name: the real server lower-cases method names, so lookups ignore case. */
public final class MethodRegistry {
    /** A served method: its name as documented, the scope it needs ("" for none) and its body. */
    public record Method(String name, String scope, boolean appContextOnly, RestMethod body) {
    }

    /** maps the lower-cased method name to the method */
    private final Map<String, Method> methods = new ConcurrentHashMap<>();

    public MethodRegistry add(String name, String scope, RestMethod body) {
        return add(new Method(name, scope, false, body));
    }

    /** A method the docs reserve for applications; webhooks get WRONG_AUTH_TYPE when the portal enforces it. */
    public MethodRegistry addAppContext(String name, String scope, RestMethod body) {
        return add(new Method(name, scope, true, body));
    }

    private MethodRegistry add(Method method) {
        if (methods.putIfAbsent(method.name().toLowerCase(Locale.ROOT), method) != null) {
            throw new IllegalStateException("Method registered twice: " + method.name());
        }
        return this;
    }

    public Optional<Method> find(String name) {
        return Optional.ofNullable(methods.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every method, sorted by name, for the control API and the contract tests. */
    public Collection<Method> all() {
        Map<String, Method> sorted = new TreeMap<>();
        methods.values().forEach(m -> sorted.put(m.name(), m));
        return sorted.values();
    }
}
