package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reset or a state import puts a filled set of stores in use in one step: requests answered meanwhile see the portal
 * before or after, never half-filled. With the stores emptied and refilled in place, a reset loop beside a loop of
 * reads had user.get answer [] and crm.contact.list fewer contacts than the seed's (race audit of session 44).
 */
class RefillTest extends EmulatorHarness {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JsonNode post(String method, String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(webhook + method))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    /** What a read shows of the portal: the first user, how many contacts it has, whether user 1 can take a call. */
    private String seen() throws Exception {
        return post("user.get", "{\"ID\":1}").path("result").size() + " user, "
                + post("crm.contact.list", "{}").path("total").asInt() + " contacts, "
                + post("telephony.externalcall.register", "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79990001122\",\"TYPE\":2,"
                + "\"SHOW\":0}").path("result").has("CALL_ID") + " registered";
    }

    private List<String> readWhile(Runnable change, int rounds) throws Exception {
        String before = seen();
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> changing = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    change.run();
                }
            } finally {
                done.set(true);
            }
        });
        List<String> odd = new ArrayList<>();
        int reads = 0;
        while (!done.get() || reads == 0) {
            String now = seen();
            reads++;
            if (!now.equals(before)) {
                odd.add(now);
            }
        }
        changing.join();
        assertTrue(reads > 0);
        assertEquals(before, seen());
        return odd;
    }

    private static void assertWhole(List<String> odd) {
        assertTrue(odd.isEmpty(), odd.size() + " reads saw a half-filled portal, first "
                + odd.subList(0, Math.min(5, odd.size())));
    }

    @Test
    void readsDuringResetsSeeTheWholeSeed() throws Exception {
        assertTrue(seen().matches("1 user, [1-9]\\d* contacts, true registered"), seen());
        assertWhole(readWhile(portal::resetToSeed, 500));
    }

    @Test
    void readsDuringStateImportsSeeTheWholeState() throws Exception {
        call("crm.contact.add", Map.of("fields", Map.of("NAME", "Kept"))).then().statusCode(200);
        var state = PortalState.export(portal);
        assertWhole(readWhile(() -> PortalState.restore(portal, state), 150));
    }
}
