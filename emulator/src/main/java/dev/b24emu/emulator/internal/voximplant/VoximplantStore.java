package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A portal's built-in telephony: its settings (D63, D64), rented numbers, SIP connections, the default outgoing line,
 * each employee's phone settings and telephony rights, the infocalls counted per month, and the built-in calls that
 * are running. Every method is synchronized: the store is small and changed rarely.
 */
public final class VoximplantStore implements Store<VoximplantStore.Snapshot> {
    /** REG_IDs of the operator's registrations start here, as in the docs examples (150907, 151082). */
    static final long FIRST_REG_ID = 150_000;
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.voximplant");

    private VoximplantSettings settings = VoximplantSettings.defaults();
    /** maps a rented number (digits) to the number */
    private final Map<String, RentedNumber> numbers = new LinkedHashMap<>();
    /** maps CONFIG_ID to the SIP connection */
    private final TreeMap<Long, SipConnection> sip = new TreeMap<>();
    /** the default outgoing line as set, or null; see {@link Lines#outgoingLine()} for what is answered */
    private String outgoingLine;
    private final Map<Long, UserPhone> phones = new HashMap<>();
    private final Map<Long, Rights> rights = new HashMap<>();
    /** maps a month (2026-03) to the infocalls started in it */
    private final Map<String, Integer> infocalls = new HashMap<>();
    /** maps CALL_ID to a built-in call that has not ended, in the order they started */
    private final Map<String, Live> live = new LinkedHashMap<>();
    /**
     * the same calls by the instant of their next change (answer or end): a tick, which runs on every start and
     * every statistics read, visits only the calls due. It visited every running call, so a flood of callbacks
     * slowed each start in proportion to the calls running (1,481 then 416 starts/s in 10 s windows)
     */
    private final TreeSet<Live> byNextChange = new TreeSet<>(
            Comparator.comparing((Live running) -> running.call().nextChange()).thenComparingLong(Live::order));
    /** how many built-in calls may run at once (--max-open-calls, D117): past it a new one drops the oldest */
    private final int maxLive;
    private final String portalId;
    private long lastOrder;
    private boolean warned;
    private long lastConfigId;
    private long lastSipId;
    private long lastRegId = FIRST_REG_ID;

    /** A running call and the order it started in (ties between calls started at the same instant). */
    private record Live(BuiltInCall call, long order) {
    }

    public VoximplantStore(int maxLive, String portalId) {
        this.maxLive = Math.max(1, maxLive);
        this.portalId = portalId;
    }

    /** Everything the store holds, for state files; settings as their JSON (the control API's shape). */
    public record Snapshot(ObjectNode settings, List<RentedNumber> numbers, List<SipConnection> sip, String outgoingLine,
                           Map<Long, UserPhone> phones, Map<Long, Rights> rights, Map<String, Integer> infocalls,
                           List<BuiltInCall> live, long lastConfigId, long lastSipId, long lastRegId) {
    }

    public synchronized VoximplantSettings settings() {
        return settings;
    }

    public synchronized void settings(VoximplantSettings changed) {
        settings = changed;
    }

    public synchronized List<RentedNumber> numbers() {
        return List.copyOf(numbers.values());
    }

    public synchronized Optional<RentedNumber> number(String number) {
        return Optional.ofNullable(numbers.get(number));
    }

    /** Rents a number (digits only); an existing number keeps its CONFIG_ID and takes the new name. */
    public synchronized RentedNumber addNumber(String number, String name) {
        RentedNumber existing = numbers.get(number);
        RentedNumber rented = new RentedNumber(existing == null ? ++lastConfigId : existing.configId(), number, name);
        numbers.put(number, rented);
        return rented;
    }

    public synchronized List<SipConnection> sipConnections() {
        return List.copyOf(sip.values());
    }

    public synchronized Optional<SipConnection> sip(long configId) {
        return Optional.ofNullable(sip.get(configId));
    }

    public synchronized Optional<SipConnection> sipByRegId(long regId) {
        return sip.values().stream().filter(c -> c.regId() != null && c.regId() == regId).findFirst();
    }

    /** A new connection's IDs: {ID, CONFIG_ID, REG_ID (cloud only)}. */
    synchronized long[] nextSipIds(boolean cloud) {
        return new long[] {++lastSipId, ++lastConfigId, cloud ? ++lastRegId : 0};
    }

    public synchronized void putSip(SipConnection connection) {
        sip.put(connection.configId(), connection);
    }

    public synchronized boolean removeSip(long configId) {
        return sip.remove(configId) != null;
    }

    public synchronized String storedOutgoingLine() {
        return outgoingLine;
    }

    public synchronized void outgoingLine(String line) {
        outgoingLine = line;
    }

    public synchronized UserPhone phone(long userId) {
        return phones.getOrDefault(userId, UserPhone.defaults());
    }

    public synchronized void phone(long userId, UserPhone phone) {
        phones.put(userId, phone);
    }

    public synchronized Rights rights(long userId) {
        return rights.getOrDefault(userId, Rights.all());
    }

    public synchronized void rights(long userId, Rights changed) {
        rights.put(userId, changed);
    }

    public synchronized Map<Long, Rights> allRights() {
        return Map.copyOf(rights);
    }

    public synchronized Map<Long, UserPhone> allPhones() {
        return Map.copyOf(phones);
    }

    /** Counts an infocall in its month (2026-03), for the monthly limit. */
    /** Counts an infocall of the month, unless the month has reached the limit (null: none); false then. */
    public synchronized boolean countInfocall(String month, Integer limit) {
        if (limit != null && infocalls.getOrDefault(month, 0) >= limit) {
            return false;
        }
        infocalls.merge(month, 1, Integer::sum);
        return true;
    }

    public synchronized int infocalls(String month) {
        return infocalls.getOrDefault(month, 0);
    }

    /** Adds a started call, or replaces a running one that changed (answered). */
    synchronized void putLive(BuiltInCall call) {
        Live before = live.get(call.callId());
        if (before != null) {
            byNextChange.remove(before);
        }
        Live running = new Live(call, before == null ? ++lastOrder : before.order());
        live.put(call.callId(), running); // a replaced call keeps its place
        byNextChange.add(running);
        if (before == null && live.size() > maxLive) {
            Live oldest = live.values().iterator().next();
            removeLive(oldest.call().callId());
            if (!warned) {
                warned = true;
                LOG.warn("Portal {} runs at most {} built-in calls at once (--max-open-calls): each new one now drops"
                        + " the oldest running, without events", portalId, maxLive);
            }
        }
    }

    synchronized void removeLive(String callId) {
        Live running = live.remove(callId);
        if (running != null) {
            byNextChange.remove(running);
        }
    }

    /** Every running call, in the order they started. */
    public synchronized List<BuiltInCall> liveCalls() {
        return inStartOrder(live.values());
    }

    /** The running calls whose answer or end is due at {@code now}, in the order they started. */
    synchronized List<BuiltInCall> dueCalls(Instant now) {
        List<Live> due = new ArrayList<>();
        for (Live running : byNextChange) {
            if (running.call().nextChange().isAfter(now)) {
                break;
            }
            due.add(running);
        }
        return inStartOrder(due);
    }

    private static List<BuiltInCall> inStartOrder(Collection<Live> calls) {
        List<Live> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparing((Live running) -> running.call().startedAt()).thenComparingLong(Live::order));
        return sorted.stream().map(Live::call).toList();
    }

    @Override
    public synchronized void seed(Portal portal, PortalSeed seed) {
        seed.section(VoximplantSeed.FIELD, VoximplantSeed.class).ifPresent(section -> section.applyTo(this, portal));
    }

    @Override
    public synchronized Snapshot snapshot() {
        return new Snapshot(settings.toJson(), List.copyOf(numbers.values()), List.copyOf(sip.values()), outgoingLine,
                Map.copyOf(phones), Map.copyOf(rights), Map.copyOf(infocalls), liveCalls(),
                lastConfigId, lastSipId, lastRegId);
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.settings() == null || snapshot.numbers() == null || snapshot.sip() == null
                || snapshot.phones() == null || snapshot.rights() == null || snapshot.infocalls() == null
                || snapshot.live() == null) {
            throw new StateException("/voximplant: settings, numbers, sip, phones, rights, infocalls and live are required");
        }
        try {
            VoximplantSettings.defaults().patch(snapshot.settings());
        } catch (IllegalArgumentException e) {
            throw new StateException("/voximplant/settings: " + e.getMessage());
        }
        for (int i = 0; i < snapshot.numbers().size(); i++) {
            RentedNumber number = snapshot.numbers().get(i);
            if (number == null || number.number() == null || !number.number().matches("[0-9]+")) {
                throw new StateException("/voximplant/numbers/" + i + "/number: digits expected");
            }
        }
        for (int i = 0; i < snapshot.sip().size(); i++) {
            SipConnection connection = snapshot.sip().get(i);
            if (connection == null || connection.type() == null || connection.appKey() == null
                    || (connection.cloud() && (connection.regId() == null || connection.registration() == null))) {
                throw new StateException("/voximplant/sip/" + i
                        + ": a connection needs type and appKey, a cloud one regId and registration");
            }
        }
        for (int i = 0; i < snapshot.live().size(); i++) {
            BuiltInCall call = snapshot.live().get(i);
            if (call == null || call.callId() == null || call.kind() == null || call.line() == null
                    || call.startedAt() == null || call.endAt() == null || call.endpoints() == null) {
                throw new StateException("/voximplant/live/" + i
                        + ": a call needs callId, kind, line, startedAt, endAt and endpoints");
            }
        }
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        clear();
        settings = VoximplantSettings.defaults().patch(snapshot.settings());
        snapshot.numbers().forEach(number -> numbers.put(number.number(), number));
        snapshot.sip().forEach(connection -> sip.put(connection.configId(), connection));
        outgoingLine = snapshot.outgoingLine();
        phones.putAll(snapshot.phones());
        rights.putAll(snapshot.rights());
        infocalls.putAll(snapshot.infocalls());
        snapshot.live().forEach(this::putLive); // a state file holding more than the bound keeps the newest
        lastConfigId = snapshot.lastConfigId();
        lastSipId = snapshot.lastSipId();
        lastRegId = Math.max(FIRST_REG_ID, snapshot.lastRegId());
    }

    @Override
    public synchronized void clear() {
        settings = VoximplantSettings.defaults();
        numbers.clear();
        sip.clear();
        outgoingLine = null;
        phones.clear();
        rights.clear();
        infocalls.clear();
        live.clear();
        byNextChange.clear();
        lastConfigId = 0;
        lastSipId = 0;
        lastRegId = FIRST_REG_ID;
    }
}
