package io.vulnsift.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.actions.jira.JiraActionHandler;
import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.actions.slack.SlackActionHandler;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.TestEngines;
import io.vulnsift.workflow.Workflow;
import io.vulnsift.workflow.WorkflowLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine as the application wires it (the same step executors and action handlers, built
 * without CDI), for the benchmarks. Slack's pacing (one message per second per channel) is recorded
 * instead of slept, so that a run's wall time shows vulnsift's own work; {@link #pacedMillis()}
 * says how long real Slack pacing would have added.
 */
final class BenchEngine {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final AtomicLong pacedNanos = new AtomicLong();
  private final Engine engine;

  BenchEngine(JiraSettings jira, SlackSettings slack) {
    RetryPolicy retry = RetryPolicy.DEFAULT.withSleeper(d -> pacedNanos.addAndGet(d.toNanos()));
    engine =
        TestEngines.with(
            List.of(new JiraActionHandler(jira, retry), new SlackActionHandler(slack, retry)),
            JSON);
  }

  Engine engine() {
    return engine;
  }

  /** Sleeps the action handlers asked for (Slack pacing, Retry-After) since the last call. */
  long pacedMillis() {
    return Duration.ofNanos(pacedNanos.getAndSet(0)).toMillis();
  }

  /** The shipped workflow, optionally under another name (a warm-up with its own state). */
  static Workflow shipped(String name) {
    return shipped(name, false);
  }

  /**
   * The shipped workflow; with {@code everySeverity} it keeps every severity, so that every current
   * finding goes through enrichment and the filters (the worst case of the pipeline's core).
   */
  static Workflow shipped(String name, boolean everySeverity) {
    Path file = Path.of("workflows/critical-production.yaml");
    try {
      String yaml = Files.readString(file);
      if (name != null) {
        yaml = yaml.replace("name: critical-production", "name: " + name);
      }
      if (everySeverity) {
        yaml =
            yaml.replace(
                "severities: [CRITICAL]",
                "severities: [CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED, UNDEFINED]");
      }
      return new WorkflowLoader().parse(file.toString(), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("run the benchmarks from the repository root", e);
    }
  }
}
