package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.PbxAction;
import dev.b24emu.conformance.Traffic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bitrix24 Market's recommended scenarios and the telephony tutorial's simultaneous queue judged on traffic: each way
 * of keeping them that the documentation gives keeps the rule, and the near misses a connector makes break it.
 */
class RecommendedScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = "externalCall.1";
    private static final Traffic.CrmObject OLGA = new Traffic.CrmObject("contact", 8, "Olga Smirnova",
            List.of("+7 (999) 000-00-08"), 3);

    private static Traffic.Request request(long seq, String method, String params, String result) throws Exception {
        return new Traffic.Request(seq, "", method, "webhook", null, null, (ObjectNode) JSON.readTree(params), 200, null,
                result == null ? null : JSON.readTree(result), List.of(), 100, seq);
    }

    private static Traffic.Request register(long seq, String params) throws Exception {
        return request(seq, "telephony.externalcall.register", params, "{\"CALL_ID\":\"" + CALL + "\"}");
    }

    private static Traffic traffic(List<Traffic.Request> requests, PbxAction... told) {
        List<Traffic.PhoneEvent> phone = java.util.Arrays.stream(told).map(a -> new Traffic.PhoneEvent(0, a)).toList();
        return new Traffic(requests, List.of(), List.of(OLGA), phone);
    }

    private static final PbxAction NO_OPERATOR = new PbxAction("incoming", Map.of("phone", "+79990000008", "line", "74950000000"));

    @Test
    void aCallRegisteredForTheResponsibleOrShownToThemIsRouted() throws Exception {
        ResponsibleRouting rule = new ResponsibleRouting();
        Traffic forThem = traffic(List.of(register(1, "{\"USER_ID\":3,\"PHONE_NUMBER\":\"79990000008\",\"TYPE\":2}")), NO_OPERATOR);
        assertTrue(rule.exercised(forThem));
        assertEquals(List.of(), rule.check(forThem));
        // the tutorial's way: registered with SHOW 0 for someone, then shown to the responsible (a list, form-style)
        Traffic shown = traffic(List.of(register(1, "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79990000008\",\"SHOW\":0}"),
                request(2, "telephony.externalCall.show", "{\"CALL_ID\":\"" + CALL + "\",\"USER_ID\":{\"0\":\"3\"}}", "true")),
                NO_OPERATOR);
        assertEquals(List.of(), rule.check(shown));
    }

    @Test
    void aCallGivenToSomeoneElseOrRegisteredHiddenForTheResponsibleIsNot() throws Exception {
        ResponsibleRouting rule = new ResponsibleRouting();
        List<Violation> found = rule.check(traffic(List.of(
                register(1, "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79990000008\",\"TYPE\":2}")), NO_OPERATOR));
        assertEquals(1, found.size());
        assertTrue(found.get(0).message().contains("never shown to user 3, the responsible of contact 8 (Olga Smirnova)"),
                found.get(0).message());
        assertEquals(3, found.get(0).expected().path("params").path("USER_ID").asLong());
        // registered for the responsible but with SHOW 0, and never shown: nobody sees the card
        assertEquals(1, rule.check(traffic(List.of(
                register(1, "{\"USER_ID\":3,\"PHONE_NUMBER\":\"+79990000008\",\"SHOW\":\"0\"}")), NO_OPERATOR)).size());
        // the phone system named its operator: its dial plan decides, nothing to judge
        Traffic named = traffic(List.of(register(1, "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79990000008\"}")),
                new PbxAction("incoming", Map.of("phone", "+79990000008", "user", 1)));
        assertFalse(rule.exercised(named));
        assertEquals(List.of(), rule.check(named));
    }

    private static final PbxAction TRANSFER = new PbxAction("transfer", Map.of("callId", CALL, "from", 2, "user", 3,
            "phone", "+79990000009"));

    @Test
    void aTransferredCallsCardIsShownToTheNewEmployeeAndHiddenFromTheOneBeforeUntilItsFinish() throws Exception {
        CardFollowsTransfer rule = new CardFollowsTransfer();
        Traffic moved = traffic(List.of(
                request(1, "telephony.externalcall.show", "{\"CALL_ID\":\"" + CALL + "\",\"USER_ID\":[3]}", "true"),
                request(2, "telephony.externalcall.hide", "{\"CALL_ID\":\"" + CALL + "\",\"USER_ID\":\"2\"}", "true"),
                request(3, "telephony.externalcall.finish", "{\"CALL_ID\":\"" + CALL + "\",\"USER_ID\":3}", "{}")), TRANSFER);
        assertTrue(rule.exercised(moved));
        assertEquals(List.of(), rule.check(moved));

        // hidden only by the finish, long after the transfer: the card stayed with user 2 during the conversation
        Traffic stayed = traffic(List.of(
                request(1, "telephony.externalcall.show", "{\"CALL_ID\":\"" + CALL + "\",\"USER_ID\":3}", "true"),
                request(2, "telephony.externalcall.finish", "{\"CALL_ID\":\"" + CALL + "\",\"USER_ID\":3}", "{}"),
                request(3, "telephony.externalcall.hide", "{\"CALL_ID\":\"" + CALL + "\",\"USER_ID\":2}", "true")), TRANSFER);
        List<Violation> found = rule.check(stayed);
        assertEquals(1, found.size());
        assertTrue(found.get(0).message().contains("stayed shown to user 2, who handed it on"), found.get(0).message());
        assertEquals("telephony.externalCall.hide", found.get(0).expected().path("method").asText());

        Traffic ignored = traffic(List.of(
                request(1, "telephony.externalcall.finish", "{\"CALL_ID\":\"" + CALL + "\",\"USER_ID\":3}", "{}")), TRANSFER);
        assertEquals(2, rule.check(ignored).size(), "neither shown to 3 nor hidden from 2");
    }

    private static final PbxAction RING_GROUP = new PbxAction("incoming", Map.of("phone", "+79990000010",
            "users", List.of(1, 2, 3)));

    private static Traffic queue(PbxAction answer, Traffic.Request... requests) {
        return new Traffic(List.of(requests), List.of(), List.of(), List.of(new Traffic.PhoneEvent(0, RING_GROUP),
                new Traffic.PhoneEvent(2, answer)));
    }

    @Test
    void aRingGroupsCallIsShownToAllOfItAndStaysWithWhoeverAnswers() throws Exception {
        QueueCards rule = new QueueCards();
        PbxAction answer = new PbxAction("answer", Map.of("phone", "+79990000010", "user", 3));
        String call = "{\"CALL_ID\":\"" + CALL + "\"";
        Traffic kept = queue(answer, register(1, "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79990000010\"}"),
                request(2, "telephony.externalCall.show", call + ",\"USER_ID\":[2,3]}", "true"),
                request(3, "telephony.externalCall.hide", call + ",\"USER_ID\":[1,2]}", "true"),
                request(4, "telephony.externalcall.finish", call + ",\"USER_ID\":3}", "{}"));
        assertTrue(rule.exercised(kept));
        assertEquals(List.of(), rule.check(kept));
        assertFalse(new ResponsibleRouting().exercised(kept), "a ring group names its operators");

        // registered hidden and shown to two of three; after the answer only the finish closes the others' cards
        List<Violation> found = rule.check(queue(answer,
                register(1, "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79990000010\",\"SHOW\":0}"),
                request(2, "telephony.externalCall.show", call + ",\"USER_ID\":[2,3]}", "true"),
                request(3, "telephony.externalcall.finish", call + ",\"USER_ID\":3}", "{}")));
        assertEquals(List.of("The call " + CALL + " rang for users [1, 2, 3] and its card was not shown to [1] while it rang",
                "User 3 answered " + CALL + " and its card stayed shown to [2] of the ring group until the call was finished"),
                found.stream().map(Violation::message).toList());
        assertEquals("[2]", found.get(1).expected().path("params").path("USER_ID").toString());
    }
}
