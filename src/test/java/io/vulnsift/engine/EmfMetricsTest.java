package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.report.EmfMetrics;
import io.vulnsift.engine.report.FunnelStage;
import io.vulnsift.engine.report.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * EMF lines hold the structure the Embedded Metric Format specification requires (the JSON Schema
 * {@code contracts/emf.schema.json} plus {@link EmfAssert}), and say per workflow what a dashboard
 * plots: the funnel, deliveries, failures.
 */
class EmfMetricsTest {
  static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
  final TriageFixture fx = new TriageFixture();

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  private static List<String> metricNames(JsonNode emf) {
    List<String> names = new ArrayList<>();
    for (JsonNode directive : emf.at("/_aws/CloudWatchMetrics")) {
      directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
    }
    return names;
  }

  @Test
  void aRunsFunnelDeliveriesAndFailuresAreAValidEmfDocumentPerWorkflow() {
    fx.findings.add(critical("CVE-2024-9000", "payments/api", 90, ofHours(2)));
    fx.inventory(pod(90, "api-90", "running", "production", ofMinutes(5)));
    RunReport report = fx.run(TriageFixture.workflow(TriageSemanticsTest.WORKFLOW), NOW);

    JsonNode emf = EmfMetrics.of(report, AT, TriageFixture.JSON);

    assertThat(EmfAssert.violations(emf)).isEmpty();
    assertThat(emf.at("/_aws/Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
    JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
    assertThat(directive.get("Namespace").asText()).isEqualTo("vulnsift");
    assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"workflow\"]]");
    List<String> expected = new ArrayList<>();
    report.funnel().forEach(s -> expected.add("funnel." + s.stage()));
    expected.addAll(List.of("deliveries", "deliveryFailures", "errors", "durationMs"));
    assertThat(metricNames(emf)).containsExactlyElementsOf(expected);
    assertThat(emf.get("workflow").asText()).isEqualTo("critical-production");
    assertThat(emf.get("funnel.fetched").asInt()).isEqualTo(1);
    assertThat(emf.get("funnel.new").asInt()).isEqualTo(1);
    assertThat(emf.get("funnel.delivered").asInt()).isEqualTo(1);
    // One group, two actions (Jira and Slack, both to the outbox here).
    assertThat(emf.get("deliveries").asInt()).isEqualTo(2);
    assertThat(emf.get("deliveryFailures").asInt()).isZero();
  }

  @Test
  void aDeliveryThatFailsIsCountedAsAFailureOfItsWorkflow() {
    fx.findings.add(critical("CVE-2024-9001", "payments/api", 91, ofHours(2)));
    fx.inventory(pod(91, "api-91", "running", "production", ofMinutes(5)));
    FindingSource source =
        request -> new FindingSource.Fetched(List.copyOf(fx.findings), Map.of(), Map.of());
    // No outbox and no Jira/Slack configuration: both actions fail (and are retried next run).
    RunEnvironment noOutbox = new RunEnvironment(source, fx.inventory, fx.state, Optional.empty());

    RunReport report =
        fx.engine.run(
            TriageFixture.workflow(TriageSemanticsTest.WORKFLOW), RunOptions.at(NOW), noOutbox);
    JsonNode emf = EmfMetrics.of(report, AT, TriageFixture.JSON);

    assertThat(EmfAssert.violations(emf)).isEmpty();
    assertThat(emf.get("deliveries").asInt()).isZero();
    assertThat(emf.get("deliveryFailures").asInt()).isEqualTo(2);
    assertThat(emf.get("funnel.failed").asInt()).isEqualTo(1);
    assertThat(emf.get("errors").asInt()).isEqualTo(2);
  }

  @Test
  void aWorkflowWithMoreStagesThanOneDirectiveHoldsSpreadsThemOverSeveral() {
    StringBuilder yaml = new StringBuilder("name: many-filters\nsteps:\n");
    for (int i = 0; i < 120; i++) {
      yaml.append("  - type: filter\n    name: f").append(i).append("\n    condition: 'true'\n");
    }
    yaml.append("actions:\n  - type: slack\n    channel: '#x'\n");
    RunReport report = fx.run(TriageFixture.workflow(yaml.toString()), NOW);

    JsonNode emf = EmfMetrics.of(report, AT, TriageFixture.JSON);

    assertThat(EmfAssert.violations(emf)).isEmpty();
    assertThat(emf.at("/_aws/CloudWatchMetrics").size()).isEqualTo(2);
    assertThat(metricNames(emf))
        .hasSize(report.funnel().size() + 4)
        .contains("funnel.f0", "funnel.f119", "deliveries");
  }

  @Test
  void theChecksRejectWhatTheSpecificationForbids() throws Exception {
    RunReport report = fx.run(TriageFixture.workflow(TriageSemanticsTest.WORKFLOW), NOW);
    ObjectNode valid = EmfMetrics.of(report, AT, TriageFixture.JSON);
    assertThat(EmfAssert.violations(valid)).isEmpty();

    ObjectNode noTimestamp = valid.deepCopy();
    ((ObjectNode) noTimestamp.get("_aws")).remove("Timestamp");
    ObjectNode badUnit = valid.deepCopy();
    ((ObjectNode) badUnit.at("/_aws/CloudWatchMetrics/0/Metrics/0")).put("Unit", "Apples");
    ObjectNode extraMember = valid.deepCopy();
    ((ObjectNode) extraMember.get("_aws")).put("LogGroup", "x");
    ObjectNode tooManyMetrics = valid.deepCopy();
    ArrayNode metrics = (ArrayNode) tooManyMetrics.at("/_aws/CloudWatchMetrics/0/Metrics");
    for (int i = metrics.size(); i <= 100; i++) {
      metrics.addObject().put("Name", "m" + i).put("Unit", "Count");
      tooManyMetrics.put("m" + i, 1);
    }
    ObjectNode tooManyDimensions = valid.deepCopy();
    ArrayNode set = (ArrayNode) tooManyDimensions.at("/_aws/CloudWatchMetrics/0/Dimensions/0");
    for (int i = set.size(); i <= 30; i++) {
      set.add("d" + i);
      tooManyDimensions.put("d" + i, "v");
    }
    ObjectNode metricNotAtRoot = valid.deepCopy();
    metricNotAtRoot.remove("funnel.new");
    ObjectNode metricNotANumber = valid.deepCopy();
    metricNotANumber.put("funnel.new", "1");
    ObjectNode dimensionNotAString = valid.deepCopy();
    dimensionNotAString.put("workflow", 7);

    assertThat(EmfAssert.violations(noTimestamp)).isNotEmpty();
    assertThat(EmfAssert.violations(badUnit)).isNotEmpty();
    assertThat(EmfAssert.violations(extraMember)).isNotEmpty();
    assertThat(metrics.size()).isEqualTo(101);
    assertThat(EmfAssert.violations(tooManyMetrics)).isNotEmpty();
    assertThat(set.size()).isEqualTo(31);
    assertThat(EmfAssert.violations(tooManyDimensions)).isNotEmpty();
    assertThat(EmfAssert.violations(metricNotAtRoot))
        .containsExactly("metric funnel.new is not a number (or up to 100 numbers) at the root");
    assertThat(EmfAssert.violations(metricNotANumber)).isNotEmpty();
    assertThat(EmfAssert.violations(dimensionNotAString)).isNotEmpty();
  }

  @Test
  void aFunnelStageNamedTwiceIsOneMetric() {
    RunReport report = fx.run(TriageFixture.workflow(TriageSemanticsTest.WORKFLOW), NOW);
    List<FunnelStage> twice = new ArrayList<>(report.funnel());
    twice.add(new FunnelStage("new", "groups", 0, 0, null));
    RunReport doubled =
        new RunReport(
            report.workflow(),
            report.runId(),
            report.now(),
            report.dryRun(),
            report.firstRun(),
            twice,
            report.groups(),
            report.plan(),
            report.calls(),
            report.capacity(),
            report.skippedImages(),
            report.errors(),
            report.durationMillis(),
            report.durations(),
            report.findings());

    assertThat(EmfAssert.violations(EmfMetrics.of(doubled, AT, TriageFixture.JSON))).isEmpty();
  }
}
