package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.finding;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.engine.report.FindingOutcome;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a run report tells beyond the funnel: how long each phase took, the requests per adapter,
 * where an already reported group went, and — for the HTML report — the fate of every current
 * finding with its runtime context.
 */
class RunReportTest {
  final TriageFixture fx = new TriageFixture();
  final Workflow wf = TriageFixture.workflow(TriageSemanticsTest.WORKFLOW);

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  /** Alerted; HIGH in production; critical not running; and one finding a week old. */
  private void demo() {
    fx.findings.add(critical("CVE-2024-0001", "payments/api", 1, ofHours(2)));
    fx.findings.add(
        finding("CVE-2024-0002", "HIGH", "payments/api", 1, "zlib", "1.2", ofHours(2), ofHours(1)));
    fx.findings.add(critical("CVE-2024-0003", "payments/batch", 3, ofHours(2)));
    fx.findings.add(
        finding("CVE-2024-0004", "CRITICAL", "old/app", 4, "zlib", "1.2", ofDays(30), ofDays(9)));
    fx.inventory(pod(1, "api-1", "running", "production", ofMinutes(5)));
    fx.inventory(pod(3, "batch-3", "terminated", "production", ofMinutes(5)));
  }

  @Test
  void reportsHowLongEachPhaseTookInTheOrderTheyRan() {
    demo();

    RunReport r = fx.run(wf, NOW);

    assertThat(r.durations())
        .containsOnlyKeys(
            "fetch",
            "select",
            "enrich",
            "filter:running",
            "filter:production",
            "group",
            "suppress-reported",
            "deliver",
            "follow-ups");
    assertThat(List.copyOf(r.durations().keySet()))
        .startsWith("fetch", "select", "enrich", "filter:running")
        .endsWith("deliver", "follow-ups");
    assertThat(r.durations().values()).allSatisfy(ms -> assertThat(ms).isNotNegative());
  }

  @Test
  void countsRequestsPerAdapterIncludingTheWorkflowsActions() {
    demo();

    RunReport r = fx.run(wf, NOW);

    assertThat(r.calls()).containsKeys("findings", "inventory", "state", "jira", "slack");
    assertThat(r.calls().get("findings")).containsEntry("test.source", 1);
    assertThat(r.calls().get("state")).isNotEmpty();
    // Delivered to the outbox: no HTTP request to Jira or Slack.
    assertThat(r.calls().get("jira")).isEmpty();
    assertThat(r.calls().get("slack")).isEmpty();
  }

  @Test
  void anAlreadyReportedGroupStillSaysWhereItWasDelivered() {
    demo();
    fx.run(wf, NOW);

    RunReport second = fx.run(wf, NOW.plus(ofMinutes(30)));

    GroupReport g = second.groups().get(0);
    assertThat(g.decision()).isEqualTo("suppressed");
    assertThat(g.deliveries()).containsOnlyKeys("jira", "slack");
    assertThat(g.deliveries().get("jira").outcome()).isEqualTo("already-delivered");
    assertThat(g.deliveries().get("jira").result()).containsKey("outbox");
  }

  @Test
  void aTracedRunKeepsEveryCurrentFindingWithItsRuntimeContextAndFate() {
    demo();

    RunReport r = fx.run(wf, RunOptions.at(NOW).traceFindings(true));

    Map<String, FindingOutcome> byCve = new java.util.HashMap<>();
    r.findings().forEach(o -> byCve.put(o.finding().vulnerabilityId(), o));
    assertThat(byCve).containsOnlyKeys("CVE-2024-0001", "CVE-2024-0002", "CVE-2024-0003");
    FindingOutcome alerted = byCve.get("CVE-2024-0001");
    assertThat(alerted.runtimeStatus()).isEqualTo("running");
    assertThat(alerted.stages()).containsExactly("production");
    assertThat(alerted.products()).containsExactly("payments");
    assertThat(alerted.clusters()).containsExactly("prod-eu");
    assertThat(alerted.workloads()).containsExactly("prod-eu/payments/api");
    assertThat(alerted.droppedAt()).isNull();
    assertThat(alerted.group()).isEqualTo(r.groups().get(0).fingerprint());
    // Dropped before the inventory join, yet shown where it runs.
    FindingOutcome high = byCve.get("CVE-2024-0002");
    assertThat(high.droppedAt()).isEqualTo("severity");
    assertThat(high.reason()).isEqualTo("severity not in [CRITICAL]");
    assertThat(high.runtimeStatus()).isEqualTo("running");
    assertThat(high.stages()).containsExactly("production");
    assertThat(high.group()).isNull();
    FindingOutcome stopped = byCve.get("CVE-2024-0003");
    assertThat(stopped.droppedAt()).isEqualTo("running");
    assertThat(stopped.runtimeStatus()).isEqualTo("not running");
    assertThat(stopped.stages()).isEmpty();
  }

  @Test
  void anUntracedRunKeepsNoFindingsAndTheJsonReportNeverHoldsThem() {
    demo();

    RunReport untraced = fx.run(wf, NOW);
    RunReport traced = fx.run(wf, RunOptions.at(NOW).traceFindings(true));

    assertThat(untraced.findings()).isEmpty();
    assertThat(traced.findings()).hasSize(3);
    JsonNode json = TriageFixture.JSON.valueToTree(traced);
    assertThat(json.has("findings")).isFalse();
    assertThat(json.has("durations")).isTrue();
    assertThat(json.has("funnel")).isTrue();
  }
}
