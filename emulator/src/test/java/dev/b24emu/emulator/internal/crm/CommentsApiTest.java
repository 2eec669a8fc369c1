package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * crm.timeline.comment.* (D139): a connector's note on a call — the summary of a transcript, say — is written, read,
 * listed, corrected and removed as the real server's proxy and controller do it.
 */
class CommentsApiTest extends EmulatorHarness {
    private static final String GIF = "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";

    private int deal() {
        return call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Renewal"))).then().statusCode(200)
                .extract().path("result");
    }

    private int comment(int deal, String text, List<?> files) {
        return call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", deal, "ENTITY_TYPE", "deal",
                "COMMENT", text, "FILES", files))).then().statusCode(200).extract().path("result");
    }

    @Test
    void aCommentIsReadListedCorrectedAndRemoved() {
        int deal = deal();
        int first = comment(deal, "Called, no answer", List.of(List.of("1.gif", GIF), List.of("notes.txt", "aGVsbG8=")));
        int second = comment(deal, "Called back", List.of());
        call("crm.timeline.comment.fields", Map.of()).then().statusCode(200).body("result.ENTITY_ID.isImmutable", equalTo(true))
                .body("result.FILES.type", equalTo("attached_diskfile"));

        call("crm.timeline.comment.get", Map.of("id", first)).then().statusCode(200)
                .body("result.ID", equalTo(Integer.toString(first))).body("result.ENTITY_ID", equalTo(Integer.toString(deal)))
                .body("result.ENTITY_TYPE", equalTo("deal")).body("result.COMMENT", equalTo("Called, no answer"))
                .body("result.AUTHOR_ID", equalTo("1"))
                .body("result.FILES.1.name", equalTo("1.gif")).body("result.FILES.1.type", equalTo("image"))
                .body("result.FILES.1.size", equalTo(43)).body("result.FILES.2.type", equalTo("file"))
                .body("result.FILES.2.size", equalTo(5));
        call("crm.timeline.comment.get", Map.of("ID", second)).then().body("result", not(hasKey("FILES")));

        call("crm.timeline.comment.list", Map.of("filter", Map.of("ENTITY_ID", deal, "ENTITY_TYPE", "DEAL"),
                "order", Map.of("ID", "DESC"), "select", List.of("ID", "ENTITY_ID", "COMMENT"))).then().statusCode(200)
                .body("total", equalTo(2)).body("result.ID", equalTo(List.of(Integer.toString(second), Integer.toString(first))))
                .body("result[0].ENTITY_ID", equalTo(deal)).body("result[0]", not(hasKey("AUTHOR_ID")))
                .body("result[1].FILES.1.name", equalTo("1.gif"));
        call("crm.timeline.comment.list", Map.of("filter", Map.of("ENTITY_ID", deal, "ENTITY_TYPE", "deal"),
                "order", Map.of("ID", "desc"))).then().body("result.ID",
                        equalTo(List.of(Integer.toString(first), Integer.toString(second)))); // only DESC descends

        call("crm.timeline.comment.update", Map.of("id", first, "fields", Map.of("COMMENT", "Called, voicemail left")))
                .then().statusCode(200).body("result", equalTo(first));
        call("crm.timeline.comment.get", Map.of("id", first)).then().body("result.COMMENT", equalTo("Called, voicemail left"))
                .body("result", not(hasKey("FILES"))); // an update without FILES takes the files away

        call("crm.timeline.comment.delete", Map.of("id", second, "ownerTypeId", 2, "ownerId", deal)).then().statusCode(200)
                .body("result", nullValue());
        call("crm.timeline.comment.get", Map.of("id", second)).then().statusCode(400).body("error_description", equalTo("Not found."));
    }

    @Test
    void refusalsFollowTheProxyAndTheController() {
        int deal = deal();
        int id = comment(deal, "Note", List.of());
        call("crm.timeline.comment.get", Map.of()).then().statusCode(400)
                .body("error_description", equalTo("ID is not defined or invalid."));
        call("crm.timeline.comment.list", Map.of("filter", Map.of("ENTITY_TYPE", "deal"))).then().statusCode(400)
                .body("error_description", equalTo("Access denied."));
        call("crm.timeline.comment.list", Map.of("filter", "deal")).then().statusCode(400)
                .body("error_description", equalTo("Parameter 'filter' must be array."));
        call("crm.timeline.comment.update", Map.of("fields", Map.of("COMMENT", "x"))).then().statusCode(400)
                .body("error", equalTo("100")).body("error_description", equalTo("Could not find value for parameter {id}"));
        call("crm.timeline.comment.update", Map.of("id", id)).then().statusCode(400)
                .body("error_description", equalTo("Could not find value for parameter {fields}"));
        call("crm.timeline.comment.update", Map.of("id", id, "fields", Map.of("COMMENT", "  "))).then().statusCode(400)
                .body("error", equalTo("INVALID_ARG_VALUE")).body("error_description", equalTo("Empty comment message"));
        call("crm.timeline.comment.update", Map.of("id", 999_999, "fields", Map.of("COMMENT", "x"))).then().statusCode(400)
                .body("error", equalTo("NOT_FOUND"));
        call("crm.timeline.comment.delete", Map.of("id", id, "ownerTypeId", 99, "ownerId", deal)).then().statusCode(400)
                .body("error", equalTo("OWNER_NOT_FOUND")).body("error_description", equalTo("Owner was not found"));
        call("crm.timeline.comment.delete", Map.of("id", id, "ownerTypeId", 2, "ownerId", deal()))
                .then().statusCode(400).body("error", equalTo("NOT_FOUND")); // another deal's view of it
        call("crm.timeline.comment.get", Map.of("id", id)).then().statusCode(200);
    }
}
