package dev.b24emu.emulator.internal.users;

import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * The employees of one portal. Reads are lock-free; writes are synchronized and re-index only the user they change,
 * so importing 200,000 users costs the same per user as importing ten.
 */
public final class UserStore implements Store<UserStore.Snapshot> {
    /** The seed field of the users (user.get field names, plus TIMEMAN_STATUS and IS_ADMIN). */
    public static final String SEED_FIELD = "users";

    /** maps user ID to User, in ID order for user.get */
    private final ConcurrentSkipListMap<Long, User> users = new ConcurrentSkipListMap<>();
    /** maps an inner number (UF_PHONE_INNER) to the IDs of the active users who have it, lowest first */
    private final Map<String, Set<Long>> activeByInnerPhone = new ConcurrentHashMap<>();
    /** maps the match key of any user phone (work, personal, mobile) to the IDs of their active owners */
    private final Map<String, Set<Long>> activeByAnyPhone = new ConcurrentHashMap<>();

    /** What state files keep: every user. */
    public record Snapshot(List<User> users) {
    }

    public synchronized void put(User user) {
        User before = users.put(user.id(), user);
        if (before != null) {
            unindex(before);
        }
        index(user);
    }

    /**
     * Changes one user at once for every reader: user.get, user.current, profile and the telephony look-ups by inner
     * number and phone see the changed user as soon as this returns. Empty when there is no such user.
     */
    public synchronized Optional<User> update(long id, UnaryOperator<User> change) {
        User current = users.get(id);
        if (current == null) {
            return Optional.empty();
        }
        User changed = change.apply(current);
        put(changed);
        return Optional.of(changed);
    }

    /**
     * Adds a user under the next free ID unless another user has the e-mail (compared without case); empty when the
     * e-mail is taken.
     */
    public synchronized Optional<User> addWithUniqueEmail(String email, LongFunction<User> create) {
        boolean taken = users.values().stream().anyMatch(user -> user.email() != null && user.email().equalsIgnoreCase(email));
        if (taken) {
            return Optional.empty();
        }
        User user = create.apply(nextId());
        put(user);
        return Optional.of(user);
    }

    @Override
    public synchronized void clear() {
        users.clear();
        activeByInnerPhone.clear();
        activeByAnyPhone.clear();
    }

    public Optional<User> get(long id) {
        return Optional.ofNullable(users.get(id));
    }

    /** An active user of the portal, or an IllegalArgumentException (the control API's 400) naming the parameter. */
    public User requireActive(long id, String parameter) {
        return get(id).filter(User::active)
                .orElseThrow(() -> new IllegalArgumentException(parameter + " must be an active user of the portal"));
    }

    public Optional<User> activeByInnerPhone(String innerPhone) {
        return first(activeByInnerPhone.get(innerPhone.trim()));
    }

    /** The active user one of whose phones matches the number: calls to such numbers are internal. */
    public Optional<User> activeOwnerOf(String phone) {
        Optional<User> owner = first(activeByAnyPhone.get(PhoneNumbers.matchKey(phone)));
        return owner.isPresent() ? owner : activeByInnerPhone(phone);
    }

    public Collection<User> all() {
        return List.copyOf(users.values());
    }

    public long nextId() {
        return users.isEmpty() ? 1 : users.lastKey() + 1;
    }

    /** The first user (the portal's creator): who seeded CRM objects are created by. */
    public Optional<User> first() {
        return users.isEmpty() ? Optional.empty() : Optional.of(users.firstEntry().getValue());
    }

    private Optional<User> first(Set<Long> ids) {
        if (ids == null) {
            return Optional.empty();
        }
        return ids.stream().sorted().findFirst().flatMap(this::get);
    }

    private void index(User user) {
        if (!user.active()) {
            return;
        }
        if (notBlank(user.innerPhone())) {
            activeByInnerPhone.computeIfAbsent(user.innerPhone().trim(), k -> ConcurrentHashMap.newKeySet()).add(user.id());
        }
        for (String key : phoneKeys(user)) {
            activeByAnyPhone.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(user.id());
        }
    }

    private void unindex(User user) {
        if (notBlank(user.innerPhone())) {
            remove(activeByInnerPhone, user.innerPhone().trim(), user.id());
        }
        for (String key : phoneKeys(user)) {
            remove(activeByAnyPhone, key, user.id());
        }
    }

    private static void remove(Map<String, Set<Long>> index, String key, long id) {
        index.computeIfPresent(key, (k, ids) -> {
            ids.remove(id);
            return ids.isEmpty() ? null : ids;
        });
    }

    /** Match keys of the user's own phones; short ones (extensions) are not matched as client numbers. */
    private static Set<String> phoneKeys(User user) {
        Set<String> keys = new HashSet<>();
        for (String phone : new String[] {user.workPhone(), user.personalPhone(), user.personalMobile()}) {
            String key = PhoneNumbers.matchKey(phone);
            if (key.length() >= 5) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public void seed(Portal portal, PortalSeed seed) {
        @SuppressWarnings("unchecked")
        List<User> seeded = seed.section(SEED_FIELD, List.class).orElse(List.of());
        if (seeded.isEmpty()) {
            put(defaultAdmin());
        } else {
            seeded.forEach(this::put);
        }
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(users.values()));
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/users/users", snapshot.users(), u -> u.id() > 0 && u.timemanStatus() != null,
                "a user needs a positive id and a timemanStatus", "id", User::id);
    }

    @Override
    public void restore(Snapshot snapshot) {
        snapshot.users().forEach(this::put);
    }

    /** A seed's users, in user.get field names; ID defaults to the next free one. */
    public static SeedSection seedSection() {
        return SeedSection.<User>array(SEED_FIELD, (fields, before) ->
                UserFields.parse(fields, before.stream().mapToLong(User::id).max().orElse(0) + 1));
    }

    static User defaultAdmin() {
        return new User(1, "Admin", "", "admin@example.com", true, "100", "", "", "",
                User.TimemanStatus.UNAVAILABLE, true, Map.of(), null);
    }
}
