package dev.b24emu.emulator.reliability;

import dev.b24emu.emulator.testing.EmulatorProcess;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a load aimed at an emulator process's heap must leave: everyone else still answered. */
final class StillServing {
    /** an emulator that died of its heap answers nothing: a test fails rather than waits for ever */
    private static final RestAssuredConfig TEN_SECONDS = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 10_000));

    private StillServing() {
    }

    /** A request that gives up after 10 s without an answer. */
    static RequestSpecification given() {
        return RestAssured.given().config(TEN_SECONDS);
    }

    /** No OutOfMemoryError in its log, health UP, and a call on the default webhook answered. */
    static void check(EmulatorProcess emulator) {
        assertTrue(emulator.output().stream().noneMatch(line -> line.contains("OutOfMemoryError")),
                String.join("\n", emulator.output()));
        given().get(emulator.base() + "/_emulator/health").then().statusCode(200).body("status", equalTo("UP"));
        given().contentType("application/json").body("{}").post(emulator.webhookUrl() + "user.current").then()
                .statusCode(200).body("result.ID", equalTo("1"));
    }
}
