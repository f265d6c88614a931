package io.vulnsift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.cli.Demo;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.port.FindingSource.Fetched;
import io.vulnsift.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The findings view over the demo data: runtime status and stage filters as a person uses them. */
class FindingsViewTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  final LocalDynamoDb db = LocalDynamoDb.inMemory();
  final RunEnvironment env;

  FindingsViewTest() {
    env = Demo.environment(db, "eks", NOW, Optional.empty());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<FindingsView.Row> rows(String status, String stage, Severity min) {
    return FindingsView.rows(
        env,
        NOW,
        Duration.ofDays(7),
        Duration.ofHours(3),
        new FindingsView.Filter(
            Optional.ofNullable(status), Optional.ofNullable(stage), Optional.ofNullable(min)));
  }

  @Test
  void filtersByRuntimeStatusStageAndSeverityLikeTheShippedWorkflow() {
    List<FindingsView.Row> all = rows(null, null, null);
    List<FindingsView.Row> running = rows("running", null, null);
    List<FindingsView.Row> notRunning = rows("not running", null, null);
    List<FindingsView.Row> criticalInProduction = rows("running", "production", Severity.CRITICAL);

    assertThat(all).hasSize(120);
    assertThat(running.size() + notRunning.size()).isEqualTo(all.size());
    assertThat(running).allSatisfy(r -> assertThat(r.workloads()).isNotEmpty());
    assertThat(notRunning).allSatisfy(r -> assertThat(r.stages()).isEmpty());
    // The designed funnel of examples/README.md: 5 critical findings running in production.
    assertThat(criticalInProduction).hasSize(5);
    assertThat(criticalInProduction).allSatisfy(r -> assertThat(r.stages()).contains("production"));
    assertThat(criticalInProduction.get(0).finding().severity()).isEqualTo("CRITICAL");
  }

  @Test
  void aSourceWithNothingGivesAnEmptyView() {
    RunEnvironment empty =
        new RunEnvironment(
            request -> new Fetched(List.of(), Map.of(), Map.of()),
            env.inventory(),
            env.state(),
            Optional.empty());
    assertThat(
            FindingsView.rows(
                empty,
                NOW,
                Duration.ofDays(7),
                Duration.ofHours(3),
                new FindingsView.Filter(Optional.empty(), Optional.empty(), Optional.empty())))
        .isEmpty();
  }
}
