package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.digest;
import static io.vulnsift.engine.Data.finding;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.engine.port.StateStore.GroupStatus;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.model.GroupKey;
import io.vulnsift.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle of a reported group: resolution after the grace period, the heartbeat of groups
 * that still match, regression (reopen or silent reactivation), and the re-notify rules.
 */
class GroupLifecycleTest {
  static final String RULES =
      """
          renotify:
            severityRaised: true
            newProductionWorkload: true
            regression: true
      """;

  final TriageFixture fx = new TriageFixture();
  final Workflow plain = TriageFixture.workflow(TriageSemanticsTest.WORKFLOW);
  final Workflow withRules =
      TriageFixture.workflow(
          TriageSemanticsTest.WORKFLOW.replace(
              "  - type: suppress-reported\n", "  - type: suppress-reported\n" + RULES));

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  /** Alerts CVE-2024-7000 in image 70 at NOW, running in production. */
  private void alertedAtNow(Workflow wf) {
    fx.findings.add(critical("CVE-2024-7000", "payments/api", 70, ofHours(2)));
    fx.inventory(pod(70, "api-70", "running", "production", ofMinutes(5)));
    assertThat(decision(fx.run(wf, NOW), "CVE-2024-7000")).isEqualTo("alerted");
  }

  /** The pod seen again at {@code at}, so the group matches at that clock. */
  private void seenAt(Instant at, String container, String stage) {
    fx.inventory(pod(70, container, "running", stage, Duration.between(at, NOW)));
  }

  @Test
  void aGroupThatStopsMatchingIsResolvedAfterTheGracePeriodAndOnlyOnce() {
    alertedAtNow(plain);

    RunReport early = fx.run(plain, NOW.plus(ofHours(12)));
    RunReport late = fx.run(plain, NOW.plus(ofHours(25)));
    RunReport again = fx.run(plain, NOW.plus(ofHours(26)));

    assertThat(early.count("resolved")).isZero();
    assertThat(late.count("resolved")).isEqualTo(1);
    assertThat(decision(late, "CVE-2024-7000")).isEqualTo("resolved");
    assertThat(again.count("resolved")).isZero();
    assertThat(status("CVE-2024-7000", NOW.plus(ofHours(26)))).isEqualTo(GroupStatus.RESOLVED);
  }

  @Test
  void theGracePeriodCountsFromWhenTheGroupLastMatchedNotFromItsFirstAlert() {
    alertedAtNow(plain);
    for (int h = 7; h <= 42; h += 7) { // matching for 42 hours: the heartbeat keeps it alive
      Instant at = NOW.plus(ofHours(h));
      seenAt(at, "api-70", "production");
      assertThat(fx.run(plain, at).count("resolved")).as("at +%dh", h).isZero();
    }

    RunReport tenHoursAfter = fx.run(plain, NOW.plus(ofHours(52)));
    RunReport dayAndMoreAfter = fx.run(plain, NOW.plus(ofHours(75)));

    assertThat(tenHoursAfter.count("resolved")).isZero();
    assertThat(dayAndMoreAfter.count("resolved")).isEqualTo(1);
  }

  @Test
  void eventScopedRunsNeverResolveWhatTheyDoNotSee() {
    alertedAtNow(plain);
    RunOptions scoped =
        RunOptions.at(NOW.plus(ofHours(30)))
            .scope(Optional.of(new ImageRef(Data.REGISTRY, "payments/api", digest(99))));

    assertThat(fx.run(plain, scoped).count("resolved")).isZero();
    assertThat(status("CVE-2024-7000", NOW.plus(ofHours(30)))).isEqualTo(GroupStatus.ACTIVE);
  }

  @Test
  void aResolvedGroupThatMatchesAgainIsReopenedWhenTheRegressionRuleIsOn() {
    alertedAtNow(withRules);
    fx.run(withRules, NOW.plus(ofHours(25)));
    Instant back = NOW.plus(ofHours(30));
    seenAt(back, "api-70", "production");

    RunReport r = fx.run(withRules, back);

    assertThat(decision(r, "CVE-2024-7000")).isEqualTo("reopened");
    assertThat(r.count("renotified")).isEqualTo(1);
    assertThat(status("CVE-2024-7000", back)).isEqualTo(GroupStatus.ACTIVE);
    assertThat(decision(fx.run(withRules, back.plus(ofMinutes(5))), "CVE-2024-7000"))
        .isEqualTo("suppressed");
  }

  @Test
  void aGroupResolvedLongerAgoThanTheRetentionIsNewAgain() {
    alertedAtNow(plain);
    fx.run(plain, NOW.plus(ofHours(25)));
    Instant muchLater = NOW.plus(Duration.ofDays(200));
    seenAt(muchLater, "api-70", "production");
    fx.findings.set(
        0,
        finding(
            "CVE-2024-7000",
            "CRITICAL",
            "payments/api",
            70,
            "openssl",
            "3.0.13",
            Duration.ofDays(-199),
            Duration.ofDays(-200).plus(ofHours(1))));

    RunReport r = fx.run(plain, muchLater);

    assertThat(decision(r, "CVE-2024-7000")).isEqualTo("alerted");
  }

  @Test
  void withoutTheRegressionRuleAResolvedGroupComesBackSilently() {
    alertedAtNow(plain);
    fx.run(plain, NOW.plus(ofHours(25)));
    Instant back = NOW.plus(ofHours(30));
    seenAt(back, "api-70", "production");

    RunReport r = fx.run(plain, back);

    assertThat(decision(r, "CVE-2024-7000")).isEqualTo("reactivated");
    assertThat(r.count("renotified")).isZero();
    assertThat(status("CVE-2024-7000", back)).isEqualTo(GroupStatus.ACTIVE);
  }

  @Test
  void aNewProductionWorkloadIsReNotifiedOnceWhenTheRuleIsOn() {
    alertedAtNow(withRules);
    Instant later = NOW.plus(ofHours(1));
    fx.inventory(pod(70, "checkout-70", "running", "production", ofMinutes(-55)));

    RunReport r = fx.run(withRules, later);
    RunReport next = fx.run(withRules, later.plus(ofMinutes(10)));

    assertThat(decision(r, "CVE-2024-7000")).isEqualTo("renotified");
    assertThat(reason(r, "CVE-2024-7000")).contains("new production workload");
    assertThat(decision(next, "CVE-2024-7000")).isEqualTo("suppressed");
  }

  @Test
  void aNewVulnerableImageInProductionIsReNotifiedWhenTheRuleIsOn() {
    alertedAtNow(withRules);
    // A redeploy of the same workload with a new image that still carries the vulnerability.
    fx.findings.add(critical("CVE-2024-7000", "payments/api", 72, ofHours(1)));
    fx.inventory(pod(72, "api-70", "running", "production", ofMinutes(-55)));

    RunReport r = fx.run(withRules, NOW.plus(ofHours(1)));

    assertThat(decision(r, "CVE-2024-7000")).isEqualTo("renotified");
    assertThat(reason(r, "CVE-2024-7000")).contains("new affected image " + digest(72));
  }

  @Test
  void aRaisedSeverityIsReNotifiedWhenTheRuleIsOnAndIgnoredWhenOff() {
    fx.findings.add(
        finding(
            "CVE-2024-7100",
            "CRITICAL",
            "payments/api",
            71,
            "zlib",
            "1.2",
            ofHours(2),
            ofHours(1)));
    fx.inventory(pod(71, "api-71", "running", "production", ofMinutes(5)));
    Workflow highToo =
        TriageFixture.workflow(
            TriageSemanticsTest.WORKFLOW
                .replace(
                    "name: critical-production",
                    "name: high-too\nsource:\n  severities: [HIGH, CRITICAL]")
                .replace("  - type: suppress-reported\n", "  - type: suppress-reported\n" + RULES));
    fx.findings.set(
        0,
        finding(
            "CVE-2024-7100", "HIGH", "payments/api", 71, "zlib", "1.2", ofHours(2), ofHours(1)));
    fx.run(highToo, NOW);
    fx.findings.set(
        0,
        finding(
            "CVE-2024-7100",
            "CRITICAL",
            "payments/api",
            71,
            "zlib",
            "1.2",
            ofHours(2),
            ofMinutes(30)));

    RunReport r = fx.run(highToo, NOW.plus(ofMinutes(30)));

    assertThat(decision(r, "CVE-2024-7100")).isEqualTo("renotified");
    assertThat(reason(r, "CVE-2024-7100")).contains("severity raised from HIGH to CRITICAL");
  }

  private GroupStatus status(String cve, Instant now) {
    String fp =
        new GroupKey(
                Map.of(
                    "vulnerabilityId", cve,
                    "registry", Data.REGISTRY,
                    "repository", "payments/api",
                    "packageName", "openssl",
                    "packageVersion", "3.0.13"))
            .fingerprint();
    return fx.state.load(plain.name(), List.of(fp), now).get(fp).status();
  }

  private static String decision(RunReport r, String cve) {
    return group(r, cve).map(GroupReport::decision).orElse("absent");
  }

  private static String reason(RunReport r, String cve) {
    return group(r, cve).map(GroupReport::reason).orElse("");
  }

  private static Optional<GroupReport> group(RunReport r, String cve) {
    List<GroupReport> all = r.groups();
    return all.stream().filter(g -> cve.equals(g.key().get("vulnerabilityId"))).findFirst();
  }
}
