package dev.b24emu.emulator.internal.users;

import dev.b24emu.emulator.internal.phone.PhoneNumbers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The employees of one portal. Reads are lock-free; writes are rare (seeding, control API) and synchronized. */
public final class UserStore {
    /** maps user ID to User, in ID order for user.get */
    private final ConcurrentSkipListMap<Long, User> users = new ConcurrentSkipListMap<>();
    /** maps an inner number (UF_PHONE_INNER) to the ID of the active user who has it */
    private final Map<String, Long> activeByInnerPhone = new ConcurrentHashMap<>();
    /** maps the match key of any user phone (inner, work, personal, mobile) to the ID of its active owner */
    private final Map<String, Long> activeByAnyPhone = new ConcurrentHashMap<>();

    public synchronized void put(User user) {
        users.put(user.id(), user);
        reindex();
    }

    public synchronized void clear() {
        users.clear();
        reindex();
    }

    public Optional<User> get(long id) {
        return Optional.ofNullable(users.get(id));
    }

    public Optional<User> activeByInnerPhone(String innerPhone) {
        Long id = activeByInnerPhone.get(innerPhone.trim());
        return id == null ? Optional.empty() : get(id);
    }

    /** The active user one of whose phones matches the number: calls to such numbers are internal. */
    public Optional<User> activeOwnerOf(String phone) {
        Long id = activeByAnyPhone.get(PhoneNumbers.matchKey(phone));
        if (id == null) {
            id = activeByInnerPhone.get(phone.trim());
        }
        return id == null ? Optional.empty() : get(id);
    }

    public Collection<User> all() {
        return List.copyOf(users.values());
    }

    public long nextId() {
        return users.isEmpty() ? 1 : users.lastKey() + 1;
    }

    private void reindex() {
        activeByInnerPhone.clear();
        activeByAnyPhone.clear();
        for (User user : users.values()) {
            if (!user.active()) {
                continue;
            }
            if (notBlank(user.innerPhone())) {
                activeByInnerPhone.put(user.innerPhone().trim(), user.id());
            }
            for (String phone : new String[] {user.workPhone(), user.personalPhone(), user.personalMobile()}) {
                String key = PhoneNumbers.matchKey(phone);
                if (key.length() >= 5) {
                    activeByAnyPhone.putIfAbsent(key, user.id());
                }
            }
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
