package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.conformance.Traffic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The refresh rule judges the refresh: a retry with a new token refused for another mistake is that mistake's. */
class TokenRefreshTest {
    private static Traffic.Request request(long seq, String token, int status, String error) {
        return new Traffic.Request(seq, "", "telephony.externalcall.register", "oauth", "local.pbx", token,
                JsonNodeFactory.instance.objectNode().put("USER_ID", "user2"), status, error, null, List.of(), 100, seq);
    }

    @Test
    void aRetryWithTheNewTokenKeepsTheRuleWhateverElseItIsAnswered() {
        Traffic badUser = new Traffic(List.of(request(1, "old", 401, "expired_token"),
                request(2, "new", 400, "ERROR_CORE")), List.of());
        assertEquals(List.of(), new TokenRefresh().check(badUser));
        Traffic sameToken = new Traffic(List.of(request(1, "old", 401, "expired_token"),
                request(2, "old", 401, "expired_token")), List.of());
        assertEquals(2, new TokenRefresh().check(sameToken).size(), "the dead token again, and that refused too");
        Traffic unknownToken = new Traffic(List.of(request(1, "old", 401, "expired_token"),
                request(2, "made-up", 401, "invalid_token")), List.of());
        assertEquals(List.of("telephony.externalcall.register refused with expired_token was not retried with a"
                + " refreshed token"), new TokenRefresh().check(unknownToken).stream().map(Violation::message).toList());
    }
}
