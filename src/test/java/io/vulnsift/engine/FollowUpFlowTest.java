package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.actions.slack.SlackActionHandler;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.engine.report.PlanLine;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.engine.steps.BaselineGate;
import io.vulnsift.engine.steps.FilterStepExecutor;
import io.vulnsift.engine.steps.GroupStepExecutor;
import io.vulnsift.engine.steps.SuppressReportedExecutor;
import io.vulnsift.workflow.Action;
import io.vulnsift.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's follow-ups through the real Jira handler's planning: a resolved group becomes a
 * {@code jira.transition} aimed at the issue its creation recorded, sent once however many runs
 * notice the resolution at the same time. Only the HTTP sends are replaced by recorders.
 */
class FollowUpFlowTest {
  final TriageFixture fx = new TriageFixture();
  final List<String> created = new CopyOnWriteArrayList<>();
  final List<PlannedRequest> followUps = new CopyOnWriteArrayList<>();
  final java.util.concurrent.atomic.AtomicInteger failFollowUps =
      new java.util.concurrent.atomic.AtomicInteger();
  final Workflow wf =
      TriageFixture.workflow(
          """
          name: jira-only
          steps:
            - type: filter
              name: production
              condition: '"production" in runtime.runningStages'
            - type: group
            - type: suppress-reported
          actions:
            - type: jira
              project: SEC
          """);

  /** The real Jira handler, sending nothing over the network. */
  final class RecordingJira extends ConfiguredJira {
    @Override
    public Map<String, String> deliver(Action.Jira action, PlannedRequest request, Alert alert) {
      String key = "SEC-" + (created.size() + 1);
      created.add(key);
      return Map.of("jiraKey", key, "jiraUrl", "https://jira.example/browse/" + key);
    }

    @Override
    public Map<String, String> deliverFollowUp(
        Action.Jira action, PlannedRequest request, FollowUp followUp) {
      if (failFollowUps.getAndDecrement() > 0) {
        throw new DeliveryException("Jira answered 503");
      }
      followUps.add(request);
      return Map.of("jiraStatus", "Done");
    }
  }

  final Engine engine =
      new Engine(
          new StepRegistry(
              List.of(
                  new FilterStepExecutor(),
                  new GroupStepExecutor(),
                  new SuppressReportedExecutor(new BaselineGate(), TriageFixture.JSON))),
          new Deliveries(registry()),
          new FollowUps(registry()));

  private ActionRegistry registry() {
    return new ActionRegistry(
        List.of(new RecordingJira(), new SlackActionHandler(SlackSettings.NONE)));
  }

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  private RunReport run(java.time.Instant now) {
    RunEnvironment env =
        new RunEnvironment(
            request ->
                new io.vulnsift.engine.port.FindingSource.Fetched(
                    List.copyOf(fx.findings), Map.of(), Map.of()),
            fx.inventory,
            fx.state,
            java.util.Optional.empty());
    return engine.run(wf, RunOptions.at(now), env);
  }

  @Test
  void aResolvedGroupTransitionsItsJiraIssueExactlyOnceUnderConcurrentRuns() throws Exception {
    fx.findings.add(critical("CVE-2024-8000", "payments/api", 80, ofHours(2)));
    fx.inventory(pod(80, "api-80", "running", "production", ofMinutes(5)));
    run(NOW);
    assertThat(created).containsExactly("SEC-1");

    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<RunReport>> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(pool.submit(() -> run(NOW.plus(ofHours(25)))));
    }
    int resolved = 0;
    PlanLine transition = null;
    for (Future<RunReport> f : runs) {
      RunReport r = f.get();
      resolved += r.count("resolved");
      for (PlanLine line : r.plan()) {
        if (line.action().equals("jira.transition")) {
          transition = line;
        }
      }
    }
    pool.shutdown();

    assertThat(resolved).isEqualTo(1);
    assertThat(followUps).hasSize(1);
    assertThat(transition).isNotNull();
    assertThat(transition.target()).containsEntry("jiraKey", "SEC-1");
    assertThat(transition.request().path("transition").path("name").asText()).isEqualTo("Done");
  }

  @Test
  void aFailedFollowUpIsKeptAndSentByTheNextRunOnce() {
    fx.findings.add(critical("CVE-2024-8100", "payments/api", 81, ofHours(2)));
    fx.inventory(pod(81, "api-81", "running", "production", ofMinutes(5)));
    run(NOW);
    failFollowUps.set(1);

    RunReport failing = run(NOW.plus(ofHours(25)));
    RunReport retried = run(NOW.plus(ofHours(26)));
    RunReport quiet = run(NOW.plus(ofHours(27)));

    assertThat(failing.count("resolved")).isEqualTo(1);
    assertThat(failing.errors()).singleElement().asString().contains("Jira answered 503");
    assertThat(retried.errors()).isEmpty();
    assertThat(followUps).hasSize(1);
    assertThat(followUps.get(0).operation()).isEqualTo("jira.transition");
    assertThat(quiet.plan()).isEmpty();
  }
}
