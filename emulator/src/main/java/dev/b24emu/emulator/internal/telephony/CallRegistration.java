package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.crm.ActivityBindings;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.portal.Portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * telephony.externalCall.register: validation in the real order, the 30-minute reuse rule, CRM binding and
 * automatic creation. Runs inside the portal's exclusive section, so identical concurrent registers share one call.
 */
public final class CallRegistration {
    static final Duration REUSE_WINDOW = Duration.ofMinutes(30);
    private static final int MAX_LINE_NUMBER_LENGTH = 50;

    private final Portal portal;
    private final CrmAutoCreation autoCreation;

    /** @param origin who registers the call: who the CRM objects it creates are changed by */
    public CallRegistration(Portal portal, Origin origin) {
        this.portal = portal;
        this.autoCreation = new CrmAutoCreation(portal, origin);
    }

    public RegisterResult register(RegisterRequest request) {
        long userId = CallUsers.resolveId(portal.store(UserStore.class), request.userId(), request.userPhoneInner());
        int type = request.type().filter(CallType::isValid).map(Long::intValue)
                .orElseThrow(TelephonyErrors::unknownType);
        Instant startDate = request.callStartDate() == null ? null
                : PhpDates.strtotime(request.callStartDate(), portal.settings().timeZone()) // unConvertDateTime
                        .orElseThrow(TelephonyErrors::badStartDate);
        String phone = PhoneNumbers.stripForCall(request.phoneNumber());
        if (phone.isEmpty()) {
            throw TelephonyErrors.badPhoneNumber();
        }
        CallUsers.requireActive(portal.store(UserStore.class), userId);
        String line = request.lineNumber() == null ? null
                : request.lineNumber().substring(0, Math.min(MAX_LINE_NUMBER_LENGTH, request.lineNumber().length()));

        // hashed before the portal's exclusive section, which the other event loop may be waiting for
        String digest = callDigest(request.appKey(), userId, phone);
        return portal.exclusive(() -> {
            Instant now = portal.now();
            Instant start = startDate == null ? now : startDate;
            Call.ReuseKey key = new Call.ReuseKey(request.appKey(), userId, phone, type);
            for (Call open : portal.store(TelephonyStore.class).reusable(key, now.minus(REUSE_WINDOW))) {
                if ((line == null || line.equals(open.lineNumber()))
                        && (request.externalCallId() == null || request.externalCallId().equals(open.externalCallId()))) {
                    return reuse(open, userId, request.show());
                }
            }
            return create(request, userId, type, phone, line, start, now, digest);
        });
    }

    private RegisterResult reuse(Call open, long userId, boolean show) {
        Call call = open;
        if (show && !open.shownTo().contains(userId)) {
            Set<Long> shown = new java.util.HashSet<>(open.shownTo());
            shown.add(userId);
            call = open.withShownTo(shown);
            portal.store(TelephonyStore.class).put(call);
        }
        return new RegisterResult(call, true, null, List.of());
    }

    private RegisterResult create(RegisterRequest request, long userId, int type, String phone, String line,
                                  Instant start, Instant now, String digest) {
        if (line != null && portal.store(TelephonyStore.class).line(request.appKey(), line).isEmpty()) {
            portal.store(TelephonyStore.class).addLine(request.appKey(), line, "", true);
        }
        boolean internal = portal.store(UserStore.class).activeByInnerPhone(phone).isPresent();
        CrmRef primary = null;
        List<CrmRef> bindings = new ArrayList<>();
        CrmAutoCreation.Outcome created = CrmAutoCreation.Outcome.NOTHING;
        if (!internal) {
            primary = givenEntity(request);
            if (primary == null) {
                List<CrmItem> found = portal.store(CrmStore.class).findByPhone(phone);
                primary = found.isEmpty() ? null : found.get(0).ref();
            }
            if (request.crmCreate()) {
                created = autoCreation.forCall(primary, phone, type, line, request.crmSource(), userId);
            }
            CrmRef client = primary;
            if (primary == null) {
                primary = created.primary();
            }
            // what BindingSelector finds for the client, the created objects joined (D160); a created client is one
            bindings.addAll(ActivityBindings.of(portal.store(CrmStore.class), client != null ? client : primary,
                    created.entities()));
        }
        Call call = new Call(callId(digest, now), request.appKey(), userId, phone, type,
                line, request.externalCallId(), start, !internal, primary, bindings, created.entities(),
                created.leadId(), request.callListId(), request.show() ? Set.of(userId) : Set.of());
        List<Call> dropped = portal.store(TelephonyStore.class).put(call);
        return new RegisterResult(call, false, created.error(), dropped);
    }

    /**
     * CRM_ENTITY_TYPE with CRM_ENTITY_ID binds the call as given, without checking the object exists or that the docs
     * allow its type (as the real server, which binds whatever type it is given: a DEAL, which the docs rule out, is
     * bound and reported, D27)
     */
    private static CrmRef givenEntity(RegisterRequest request) {
        if (request.crmEntityId() <= 0) {
            return null;
        }
        return CrmEntityType.parse(request.crmEntityType())
                .map(type -> new CrmRef(type, request.crmEntityId()))
                .orElse(null);
    }

    /** externalCall.&lt;md5 of a unique seed&gt;.&lt;unix seconds&gt;, the real CALL_ID form. */
    static String newCallId(String appKey, long userId, String phone, Instant now) {
        return callId(callDigest(appKey, userId, phone), now);
    }

    private static String callId(String digest, Instant now) {
        return "externalCall." + digest + "." + now.getEpochSecond();
    }

    /** The md5 part of a new CALL_ID, in hex: of the call's application, user and number, and a random salt. */
    private static String callDigest(String appKey, long userId, String phone) {
        // uniqueness, not secrecy: the real server hashes uniqid(), a clock value. SecureRandom's /dev/urandom read
        // under a lock was 4 % of a register's time.
        byte[] salt = new byte[16];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(salt);
        MessageDigest md5 = md5();
        md5.update((appKey + userId + phone).getBytes(StandardCharsets.UTF_8));
        md5.update(salt);
        return HexFormat.of().formatHex(md5.digest());
    }

    /**
     * A fresh MD5 digest, cloned: {@code MessageDigest.getInstance} looks the algorithm up among the security
     * providers on every call, an eighth of making a call in a profile of register alone.
     */
    private static MessageDigest md5() {
        try {
            return (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's MD5 can be cloned", e);
        }
    }

    private static final MessageDigest MD5;

    static {
        try {
            MD5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
