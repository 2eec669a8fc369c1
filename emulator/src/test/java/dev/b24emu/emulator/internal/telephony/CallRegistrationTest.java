package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.crm.CrmStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.transport.RestError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.b24emu.emulator.internal.telephony.Requests.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** register's documented rules, checked on the domain without HTTP. Demo data: contact 1 +79990000001, company 1 +74950000001, contact 2 +79990000002 of company 1, lead 1 +79990000003. */
class CallRegistrationTest {
    private Portal portal;
    private CallRegistration registration;

    @BeforeEach
    void setUp() {
        portal = Requests.demoPortal();
        registration = new CallRegistration(portal, Requests.WEBHOOK);
    }

    private RegisterResult run(Requests.Register request) {
        return registration.register(request.build());
    }

    private String error(Requests.Register request) {
        RestError error = assertThrows(RestError.class, () -> run(request));
        assertEquals(400, error.httpStatus());
        return error.code() + ": " + error.description();
    }

    @Test
    void validatesInTheRealOrderWithTheRealMessages() {
        assertEquals("ERROR_CORE: USER_ID or USER_PHONE_INNER should be set",
                error(register(0, "", 0).invalidType().start("garbage")));
        assertEquals("ERROR_CORE: Unknown TYPE", error(register(2, "", 0).invalidType().start("garbage")));
        assertEquals("ERROR_CORE: Unknown TYPE", error(register(2, "+7999", 6)));
        assertEquals("ERROR_CORE: CALL_START_DATE should be in the ISO-8601 format",
                error(register(2, "", 2).start("not a date")));
        assertEquals("ERROR_CORE: Unsupported phone number format", error(register(99, "abc-()", 2)));
        assertEquals("ERROR_CORE: User is not found or is not active", error(register(99, "+7999", 2)));
        assertEquals("ERROR_CORE: User is not found or is not active", error(register(4, "+7999", 2)));
    }

    @Test
    void callsShownToOneUserShareThatUsersSetAndOtherSetsKeepTheirMembers() {
        // one object less per open call: register under load keeps 20,000 of them (bench/RESULTS.md)
        Call first = run(register(2, "+79001110001", 2)).call();
        Call second = run(register(2, "+79001110002", 2)).call();
        assertEquals(Set.of(2L), first.shownTo());
        assertTrue(first.shownTo() == second.shownTo(), "calls shown to user 2 share one set");
        Call large = first.withShownTo(Set.of(300L));
        Call negative = first.withShownTo(Set.of(-1L));
        Call several = first.withShownTo(Set.of(2L, 3L));
        assertEquals(Set.of(300L), large.shownTo());
        assertEquals(Set.of(-1L), negative.shownTo());
        assertEquals(Set.of(2L, 3L), several.shownTo());
        assertEquals(Set.of(), first.withShownTo(Set.of()).shownTo());
    }

    @Test
    void userPhoneInnerStandsInForUserIdButOnlyForActiveUsers() {
        RegisterResult result = run(register(0, "+79990000001", 2).inner("101"));
        assertEquals(2, result.call().userId());
        assertEquals("ERROR_CORE: USER_ID or USER_PHONE_INNER should be set", error(register(0, "+7999", 2).inner("103")));
    }

    @Test
    void callIdHasTheRealForm() {
        String callId = run(register(2, "+79990000001", 2)).call().callId();
        assertTrue(callId.matches("externalCall\\.[0-9a-f]{32}\\." + Requests.T0.getEpochSecond()), callId);
    }

    @Test
    void repeatWithinThirtyMinutesReturnsTheSameCallIdWhatever(){
        RegisterResult first = run(register(2, "+79990000001", 2).line("74950000000"));
        // CRM fields and CALL_START_DATE are not reuse keys
        RegisterResult again = run(register(2, "+79990000001", 2).line("74950000000").entity("COMPANY", 1)
                .start("2026-03-10T08:10:00Z"));
        assertTrue(again.reused());
        assertEquals(first.call().callId(), again.call().callId());
        // LINE_NUMBER is compared only when passed
        assertEquals(first.call().callId(), run(register(2, "+79990000001", 2)).call().callId());
    }

    @Test
    void reuseKeysAreUserNumberTypeLineExternalIdAndApplication() {
        String callId = run(register(2, "+79990000001", 2).line("1").externalId("pbx-1")).call().callId();
        assertNotEquals(callId, run(register(3, "+79990000001", 2)).call().callId());
        assertNotEquals(callId, run(register(2, "+79990000002", 2)).call().callId());
        assertNotEquals(callId, run(register(2, "+79990000001", 1)).call().callId());
        assertNotEquals(callId, run(register(2, "+79990000001", 2).line("2")).call().callId());
        assertNotEquals(callId, run(register(2, "+79990000001", 2).externalId("pbx-2")).call().callId());
        assertNotEquals(callId, run(register(2, "+79990000001", 2).app("other-app")).call().callId());
        assertEquals(callId, run(register(2, "+79990000001", 2).externalId("pbx-1")).call().callId());
    }

    @Test
    void reuseWindowRunsThirtyMinutesFromTheCallStart() {
        String callId = run(register(2, "+79990000001", 2)).call().callId();
        portal.clock().advance(Duration.ofMinutes(29).plusSeconds(59));
        assertEquals(callId, run(register(2, "+79990000001", 2)).call().callId());
        portal.clock().advance(Duration.ofSeconds(2));
        assertNotEquals(callId, run(register(2, "+79990000001", 2)).call().callId());
        // a call that started more than 30 minutes ago is outside the window from the start
        String old = run(register(3, "+79990000005", 2).start("2026-03-10T07:00:00Z")).call().callId();
        assertNotEquals(old, run(register(3, "+79990000005", 2)).call().callId());
    }

    @Test
    void aFinishedCallIsNeverReused() {
        String callId = run(register(2, "+79990000001", 2)).call().callId();
        new CallCompletion(portal, Requests.WEBHOOK).finish(Requests.finish(callId, 2, 10));
        assertNotEquals(callId, run(register(2, "+79990000001", 2)).call().callId());
    }

    @Test
    void reuseCreatesNothingAndReportsTheFirstRegistration() {
        RegisterResult first = run(register(2, "+79990001111", 2).crmCreate());
        RegisterResult again = run(register(2, "+79990001111", 2).crmCreate());
        assertEquals(first.call().createdLeadId(), again.call().createdLeadId());
        assertEquals(2, portal.store(CrmStore.class).count(CrmEntityType.LEAD), "one lead from the seed, one from the first call");
    }

    @Test
    void bindsToTheGivenEntityWithoutCheckingItExists() {
        Call call = run(register(2, "+79990000001", 2).entity("COMPANY", 777)).call();
        assertEquals(new CrmRef(CrmEntityType.COMPANY, 777), call.primary());
    }

    @Test
    void bindsToTheFirstFoundClientContactsBeforeLeadsBeforeCompanies() {
        assertEquals(new CrmRef(CrmEntityType.CONTACT, 1), run(register(2, "+7 (999) 000-00-01", 2)).call().primary());
        assertEquals(new CrmRef(CrmEntityType.COMPANY, 1), run(register(2, "84950000001", 2)).call().primary());
        assertEquals(new CrmRef(CrmEntityType.LEAD, 1), run(register(2, "79990000003", 2)).call().primary());
    }

    @Test
    void createsALeadForAnUnknownNumberOnlyWhenAsked() {
        RegisterResult plain = run(register(2, "+79991112233", 2));
        assertNull(plain.call().primary());
        assertEquals(1, portal.store(CrmStore.class).count(CrmEntityType.LEAD));

        RegisterResult created = run(register(2, "+79991112244", 2).crmCreate().line("74950000000").source("WEB"));
        CrmItem lead = portal.store(CrmStore.class).get(created.call().primary()).orElseThrow();
        assertEquals(CrmEntityType.LEAD, lead.type());
        assertEquals(lead.id(), created.call().createdLeadId());
        assertEquals(List.of(lead.ref()), created.call().createdEntities());
        assertEquals("+7 999 111-22-44 - Incoming call", lead.text("TITLE"));
        assertEquals("WEB", lead.text("SOURCE_ID"));
        assertEquals("Call routed to: 74950000000.", lead.text("SOURCE_DESCRIPTION"));
        assertEquals(2, lead.assignedById(), "the call's user is responsible for a new client's lead");
        assertEquals(java.util.Set.of("79991112244"), lead.phoneKeys());
    }

    @Test
    void leadTitleAndSourceFollowTheCallType() {
        CrmItem outgoing = lead(run(register(2, "+79991110001", 1).crmCreate().source("NOT_A_SOURCE")));
        assertEquals("+7 999 111-00-01 - Outgoing call", outgoing.text("TITLE"));
        assertEquals("CALL", outgoing.text("SOURCE_ID"));
        assertEquals("+7 999 111-00-02 - Callback", lead(run(register(2, "+79991110002", 4).crmCreate())).text("TITLE"));
    }

    private CrmItem lead(RegisterResult result) {
        return portal.store(CrmStore.class).get(new CrmRef(CrmEntityType.LEAD, result.call().createdLeadId())).orElseThrow();
    }

    @Test
    void internalNumbersAreNotCrmCalls() {
        Call call = run(register(2, "102", 2).crmCreate()).call();
        assertFalse(call.crm());
        assertNull(call.primary());
        assertTrue(call.createdEntities().isEmpty());
    }

    @Test
    void anEmployeesOwnPhoneGetsNoLeadButAnError() {
        RegisterResult result = run(register(2, "+79160000101", 2).crmCreate());
        assertEquals("Lead creation is disabled for local users", result.leadCreationError());
        assertTrue(result.call().createdEntities().isEmpty());
    }

    @Test
    void excludedNumbersGetNothingCreated() {
        RegisterResult result = run(register(2, "+79990000666", 2).crmCreate());
        assertTrue(result.call().createdEntities().isEmpty());
        assertNull(result.leadCreationError());
        portal.store(CrmStore.class).exclude("8 (999) 777-00-00");
        assertTrue(run(register(2, "+79997770000", 2).crmCreate()).call().createdEntities().isEmpty());
    }

    @Test
    void simpleModeCreatesAContactAndADealInsteadOfALead() {
        portal.settings(portal.settings().patch(JsonNodeFactory.instance.objectNode().put("crmMode", "SIMPLE")));
        RegisterResult result = run(register(2, "+79991112255", 2).crmCreate());
        List<CrmRef> created = result.call().createdEntities();
        assertEquals(List.of(CrmEntityType.CONTACT, CrmEntityType.DEAL), created.stream().map(CrmRef::type).toList());
        assertNull(result.call().createdLeadId());
        assertEquals(created.get(0), result.call().primary());
        CrmItem deal = portal.store(CrmStore.class).get(created.get(1)).orElseThrow();
        assertEquals(Long.toString(created.get(0).id()), deal.text("CONTACT_ID"));
        assertEquals(1, portal.store(CrmStore.class).count(CrmEntityType.LEAD), "no lead in simple mode");
    }

    @Test
    void repeatSalesCreateAReturnLeadForAKnownClientWithoutAnOpenOne() {
        RegisterResult off = run(register(2, "+79990000001", 2).crmCreate());
        assertTrue(off.call().createdEntities().isEmpty(), "repeat sales are off by default");
        new CallCompletion(portal, Requests.WEBHOOK).finish(Requests.finish(off.call().callId(), 2, 5));

        portal.settings(portal.settings().patch(JsonNodeFactory.instance.objectNode().put("repeatSales", true)));
        RegisterResult on = run(register(2, "+79990000001", 2).crmCreate());
        assertEquals(new CrmRef(CrmEntityType.CONTACT, 1), on.call().primary(), "the client stays the primary object");
        CrmItem lead = lead(on);
        assertEquals("Y", lead.text("IS_RETURN_CUSTOMER"));
        assertEquals("1", lead.text("CONTACT_ID"));
        assertEquals(2, lead.assignedById(), "the client's responsible gets the repeat lead");
        new CallCompletion(portal, Requests.WEBHOOK).finish(Requests.finish(on.call().callId(), 2, 5));

        RegisterResult whileOpen = run(register(2, "+79990000001", 2).crmCreate());
        assertTrue(whileOpen.call().createdEntities().isEmpty(), "an open lead blocks another");
        new CallCompletion(portal, Requests.WEBHOOK).finish(Requests.finish(whileOpen.call().callId(), 2, 5));

        portal.store(CrmStore.class).update(lead.ref(), JsonNodeFactory.instance.objectNode().put("STATUS_ID", "JUNK"), Requests.WEBHOOK, "x");
        assertEquals(1, run(register(2, "+79990000001", 2).crmCreate()).call().createdEntities().size(),
                "a closed lead no longer blocks");
    }

    @Test
    void repeatSalesNeverCreateForOutgoingCallsOrExcludedNumbers() {
        portal.settings(portal.settings().patch(JsonNodeFactory.instance.objectNode().put("repeatSales", true)));
        assertTrue(run(register(2, "+79990000001", 1).crmCreate()).call().createdEntities().isEmpty());
        portal.store(CrmStore.class).exclude("+74950000001");
        assertTrue(run(register(2, "+74950000001", 2).crmCreate()).call().createdEntities().isEmpty());
    }

    @Test
    void simpleModeCreatesARepeatDealForAKnownClient() {
        portal.settings(portal.settings().patch(JsonNodeFactory.instance.objectNode().put("crmMode", "SIMPLE")));
        RegisterResult result = run(register(3, "+74950000001", 2).crmCreate());
        assertEquals(new CrmRef(CrmEntityType.COMPANY, 1), result.call().primary());
        CrmItem deal = portal.store(CrmStore.class).get(result.call().createdEntities().get(0)).orElseThrow();
        assertEquals(CrmEntityType.DEAL, deal.type());
        assertEquals("1", deal.text("COMPANY_ID"));
    }

    @Test
    void unknownLinesAreCreatedSilentlyForTheApplication() {
        run(register(2, "+79990000001", 2).line("74950000000"));
        assertTrue(portal.store(TelephonyStore.class).line(TelephonyStore.WEBHOOK_APP, "74950000000").isPresent());
        assertTrue(portal.store(TelephonyStore.class).line("other", "74950000000").isEmpty());
    }

    @Test
    void showDecidesWhoseCardIsOpen() {
        assertEquals(Set.of(2L), run(register(2, "+79990000001", 2)).call().shownTo());
        assertEquals(Set.of(), run(register(3, "+79990000001", 2).hidden()).call().shownTo());
    }

    @Test
    void concurrentIdenticalRegistersGetOneCallId() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> tasks = java.util.Collections.nCopies(64,
                    () -> run(register(2, "+79995550000", 2).crmCreate()).call().callId());
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size());
            assertEquals(2, portal.store(CrmStore.class).count(CrmEntityType.LEAD), "exactly one lead was created");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void settingsPatchRejectsUnknownKeysAndBadValuesWithoutChangingAnything() {
        PortalSettings before = portal.settings();
        assertThrows(IllegalArgumentException.class, () -> before.patch(JsonNodeFactory.instance.objectNode().put("nope", true)));
        assertThrows(IllegalArgumentException.class, () -> before.patch(JsonNodeFactory.instance.objectNode().put("crmMode", "FANCY")));
        assertThrows(IllegalArgumentException.class, () -> before.patch(JsonNodeFactory.instance.objectNode().put("repeatSales", "yes")));
        assertEquals(before, portal.settings());
    }
}
