package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.support.DomainPortals;

import java.time.Instant;
import java.util.Optional;

/** Builders for domain tests: a demo portal on a fixed clock, and register / finish requests. */
final class Requests {
    static final Instant T0 = DomainPortals.T0;
    /** who the domain tests act as: the webhook's user, outside any application */
    static final Origin WEBHOOK = Origin.user(1, null);

    private Requests() {
    }

    static Portal demoPortal() {
        return DomainPortals.demo();
    }

    static Register register(long userId, String phone, int type) {
        return new Register().user(userId).phone(phone).type(type);
    }

    static FinishRequest finish(String callId, long userId, long duration) {
        return new FinishRequest(userId, "", Optional.ofNullable(callId), duration, 0, "", null, "", null, 0, null);
    }

    /** A mutable register request, so each test states only what it is about. */
    static final class Register {
        String appKey = TelephonyStore.WEBHOOK_APP;
        long userId;
        String inner = "";
        Optional<Long> type = Optional.of(2L);
        String start;
        String phone = "";
        boolean crmCreate;
        String source;
        String entityType;
        long entityId;
        boolean show = true;
        String line;
        String externalId;

        Register user(long id) { userId = id; return this; }
        Register inner(String number) { inner = number; return this; }
        Register type(long t) { type = Optional.of(t); return this; }
        Register invalidType() { type = Optional.empty(); return this; }
        Register start(String iso) { start = iso; return this; }
        Register phone(String number) { phone = number; return this; }
        Register crmCreate() { crmCreate = true; return this; }
        Register source(String s) { source = s; return this; }
        Register entity(String t, long id) { entityType = t; entityId = id; return this; }
        Register hidden() { show = false; return this; }
        Register line(String number) { line = number; return this; }
        Register externalId(String id) { externalId = id; return this; }
        Register app(String key) { appKey = key; return this; }

        RegisterRequest build() {
            return new RegisterRequest(appKey, userId, inner, type, start, phone, crmCreate, source, entityType,
                    entityId, show, null, line, externalId);
        }
    }
}
