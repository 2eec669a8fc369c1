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
     *
     * @param webhookRefusal what a webhook gets for a method the real server keeps for applications whatever the
     *                       portal's settings (event.*, placement.*)
     * @param v3 whether it is a REST 3.0 method, served only below /rest/api/ (a REST 2 method only outside it)
     */
    public record Method(String name, String scope, Set<String> alsoScopes, boolean appContextOnly,
                         Optional<Contracts.DocumentedError> webhookRefusal, boolean v3, RestMethod body) {
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
                contract.appContextOnly(), contract.webhookRefusal(), contract.v3(), body);
        if (methods.putIfAbsent(name.toLowerCase(Locale.ROOT), method) != null) {
            throw new IllegalStateException("Method registered twice: " + name);
        }
        return this;
    }

    /**
     * The method of that name in that REST version: "If /api/ is not specified, Bitrix24 will execute the method of
     * the old version of REST if it exists" (rest-v3.md), so a REST 3.0 method is not found on a REST 2 path, nor a
     * REST 2 one below /rest/api/.
     */
    /** A served method of either REST version (method.get reports both). */
    public Optional<Method> find(String name) {
        return Optional.ofNullable(methods.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<Method> find(String name, boolean v3) {
        return Optional.ofNullable(methods.get(name.toLowerCase(Locale.ROOT))).filter(m -> m.v3() == v3);
    }

    /** Every method, sorted by name, for the control API and the contract tests. */
    public Collection<Method> all() {
        Map<String, Method> sorted = new TreeMap<>();
        methods.values().forEach(m -> sorted.put(m.name(), m));
        return sorted.values();
    }
}
