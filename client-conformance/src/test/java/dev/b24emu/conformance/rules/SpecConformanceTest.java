package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One finding for each mistake: a parameter that misses every branch of its schema, or an alternative left out. */
class SpecConformanceTest {
    private static Traffic.Request request(long seq, String method, ObjectNode params) {
        return new Traffic.Request(seq, "", method, "webhook", null, null, params, 400, "ERROR_CORE", null, List.of(),
                100, seq);
    }

    @Test
    void aMissingAlternativeAndAWrongTypeAreOneFindingEach() {
        ObjectNode finish = JsonNodeFactory.instance.objectNode().put("CALL_ID", "externalCall.1").put("DURATION", 35);
        ObjectNode register = JsonNodeFactory.instance.objectNode().put("USER_ID", 2).put("PHONE_NUMBER", "+79990000001")
                .put("TYPE", "incoming");
        List<Violation> found = new SpecConformance().check(new Traffic(List.of(
                request(1, "telephony.externalcall.finish", finish),
                request(2, "telephony.externalcall.register", register)), List.of()));
        assertEquals(List.of(1L, 2L), found.stream().map(Violation::seq).toList(), found.toString());
        assertTrue(found.get(0).message().contains("USER_ID or USER_PHONE_INNER"), found.get(0).message());
        assertTrue(found.get(1).message().contains("TYPE") || found.get(1).message().contains("Unknown TYPE"),
                found.get(1).message());
        // the fix in words, not the schema's three branches
        assertEquals("one of 1, 2, 3, 4, 5 (a number may come as a string): 1 outgoing, 2 incoming, 3 incoming with"
                + " redirection, 4 callback, 5 informational call.", found.get(1).expected().get("TYPE").asText());
    }

    private static Traffic.Request answered(long seq, String method, ObjectNode params, List<String> warnings) {
        return new Traffic.Request(seq, "", method, "webhook", null, null, params, 200, null, null, warnings, 100, seq);
    }

    /**
     * What the rule does not check by itself reaches the report from the journal: a batch's commands' deviations, a
     * list's START; and a value the portal took (USER_ID "2abc") is not said to be refused.
     */
    @Test
    void batchCommandsStartAndTakenValuesAreReportedAsTheyWere() {
        String command = "Unknown parameter FOO: user.current does not document it and the real server ignores it";
        String start = "Parameter START is not start: the real server reads a list's start only in lower case";
        ObjectNode register = JsonNodeFactory.instance.objectNode().put("USER_ID", "2abc").put("PHONE_NUMBER", "+7999")
                .put("TYPE", 2);
        List<Violation> found = new SpecConformance().check(new Traffic(List.of(
                answered(1, "batch", JsonNodeFactory.instance.objectNode(), List.of(command)),
                answered(2, "crm.lead.list", JsonNodeFactory.instance.objectNode().put("START", 50), List.of(start)),
                answered(3, "telephony.externalcall.register", register, List.of())), List.of()));
        assertEquals(List.of("batch: " + command, "crm.lead.list: " + start),
                found.stream().filter(v -> v.seq() < 3).map(Violation::message).toList());
        List<String> taken = found.stream().filter(v -> v.seq() == 3).map(Violation::message).toList();
        assertEquals(1, taken.size(), taken.toString());
        assertTrue(taken.get(0).contains("USER_ID") && !taken.get(0).contains("refuses"), taken.get(0));
    }

    /** What the emulator itself does otherwise than a real portal (its notices, D197) is no rule the integration broke. */
    @Test
    void theEmulatorsNoticesAreNotTheIntegrationsFindings() {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("entityTypeId", 3);
        Traffic.Request request = new Traffic.Request(1, "", "crm.category.list", "webhook", null, null, params, 400,
                "NOT_FOUND", null, List.of(), List.of("crm.category.*: the emulator keeps the pipelines of deals only;"
                + " a real portal has those of entity type 3 too"), 100, 1);
        assertEquals(List.of(), new SpecConformance().check(new Traffic(List.of(request), List.of())));
    }

    /**
     * A name the method reads by its shape or position is no unknown parameter: task.elapseditem.* binds its
     * arguments by their order, whatever their names (D175), event.test takes any; a name a page does not document
     * still is one.
     */
    @Test
    void namesTheMethodReadsWhateverTheyAreAreNotUnknown() {
        ObjectNode positional = JsonNodeFactory.instance.objectNode().put("taskNumber", 1);
        positional.putObject("entry").put("SECONDS", 60);
        ObjectNode calendar = JsonNodeFactory.instance.objectNode().put("type", "user").put("ownerId", 1)
                .put("sectionId", 5);
        List<Violation> found = new SpecConformance().check(new Traffic(List.of(
                answered(1, "task.elapseditem.add", positional, List.of()),
                answered(2, "event.test", JsonNodeFactory.instance.objectNode().put("any", "data"), List.of()),
                answered(3, "calendar.section.get", calendar, List.of())), List.of()));
        assertEquals(List.of("calendar.section.get: unknown parameter sectionId (the portal ignores it)"),
                found.stream().map(Violation::message).toList());
    }
}
