package dev.b24emu.emulator.internal.rest;

import dev.b24emu.specs.Contracts;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The served REST methods by lower-cased name (the real server lower-cases method names, so lookups ignore case).
 * A method's scope, whether the docs reserve it for applications, and its documented name come from its contract in
 * specs/, so they are declared once: a method without a contract cannot be served.
 */
public final class MethodTable {
    /**
     * A served method: its documented name, the scope it belongs to ("" for none), the other scopes that grant it
     * too, and its body.
     */
    public record Method(String name, String scope, Set<String> alsoScopes, boolean appContextOnly, RestMethod body) {
        /** Whether a caller with these scopes may call it: a method without a scope is for everyone. */
        public boolean grantedBy(Set<String> scopes) {
            return scope.isEmpty() || scopes.contains(scope) || alsoScopes.stream().anyMatch(scopes::contains);
        }
    }

    private final Contracts contracts;
    /** maps the lower-cased method name to the method */
    private final Map<String, Method> methods = new ConcurrentHashMap<>();

    public MethodTable(Contracts contracts) {
        this.contracts = contracts;
    }

    public MethodTable add(String name, RestMethod body) {
        Contracts.MethodContract contract = contracts.method(name).orElseThrow(() ->
                new IllegalStateException("Method " + name + " has no contract in specs/ (b24-specs/index.json)"));
        Method method = new Method(contract.method(), contract.scope(), Set.copyOf(contract.alsoScopes()),
                contract.appContextOnly(), body);
        if (methods.putIfAbsent(name.toLowerCase(Locale.ROOT), method) != null) {
            throw new IllegalStateException("Method registered twice: " + name);
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
