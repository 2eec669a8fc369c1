package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A call whose work or answer fails in a way no stage expects (the heap or the stack exhausted by its size, a bug in
 * writing its result) is still answered: 500 INTERNAL_SERVER_ERROR in the Bitrix24 envelope, within a second, and the
 * server answers the next call. Before, an OutOfMemoryError left the event loop and the client waited forever
 * (telephony.externalLine.get over 350,000 lines).
 */
class UnanswerableCallTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** what the one stage does with each call: set by each case */
    private volatile Consumer<RestExchange> work;
    /** what reading a JSON body throws, when a case sets it (a full heap, a deeply nested body) */
    private volatile Error decoding;
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Pipeline pipeline = new Pipeline(List.of(), List.of(exchange -> work.accept(exchange)), List.of());
        RestRoute route = new RestRoute(vertx, pipeline, new ParamDecoder(new FailingMapper()), new Envelope(JSON), 1 << 20,
                () -> new Endpoints("http://127.0.0.1"));
        server = vertx.createHttpServer().requestHandler(route::receive).listen(0)
                .toCompletionStage().toCompletableFuture().get();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void aCallThatExhaustsTheHeapOrTheStackIsAnswered500AndTheServerGoesOn() throws Exception {
        work = exchange -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        };
        assertInternalError(call());
        work = exchange -> {
            throw new StackOverflowError();
        };
        assertInternalError(call());
        work = exchange -> exchange.result(Map.of("ok", 1));
        assertEquals(1, call().body().at("/result/ok").asInt(), "the next call is served");
    }

    /** Decoding happens before the stages: with a full heap, a large body's parse failed there and went unanswered. */
    @Test
    void aBodyWhoseDecodingExhaustsTheHeapOrTheStackIsAnswered500() throws Exception {
        work = exchange -> exchange.result(Map.of("ok", 1));
        decoding = new OutOfMemoryError("Java heap space (simulated)");
        assertInternalError(call());
        decoding = new StackOverflowError();
        assertInternalError(call());
        decoding = null;
        assertEquals(1, call().body().at("/result/ok").asInt(), "the next call is served");
    }

    /** An ObjectMapper whose tree reading throws {@link #decoding} when it is set. */
    private final class FailingMapper extends ObjectMapper {
        @Override
        public com.fasterxml.jackson.databind.JsonNode readTree(byte[] content) throws java.io.IOException {
            Error failure = decoding;
            if (failure != null) {
                throw failure;
            }
            return super.readTree(content);
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode readTree(byte[] content, int offset, int length)
                throws java.io.IOException {
            Error failure = decoding;
            if (failure != null) {
                throw failure;
            }
            return super.readTree(content, offset, length);
        }
    }

    @Test
    void aResultTooLargeOrTooBrokenToWriteIsAnswered500() throws Exception {
        work = exchange -> exchange.result(new Unwritable(new OutOfMemoryError("Java heap space (simulated)")));
        assertInternalError(call());
        work = exchange -> exchange.result(new Unwritable(new IllegalStateException("a bug")));
        assertInternalError(call());
    }

    /** A result whose one property fails as it is written. */
    public record Unwritable(Throwable failure) {
        public String getLines() {
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer call() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.actualPort() + "/rest/1/token/telephony.externalLine.get"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"NUMBER\":\"74950000000\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static void assertInternalError(Answer answer) {
        assertEquals(500, answer.status(), answer.body().toString());
        assertEquals("INTERNAL_SERVER_ERROR", answer.body().path("error").asText(), answer.body().toString());
    }
}
