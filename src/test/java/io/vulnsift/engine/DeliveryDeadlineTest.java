package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.actions.slack.SlackActionHandler;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Action;
import io.vulnsift.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine bounds each delivery by its claim: what a handler may still spend on retries ends a
 * tenth of the lease before the claim does, counted from the claim, however long the run has been
 * going.
 */
class DeliveryDeadlineTest {

  /** A configured Jira handler that records, while it delivers, how long it may still take. */
  static final class TimedJira extends ConfiguredJira {
    final List<Boolean> mayTakeFourMinutes = new ArrayList<>();
    final List<Boolean> mayTakeTheWholeLease = new ArrayList<>();

    @Override
    public Map<String, String> deliver(Action.Jira action, PlannedRequest request, Alert alert) {
      Instant now = Instant.now();
      mayTakeFourMinutes.add(DeliveryDeadline.allows(now, ofMinutes(4), Duration.ZERO));
      mayTakeTheWholeLease.add(DeliveryDeadline.allows(now, ofMinutes(5), Duration.ZERO));
      return Map.of("jiraKey", "SEC-" + mayTakeFourMinutes.size());
    }
  }

  @Test
  void eachDeliveryMayTakeNineTenthsOfItsLease() throws Exception {
    TimedJira jira = new TimedJira();
    try (TriageFixture fx =
        new TriageFixture(List.of(jira, new SlackActionHandler(SlackSettings.NONE)))) {
      Workflow wf = TriageFixture.workflow(TriageSemanticsTest.WORKFLOW);
      for (int image = 1; image <= 2; image++) {
        fx.findings.add(critical("CVE-2024-910" + image, "payments/api", image, ofHours(2)));
        fx.inventory(pod(image, "api-" + image, "running", "production", ofMinutes(5)));
      }

      RunReport report = fx.run(wf, NOW); // a 5-minute lease

      assertThat(report.errors()).isEmpty();
      assertThat(jira.mayTakeFourMinutes).containsExactly(true, true);
      assertThat(jira.mayTakeTheWholeLease).containsExactly(false, false);
    }
    // Outside a delivery nothing is bounded.
    assertThat(DeliveryDeadline.allows(Instant.now(), Duration.ofDays(1), Duration.ofDays(1)))
        .isTrue();
  }

  @Test
  void theDeadlineCountsFromTheClaim() {
    Instant claimed = Instant.parse("2026-11-26T12:00:00Z");
    Instant deadline = DeliveryDeadline.of(claimed, ofMinutes(5));

    assertThat(deadline).isEqualTo(Instant.parse("2026-11-26T12:04:30Z"));
    DeliveryDeadline.within(
        deadline,
        () -> {
          // 60 s back-off + a 30 s attempt, started 3 minutes in: ends at 4:30, allowed.
          assertThat(DeliveryDeadline.allows(claimed.plusSeconds(180), ofMinutes(1), sec(30)))
              .isTrue();
          // The same a second later would end after the deadline.
          assertThat(DeliveryDeadline.allows(claimed.plusSeconds(181), ofMinutes(1), sec(30)))
              .isFalse();
          return null;
        });
  }

  private static Duration sec(long s) {
    return Duration.ofSeconds(s);
  }
}
