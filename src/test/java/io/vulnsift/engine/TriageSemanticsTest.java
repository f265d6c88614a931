package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.digest;
import static io.vulnsift.engine.Data.finding;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each rule of SPEC §2 on hand-made data, against DynamoDB Local. */
class TriageSemanticsTest {
  static final String WORKFLOW =
      """
      name: critical-production
      steps:
        - type: filter
          name: running
          condition: runtime.running
        - type: filter
          name: production
          condition: '"production" in runtime.runningStages'
        - type: group
        - type: suppress-reported
      actions:
        - type: jira
          project: SEC
        - type: slack
          channel: "#security-alerts"
      """;

  final TriageFixture fx = new TriageFixture();
  final Workflow wf = TriageFixture.workflow(WORKFLOW);

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  /** A recent critical finding of image {@code n} running in production, observed 2h ago first. */
  private void recentProductionCritical(String cve, int image) {
    fx.findings.add(critical(cve, "payments/api", image, ofHours(2)));
    fx.inventory(pod(image, "api-" + image, "running", "production", ofMinutes(10)));
  }

  @Test
  void aRecentCriticalFindingRunningInProductionIsAlertedToEveryActionOnce() {
    recentProductionCritical("CVE-2024-6119", 1);

    RunReport r = fx.run(wf, NOW);

    assertThat(r.count("new")).isEqualTo(1);
    assertThat(r.count("delivered")).isEqualTo(1);
    assertThat(fx.outbox())
        .extracting(l -> l.get("action").asText())
        .containsExactly("jira.create", "slack.post");
  }

  @Test
  void findingsNotObservedWithinTheLookbackAreDropped() {
    recentProductionCritical("CVE-2024-0001", 1);
    fx.findings.add(
        finding(
            "CVE-2024-0002", "CRITICAL", "payments/api", 1, "zlib", "1.2", ofDays(20), ofDays(8)));

    RunReport r = fx.run(wf, NOW);

    assertThat(r.count("fetched")).isEqualTo(2);
    assertThat(r.count("current")).isEqualTo(1);
    assertThat(alertedCves(r)).containsExactly("CVE-2024-0001");
  }

  @Test
  void onlyCriticalSeverityIsKeptByDefault() {
    recentProductionCritical("CVE-2024-0001", 1);
    fx.findings.add(
        finding("CVE-2024-0003", "HIGH", "payments/api", 1, "zlib", "1.2", ofHours(2), ofHours(1)));

    RunReport r = fx.run(wf, NOW);

    assertThat(r.count("severity")).isEqualTo(1);
    assertThat(alertedCves(r)).containsExactly("CVE-2024-0001");
  }

  @Test
  void imagesOnlyInTerminatedContainersAreNotRunning() {
    fx.findings.add(critical("CVE-2024-0004", "payments/api", 2, ofHours(2)));
    fx.inventory(pod(2, "api-2", "terminated", "production", ofMinutes(10)));

    RunReport r = fx.run(wf, NOW);

    assertThat(r.count("running")).isZero();
    assertThat(fx.outbox()).isEmpty();
  }

  @Test
  void inventoryRecordsNotSeenWithinThreeHoursAreIgnored() {
    fx.findings.add(critical("CVE-2024-0005", "payments/api", 3, ofHours(2)));
    fx.inventory(pod(3, "api-3", "running", "production", ofHours(4)));

    RunReport r = fx.run(wf, NOW);

    assertThat(r.count("running")).isZero();
  }

  @Test
  void imagesRunningOnlyInStagingOrWithoutAStageAreDropped() {
    fx.findings.add(critical("CVE-2024-0006", "payments/api", 4, ofHours(2)));
    fx.findings.add(critical("CVE-2024-0007", "payments/api", 5, ofHours(2)));
    fx.inventory(pod(4, "api-4", "running", "staging", ofMinutes(5)));
    fx.inventory(pod(5, "api-5", "running", null, ofMinutes(5)));

    RunReport r = fx.run(wf, NOW);

    assertThat(r.count("running")).isEqualTo(2);
    assertThat(r.count("production")).isZero();
  }

  @Test
  void aStagingContainerDoesNotHideAProductionOneOfTheSameImage() {
    fx.findings.add(critical("CVE-2024-0008", "payments/api", 6, ofHours(2)));
    fx.inventory(
        pod(6, "api-6a", "running", "staging", ofMinutes(5)),
        pod(6, "api-6b", "running", "production", ofMinutes(5)));

    assertThat(alertedCves(fx.run(wf, NOW))).containsExactly("CVE-2024-0008");
  }

  @Test
  void findingsOfOneVulnerablePackageInSeveralImagesFormOneGroup() {
    recentProductionCritical("CVE-2024-0009", 7);
    recentProductionCritical("CVE-2024-0009", 8);

    RunReport r = fx.run(wf, NOW);

    assertThat(r.count("production")).isEqualTo(2);
    assertThat(r.count("groups")).isEqualTo(1);
    GroupReport g = r.groups().get(0);
    assertThat(g.affectedImages()).containsExactly(digest(7), digest(8));
    assertThat(g.workloads()).hasSize(2);
    List<JsonNode> out = fx.outbox();
    assertThat(out).hasSize(2);
    assertThat(out.get(0).get("affectedImages")).hasSize(2);
  }

  @Test
  void theFirstRunRecordsOldGroupsAsBaselineAndAlertsOnlyRecentOnes() {
    recentProductionCritical("CVE-2024-0010", 9);
    fx.findings.add(critical("CVE-2023-0011", "payments/api", 10, ofDays(3)));
    fx.inventory(pod(10, "api-10", "running", "production", ofMinutes(5)));

    RunReport r = fx.run(wf, NOW);

    assertThat(r.firstRun()).isEqualTo("yes");
    assertThat(decision(r, "CVE-2023-0011")).isEqualTo("baseline");
    assertThat(alertedCves(r)).containsExactly("CVE-2024-0010");
    assertThat(r.plan())
        .extracting(p -> p.action())
        .containsExactlyInAnyOrder("state.baseline", "jira.create", "slack.post");
  }

  @Test
  void backfillAlertsOldGroupsOnTheFirstRun() {
    Workflow backfill =
        TriageFixture.workflow(
            WORKFLOW.replace(
                "- type: suppress-reported", "- type: suppress-reported\n    backfill: true"));
    fx.findings.add(critical("CVE-2023-0011", "payments/api", 10, ofDays(3)));
    fx.inventory(pod(10, "api-10", "running", "production", ofMinutes(5)));

    assertThat(alertedCves(fx.run(backfill, NOW))).containsExactly("CVE-2023-0011");
  }

  @Test
  void aSecondRunOverTheSameDataIsSilent() {
    recentProductionCritical("CVE-2024-0012", 11);
    fx.run(wf, NOW);

    RunReport second = fx.run(wf, NOW.plus(ofHours(1)));

    assertThat(second.firstRun()).isEqualTo("no");
    assertThat(second.count("new")).isZero();
    assertThat(decision(second, "CVE-2024-0012")).isEqualTo("suppressed");
    assertThat(fx.outbox()).hasSize(2);
  }

  @Test
  void laterRunsAlertNewGroupsHoweverOldTheirFindings() {
    recentProductionCritical("CVE-2024-0013", 12);
    fx.run(wf, NOW);
    // An old vulnerable image starts running in production after the first run.
    fx.findings.add(critical("CVE-2021-44228", "payments/api", 13, ofDays(30)));
    fx.inventory(pod(13, "legacy-13", "running", "production", ofMinutes(5)));

    RunReport later = fx.run(wf, NOW.plus(ofHours(1)));

    assertThat(alertedCves(later)).containsExactly("CVE-2021-44228");
  }

  @Test
  void baselineGroupsStaySilentOnLaterRuns() {
    fx.findings.add(critical("CVE-2023-0011", "payments/api", 10, ofDays(3)));
    fx.inventory(pod(10, "api-10", "running", "production", ofMinutes(5)));
    fx.run(wf, NOW);

    RunReport later = fx.run(wf, NOW.plus(ofHours(1)));

    assertThat(decision(later, "CVE-2023-0011")).isEqualTo("suppressed");
    assertThat(fx.outbox()).isEmpty();
  }

  @Test
  void afterThreeDaysWithoutARunEverythingNewInBetweenIsAlerted() {
    recentProductionCritical("CVE-2024-0015", 15);
    fx.run(wf, NOW);
    // An outage: no run for three days while new findings and deployments arrive.
    // Both first observed more than 24h before the next run: a later run alerts them anyway.
    fx.findings.add(
        finding(
            "CVE-2024-0016",
            "CRITICAL",
            "payments/api",
            16,
            "zlib",
            "1.2",
            ofDays(-1),
            ofDays(-3)));
    fx.findings.add(
        finding(
            "CVE-2024-0017",
            "CRITICAL",
            "payments/api",
            17,
            "zlib",
            "1.2",
            ofDays(-2),
            ofDays(-3)));
    fx.inventory(
        pod(16, "api-16", "running", "production", ofDays(-3)),
        pod(17, "api-17", "running", "production", ofDays(-3)));

    RunReport back = fx.run(wf, NOW.plus(ofDays(3)));

    assertThat(back.firstRun()).isEqualTo("no");
    assertThat(alertedCves(back)).containsExactlyInAnyOrder("CVE-2024-0016", "CVE-2024-0017");
    assertThat(fx.outbox()).hasSize(6);
  }

  @Test
  void anEventScopedRunNeverTakesTheBaselineOfAScheduledWorkflow() {
    Workflow wf =
        TriageFixture.workflow(
            WORKFLOW.replace(
                "steps:",
                "triggers: { schedule: { cron: \"0 * * * *\" }, events: [ecr-image-scan] }\nsteps:"));
    recentProductionCritical("CVE-2024-0018", 18);
    fx.findings.add(critical("CVE-2023-0019", "payments/api", 19, ofDays(3)));
    fx.inventory(pod(19, "api-19", "running", "production", ofMinutes(5)));
    RunOptions scoped = scopedTo(18);

    RunReport event = fx.run(wf, scoped);
    RunReport full = fx.run(wf, NOW.plus(ofMinutes(5)));

    assertThat(event.firstRun()).startsWith("deferred");
    assertThat(fx.outbox()).hasSize(2);
    assertThat(full.firstRun()).isEqualTo("yes");
    assertThat(decision(full, "CVE-2023-0019")).isEqualTo("baseline");
    assertThat(alertedCves(full)).containsExactly("CVE-2024-0018");
  }

  @Test
  void anEventOnlyWorkflowTakesItsBaselineOnItsFirstEventRun() {
    // No schedule: no full run will ever come, so the first event run is the first run.
    Workflow wf =
        TriageFixture.workflow(
            WORKFLOW.replace("steps:", "triggers: { events: [ecr-image-scan] }\nsteps:"));
    recentProductionCritical("CVE-2024-0020", 20);
    fx.findings.add(critical("CVE-2023-0021", "payments/api", 20, ofDays(3)));
    RunOptions scoped = scopedTo(20);

    RunReport first = fx.run(wf, scoped);
    RunReport again = fx.run(wf, scoped);

    assertThat(first.firstRun()).isEqualTo("yes");
    assertThat(alertedCves(first)).containsExactly("CVE-2024-0020");
    assertThat(decision(first, "CVE-2023-0021")).isEqualTo("baseline");
    assertThat(again.firstRun()).isEqualTo("no");
    assertThat(alertedCves(again)).isEmpty();
    assertThat(fx.outbox()).hasSize(2);
  }

  @Test
  void aDryRunDecidesEverythingButWritesAndSendsNothing() {
    recentProductionCritical("CVE-2024-0014", 14);

    RunReport dry = fx.run(wf, RunOptions.at(NOW).dryRun(true));
    RunReport real = fx.run(wf, NOW);

    assertThat(dry.plan()).extracting(p -> p.action()).containsExactly("jira.create", "slack.post");
    assertThat(real.firstRun()).isEqualTo("yes");
    assertThat(real.count("delivered")).isEqualTo(1);
    assertThat(fx.outbox()).hasSize(2);
  }

  /** A run for one event: scoped to image {@code n} of payments/api. */
  private static RunOptions scopedTo(int image) {
    return RunOptions.at(NOW)
        .scope(
            java.util.Optional.of(
                new io.vulnsift.engine.port.FindingSource.ImageRef(
                    Data.REGISTRY, "payments/api", digest(image))));
  }

  private static List<String> alertedCves(RunReport r) {
    return r.groups().stream()
        .filter(g -> g.decision().equals("alerted"))
        .map(g -> g.key().get("vulnerabilityId"))
        .toList();
  }

  private static String decision(RunReport r, String cve) {
    return r.groups().stream()
        .filter(g -> g.key().get("vulnerabilityId").equals(cve))
        .map(GroupReport::decision)
        .findFirst()
        .orElse("absent");
  }
}
