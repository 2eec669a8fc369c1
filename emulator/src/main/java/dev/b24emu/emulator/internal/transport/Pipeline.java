package dev.b24emu.emulator.internal.transport;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * The request path as an explicit sequence of stages over one {@link RestExchange}. The transport decodes the
 * request, runs the stages, tells the completion listeners (the journal) and then writes the envelope; which stages
 * there are, and what they do, is the portal layer's business.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.request");

    private final List<Stage> beforeBody;
    private final List<Stage> stages;
    private final List<Consumer<RestExchange>> completion;

    /**
     * @param beforeBody stages that can judge a request from its URL alone (credentials in the path or query); a
     *                   request they refuse is answered without its body ever being read
     * @param stages     every stage, in order, run once the body is decoded
     * @param completion told of every answered exchange, just before the answer is written
     */
    public Pipeline(List<Stage> beforeBody, List<Stage> stages, List<Consumer<RestExchange>> completion) {
        this.beforeBody = List.copyOf(beforeBody);
        this.stages = List.copyOf(stages);
        this.completion = List.copyOf(completion);
    }

    /** The error that refuses the request from its URL alone, or null when the body must be read first. */
    RestError refusalBeforeBody(RestExchange exchange) {
        try {
            beforeBody.forEach(stage -> stage.apply(exchange));
            return null;
        } catch (RestError refused) {
            return refused;
        }
    }

    /**
     * Runs the stages from the first one; calls {@code answer} once the exchange has its result or error, or
     * {@code drop} when a stage dropped the connection. A stage that asks for a delay resumes on a timer.
     */
    void run(RestExchange exchange, Vertx vertx, Runnable answer, Runnable drop) {
        proceed(exchange, 0, vertx, answer, drop);
    }

    private void proceed(RestExchange exchange, int from, Vertx vertx, Runnable answer, Runnable drop) {
        try {
            for (int i = from; i < stages.size(); i++) {
                stages.get(i).apply(exchange);
                if (exchange.dropped()) {
                    drop.run();
                    return;
                }
                long delay = exchange.takeDelay();
                if (delay > 0) {
                    int next = i + 1;
                    vertx.setTimer(delay, timer -> proceed(exchange, next, vertx, answer, drop));
                    return;
                }
            }
        } catch (RestError failure) {
            exchange.error(failure);
        } catch (BufferOutput.TooLarge tooLarge) {
            exchange.error(BufferOutput.TooLarge.error());
        } catch (RuntimeException unexpected) {
            exchange.error(unexpected(exchange, unexpected));
        } catch (OutOfMemoryError | StackOverflowError exhausted) {
            exchange.error(exhausted(exchange, exhausted));
        }
        answer.run();
    }

    /** The answer to a call that failed in the emulator's own code: a bug, logged with its stack trace. */
    static RestError unexpected(RestExchange exchange, Throwable unexpected) {
        LOG.warn("Unexpected failure in {}", LogText.safe(exchange.method()), unexpected);
        return RestError.internal();
    }

    /**
     * The answer to a call whose work outgrew the heap or the stack: without it the error left the event loop and the
     * client waited for an answer that never came. What the call allocated is garbage once the error is caught, so
     * the server goes on. One WARN line without a stack trace: the cause is the call's size, not the code.
     */
    static RestError exhausted(RestExchange exchange, VirtualMachineError exhausted) {
        LOG.warn("{} while answering {}: answered 500 INTERNAL_SERVER_ERROR", exhausted.getClass().getSimpleName(),
                LogText.safe(exchange.method()));
        return RestError.internal();
    }

    void completed(RestExchange exchange) {
        for (Consumer<RestExchange> listener : completion) {
            try {
                listener.accept(exchange);
            } catch (RuntimeException unexpected) {
                LOG.warn("A completion listener failed for {}", exchange.method(), unexpected);
            }
        }
    }
}
