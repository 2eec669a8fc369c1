package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.crm.CrmStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.RestError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.b24emu.emulator.internal.telephony.Requests.finish;
import static dev.b24emu.emulator.internal.telephony.Requests.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallCompletionTest {
    private Portal portal;
    private CallCompletion completion;

    @BeforeEach
    void setUp() {
        portal = Requests.demoPortal();
        completion = new CallCompletion(portal, Requests.WEBHOOK);
    }

    private Call registered(Requests.Register request) {
        return new CallRegistration(portal, Requests.WEBHOOK).register(request.build()).call();
    }

    private String error(FinishRequest request) {
        RestError error = assertThrows(RestError.class, () -> completion.finish(request));
        return error.code() + ": " + error.description();
    }

    @Test
    void validatesUserThenCallIdThenCallThenActiveUser() {
        Call call = registered(register(2, "+79990000001", 2));
        assertEquals("ERROR_CORE: USER_ID or USER_PHONE_INNER should be set", error(finish(null, 0, 0)));
        assertEquals("INVALID_ARGUMENT: CALL_ID must be a string", error(finish(null, 2, 0)));
        assertEquals("ERROR_CORE: Call is not found (call should be registered prior to finishing",
                error(finish("externalCall.unknown", 4, 0)));
        assertEquals("ERROR_CORE: User is not found or is not active", error(finish(call.callId(), 4, 0)));
        assertEquals(call.callId(), completion.finish(finish(call.callId(), 2, 0)).call().callId(),
                "a failed finish leaves the call open");
    }

    @Test
    void aSecondFinishFindsNoCall() {
        Call call = registered(register(2, "+79990000001", 2));
        completion.finish(finish(call.callId(), 2, 30));
        assertEquals("ERROR_CORE: Call is not found (call should be registered prior to finishing",
                error(finish(call.callId(), 2, 30)));
    }

    @Test
    void statusDefaultsFollowTheDuration() {
        FinishedCall talked = completion.finish(finish(registered(register(2, "+79990000001", 2)).callId(), 2, 95));
        assertEquals("200", talked.statusCode());
        assertEquals(1, talked.callStatus());
        FinishedCall missed = completion.finish(finish(registered(register(2, "+79990000002", 2)).callId(), 2, 0));
        assertEquals("304", missed.statusCode());
        assertEquals(0, missed.callStatus());
        FinishedCall busy = completion.finish(new FinishRequest(2, "", Optional.of(
                registered(register(2, "+79990000003", 1)).callId()), 0, 1.5, "RUB", "486", "Busy", null, 5, true));
        assertEquals("486", busy.statusCode());
        assertEquals(5, busy.vote());
        assertTrue(busy.addedToChat());
    }

    @Test
    void writesACallActivityBoundToTheCallsClient() {
        Call call = registered(register(2, "+79990000001", 2).line("74950000000"));
        FinishedCall row = completion.finish(finish(call.callId(), 3, 95));
        ObjectNode activity = portal.store(CrmStore.class).activity(row.crmActivityId()).orElseThrow();
        assertEquals("1", activity.get("OWNER_ID").asText());
        assertEquals("3", activity.get("OWNER_TYPE_ID").asText(), "contact");
        assertEquals("2", activity.get("TYPE_ID").asText(), "call");
        assertEquals("1", activity.get("DIRECTION").asText(), "incoming");
        assertEquals("Y", activity.get("COMPLETED").asText());
        assertEquals("3", activity.get("RESPONSIBLE_ID").asText());
        assertEquals("VI_" + call.callId(), activity.get("ORIGIN_ID").asText());
        assertEquals("2026-03-10T08:01:35+00:00", activity.get("END_TIME").asText());
    }

    @Test
    void aMissedIncomingCallLeavesAnOpenActivity() {
        FinishedCall row = completion.finish(finish(registered(register(2, "+79990000001", 2)).callId(), 2, 0));
        assertEquals("N", portal.store(CrmStore.class).activity(row.crmActivityId()).orElseThrow().get("COMPLETED").asText());
    }

    @Test
    void internalCallsGetNoActivity() {
        assertNull(completion.finish(finish(registered(register(2, "102", 2)).callId(), 2, 10)).crmActivityId());
    }

    @Test
    void createdEntitiesGoToTheFinishingUserOthersKeepTheirs() {
        Call call = registered(register(2, "+79991234567", 2).crmCreate());
        completion.finish(finish(call.callId(), 3, 10));
        assertEquals(3, portal.store(CrmStore.class).get(call.primary()).orElseThrow().assignedById());

        Call known = registered(register(2, "+79990000001", 2));
        completion.finish(finish(known.callId(), 3, 10));
        assertEquals(2, portal.store(CrmStore.class).get(new CrmRef(CrmEntityType.CONTACT, 1)).orElseThrow().assignedById());
    }

    @Test
    void finishClosesTheCardAndAddToChatDefaultsToTheRealServersFalse() {
        Call call = registered(register(2, "+79990000001", 2));
        FinishedCall row = completion.finish(finish(call.callId(), 2, 10));
        assertTrue(row.call().shownTo().isEmpty());
        assertFalse(row.addedToChat());
        assertTrue(portal.store(TelephonyStore.class).active(call.callId()).isEmpty());
        assertNotNull(portal.store(TelephonyStore.class).finished(call.callId()).orElse(null));
    }

    @Test
    void statisticsAreBoundedOldestFirst() {
        TelephonyStore store = new TelephonyStore(2, 20_000, Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) {
            Call call = new Call("c" + i, "", 1, "1", 2, null, null, Requests.T0, true, null,
                    java.util.List.of(), java.util.List.of(), null, null, java.util.Set.of());
            store.put(call);
            store.finish(call, new TelephonyStore.FinishedCallDraft(1, 0, 0, "", "304", "", 0, null, false, null,
                    Requests.T0));
            store.attachRecord(call.callId(), "c" + i + ".mp3", "url", "http://pbx/c" + i + ".mp3", 0, null);
            store.addTranscript(call.callId(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode(),
                    null, null);
        }
        assertEquals(2, store.finishedCalls().size());
        assertTrue(store.finished("c0").isEmpty());
        assertTrue(store.finished("c2").isPresent());
        // the third finish dropped c0 with its recording and transcript
        assertEquals(java.util.Set.of("c1", "c2"), store.records().stream().map(CallRecord::callId)
                .collect(java.util.stream.Collectors.toSet()));
        Call fourth = new Call("c3", "", 1, "1", 2, null, null, Requests.T0, true, null,
                java.util.List.of(), java.util.List.of(), null, null, java.util.Set.of());
        store.put(fourth);
        store.finish(fourth, new TelephonyStore.FinishedCallDraft(1, 0, 0, "", "304", "", 0, null, false, null,
                Requests.T0));
        // a finished call's recording and transcript go with it, so they stay bounded with the finished calls
        assertEquals(java.util.Set.of("c2"), store.records().stream().map(CallRecord::callId)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(java.util.Set.of("c2"), store.transcripts().stream().map(Transcript::callId)
                .collect(java.util.stream.Collectors.toSet()));
        assertTrue(store.record("c1").isEmpty() && store.transcriptOf("c1").isEmpty());

        // uploads announced and never made are bounded by the same number, the oldest going first
        for (int i = 0; i < 3; i++) {
            store.awaitUpload("token" + i, "c2", "c2.mp3");
        }
        assertTrue(store.pendingUpload("token0").isEmpty());
        assertEquals("c2", store.pendingUpload("token2").orElseThrow().callId());
        assertEquals(3, store.completeUpload("token1", "c2.mp3", 3, null).orElseThrow().size());
    }

    @Test
    void openCallsSharingANumberAreReusedOnlyUnderTheirWholeKeyAndLeaveOneAnother() {
        TelephonyStore store = new TelephonyStore(10, 100, Long.MAX_VALUE);
        String number = "+79001112233";
        List<Call> calls = List.of(
                new Call("user1", "", 1, number, 2, null, null, Requests.T0, true, null, List.of(), List.of(), null, null, java.util.Set.of()),
                new Call("user2", "", 2, number, 2, null, null, Requests.T0.plusSeconds(1), true, null, List.of(), List.of(), null, null, java.util.Set.of()),
                new Call("outgoing", "", 1, number, 1, null, null, Requests.T0.plusSeconds(2), true, null, List.of(), List.of(), null, null, java.util.Set.of()),
                new Call("app", "app.1", 1, number, 2, null, null, Requests.T0.plusSeconds(3), true, null, List.of(), List.of(), null, null, java.util.Set.of()),
                new Call("later", "", 1, number, 2, null, null, Requests.T0.plusSeconds(4), true, null, List.of(), List.of(), null, null, java.util.Set.of()));
        calls.forEach(store::put);
        Call.ReuseKey key = new Call.ReuseKey("", 1, number, 2);
        assertEquals(List.of("later", "user1"), store.reusable(key, Requests.T0.minusSeconds(1)).stream().map(Call::callId).toList(),
                "same app, user, number and type, newest first");
        assertEquals(List.of("later"), store.reusable(key, Requests.T0).stream().map(Call::callId).toList(),
                "only calls started after the window's start");
        store.finish(calls.get(4), new TelephonyStore.FinishedCallDraft(1, 0, 0, "", "200", "", 0, null, false, null, Requests.T0));
        store.finish(calls.get(1), new TelephonyStore.FinishedCallDraft(1, 0, 0, "", "200", "", 0, null, false, null, Requests.T0));
        assertEquals(List.of("user1"), store.reusable(key, Requests.T0.minusSeconds(1)).stream().map(Call::callId).toList());
        assertEquals(List.of("app"), store.reusable(new Call.ReuseKey("app.1", 1, number, 2), Requests.T0.minusSeconds(1))
                .stream().map(Call::callId).toList());
        calls.forEach(call -> store.active(call.callId()).ifPresent(open -> store.finish(open,
                new TelephonyStore.FinishedCallDraft(1, 0, 0, "", "200", "", 0, null, false, null, Requests.T0))));
        assertTrue(store.reusable(key, Requests.T0.minusSeconds(1)).isEmpty());
        store.put(calls.get(0));
        assertEquals(List.of("user1"), store.reusable(key, Requests.T0.minusSeconds(1)).stream().map(Call::callId).toList(),
                "the number's entry starts over once its calls are gone");
    }

    @Test
    void openCallsAreBoundedOldestFirstAndAStateFileWithMoreKeepsTheNewest() {
        TelephonyStore store = new TelephonyStore(10, 2, Long.MAX_VALUE);
        List<Call> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Call call = new Call("c" + i, "", 1, "+7900" + i, 2, null, null, Requests.T0.plusSeconds(i), true, null,
                    List.of(), List.of(), null, null, java.util.Set.of());
            calls.add(call);
            assertEquals(i < 2 ? List.of() : List.of(calls.get(i - 2)), store.put(call), "put " + i + " drops");
        }
        assertEquals(List.of(), store.put(calls.get(3).withShownTo(java.util.Set.of(1L))), "a changed call drops none");
        assertEquals(java.util.Set.of("c2", "c3"), store.activeCalls().stream().map(Call::callId)
                .collect(java.util.stream.Collectors.toSet()));
        assertTrue(store.reusable(new Call.ReuseKey("", 1, "+79000", 2), Requests.T0.minusSeconds(60)).isEmpty(),
                "a dropped call is not reused");
        assertTrue(store.firstDropReport());
        assertFalse(store.firstDropReport(), "said once");

        TelephonyStore smaller = new TelephonyStore(10, 1, Long.MAX_VALUE);
        smaller.restore(store.snapshot());
        assertEquals(List.of("c3"), smaller.activeCalls().stream().map(Call::callId).toList());
    }

    /**
     * D122: the texts a client gave the kept calls weigh at most the bound (two bytes a character); past it the
     * oldest finished calls go first, with every transcript of theirs, then the oldest open calls.
     */
    @Test
    void callTextIsBoundedFinishedCallsGoingFirstThenTheOldestOpenOnes() {
        TelephonyStore store = new TelephonyStore(10, 20_000, 1_000);
        String hundred = "1".repeat(100); // 200 bytes a call
        List<Call> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(new Call("c" + i, "", 1, i + hundred, 2, null, null, Requests.T0.plusSeconds(i), true, null,
                    List.of(), List.of(), null, null, java.util.Set.of()));
            assertEquals(List.of(), store.put(calls.get(i)), "800 bytes fit");
        }
        store.finish(calls.get(0), draft());
        for (int i = 0; i < 3; i++) { // every transcript of a call goes with it, not only its latest
            store.addTranscript("c0", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                    .add("t" + i), null, null);
        }
        Call heavy = new Call("heavy", "", 1, "+7" + "2".repeat(148), 2, null, null, Requests.T0.plusSeconds(9), true,
                null, List.of(), List.of(), null, null, java.util.Set.of()); // 300 bytes: 1,150 with the rest
        assertEquals(List.of(), store.put(heavy), "the finished call goes first, its transcripts with it");
        assertTrue(store.finished("c0").isEmpty());
        assertTrue(store.transcripts().isEmpty(), "no transcript of a dropped call stays");
        Call last = new Call("last", "", 1, "+7" + "3".repeat(298), 2, null, null, Requests.T0.plusSeconds(10), true,
                null, List.of(), List.of(), null, null, java.util.Set.of()); // 600 bytes: 1,506 in all
        assertEquals(List.of(calls.get(1), calls.get(2), calls.get(3)), store.put(last),
                "then as many of the oldest open calls as it takes");
        assertEquals(java.util.Set.of("heavy", "last"), store.activeCalls().stream().map(Call::callId)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(3, store.droppedOpenCalls());

        // a row weighs its call and the texts finish gave it; the newest stays even when it alone passes the bound
        store.finish(heavy, new TelephonyStore.FinishedCallDraft(1, 0, 0, "", "304", "x".repeat(600), 0, null, false,
                null, Requests.T0));
        assertTrue(store.finished("heavy").isPresent());
        store.clear();
        store.put(calls.get(0));
        assertEquals(List.of(), store.put(calls.get(1)), "a reset forgets the weight with the calls");
    }

    @Test
    void theBoundDropsTheOldestCallStillOpenAndFinishedCallsDoNotPileUpInItsQueue() {
        TelephonyStore store = new TelephonyStore(10, 3, Long.MAX_VALUE);
        List<Call> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(new Call("c" + i, "", 1, "+7900" + i, 2, null, null, Requests.T0.plusSeconds(i), true, null,
                    List.of(), List.of(), null, null, java.util.Set.of()));
        }
        store.put(calls.get(0));
        store.put(calls.get(1));
        store.put(calls.get(2));
        store.finish(calls.get(0), draft());
        store.finish(calls.get(2), draft());
        store.put(calls.get(3));
        assertEquals(List.of(), store.put(calls.get(4)), "three open: nothing dropped");
        Call fifth = new Call("c5", "", 1, "+79005", 2, null, null, Requests.T0, true, null, List.of(), List.of(),
                null, null, java.util.Set.of());
        assertEquals(List.of(calls.get(1)), store.put(fifth), "the oldest open call goes, not a finished one");
        assertEquals(java.util.Set.of("c3", "c4", "c5"), store.activeCalls().stream().map(Call::callId)
                .collect(java.util.stream.Collectors.toSet()));

        TelephonyStore roomy = new TelephonyStore(10, 20_000, Long.MAX_VALUE);
        for (int i = 0; i < 100_000; i++) {
            Call call = new Call("r" + i, "", 1, "+7" + i, 2, null, null, Requests.T0, true, null, List.of(),
                    List.of(), null, null, java.util.Set.of());
            roomy.put(call);
            if (i % 100 != 0) {
                roomy.finish(call, draft());
            }
        }
        assertEquals(1_000, roomy.activeCalls().size());
        assertTrue(roomy.openOrderLength() <= 2 * 1_000 + 1_024 + 1,
                "finished calls leave the queue: " + roomy.openOrderLength());
    }

    private static TelephonyStore.FinishedCallDraft draft() {
        return new TelephonyStore.FinishedCallDraft(1, 0, 0, "", "200", "", 0, null, false, null, Requests.T0);
    }
}
