package dev.b24emu.emulator.internal.rest;

import dev.b24emu.specs.Contracts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

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
    /** the areas whose methods are not added yet, each with how its names begin (guarded by this) */
    private final List<Later> later = new ArrayList<>();
    private volatile boolean allAdded = true;
    /** the beginnings of the names the area being added declared, while it adds them (guarded by this) */
    private List<String> adding;
    /** the names an area added that begin with none of its declared beginnings (guarded by this) */
    private final Set<String> misplaced = new TreeSet<>();

    /** An area's methods, added when first needed. */
    private record Later(List<String> prefixes, Consumer<MethodTable> adds) {
        boolean mayHave(String lowerCased) {
            return prefixes.stream().anyMatch(lowerCased::startsWith);
        }
    }

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
        synchronized (this) {
            if (adding != null && adding.stream().noneMatch(name.toLowerCase(Locale.ROOT)::startsWith)) {
                misplaced.add(name);
            }
        }
        return this;
    }

    /**
     * Adds an area's methods when a name one of the prefixes begins is first looked for, or one found nowhere else:
     * a start then makes none of the few hundred classes its method references need (a tenth of a cold start), and a
     * suite makes only those of the areas it calls.
     */
    public synchronized MethodTable addWhenAsked(List<String> prefixes, Consumer<MethodTable> adds) {
        later.add(new Later(List.copyOf(prefixes), adds));
        allAdded = false;
        return this;
    }

    private Method lookup(String lowerCased) {
        Method method = methods.get(lowerCased);
        if (method != null || allAdded) {
            return method;
        }
        synchronized (this) {
            addLater(area -> area.mayHave(lowerCased));
            method = methods.get(lowerCased);
            if (method == null) { // named by no area's prefixes: an unknown method, once every area is asked
                addLater(area -> true);
                method = methods.get(lowerCased);
            }
            return method;
        }
    }

    /** Adds the waiting areas' methods that pass the test. */
    private synchronized void addLater(Predicate<Later> which) {
        for (Iterator<Later> it = later.iterator(); it.hasNext(); ) {
            Later area = it.next();
            if (which.test(area)) {
                it.remove();
                adding = area.prefixes();
                try {
                    area.adds().accept(this);
                } finally {
                    adding = null;
                }
            }
        }
        allAdded = later.isEmpty();
    }

    /** The names an area added that begin with none of the beginnings it declared, once every area is added. */
    public synchronized Set<String> misplaced() {
        addLater(area -> true);
        return Set.copyOf(misplaced);
    }

    /**
     * The method of that name in that REST version: "If /api/ is not specified, Bitrix24 will execute the method of
     * the old version of REST if it exists" (rest-v3.md), so a REST 3.0 method is not found on a REST 2 path, nor a
     * REST 2 one below /rest/api/.
     */
    /** A served method of either REST version (method.get reports both). */
    public Optional<Method> find(String name) {
        return Optional.ofNullable(lookup(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<Method> find(String name, boolean v3) {
        return Optional.ofNullable(lookup(name.toLowerCase(Locale.ROOT))).filter(m -> m.v3() == v3);
    }

    /** Every method, sorted by name, for the control API and the contract tests. */
    public Collection<Method> all() {
        if (!allAdded) {
            addLater(area -> true);
        }
        Map<String, Method> sorted = new TreeMap<>();
        methods.values().forEach(m -> sorted.put(m.name(), m));
        return sorted.values();
    }
}
