package dev.b24emu.conformance.report;

import dev.b24emu.conformance.ConformanceKit;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;

import java.nio.file.Path;

/** A Cucumber plugin that hands each finished scenario's status and failure to the run's recorder. */
public final class ScenarioListener implements ConcurrentEventListener {
    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
    }

    private void finished(TestCaseFinished event) {
        var result = event.getResult();
        String failure = result.getError() == null ? null : result.getError().getMessage();
        String uri = event.getTestCase().getUri().toString();
        String feature = Path.of(uri.substring(uri.lastIndexOf(':') + 1)).getFileName().toString();
        RunRecorder.ScenarioOutcome outcome = new RunRecorder.ScenarioOutcome(event.getTestCase().getId().toString(),
                feature, event.getTestCase().getName(), event.getTestCase().getLocation().getLine(),
                result.getStatus().name(), failure, result.getDuration().toMillis());
        ConformanceKit.current().recorder().finished(outcome);
        System.out.printf("%-7s %s:%d %s (%.1f s)%n", outcome.status(), feature, outcome.line(), outcome.name(),
                outcome.millis() / 1000.0);
    }
}
