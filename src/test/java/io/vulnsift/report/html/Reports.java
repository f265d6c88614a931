package io.vulnsift.report.html;

import io.vulnsift.engine.report.DeliveryReport;
import io.vulnsift.engine.report.FindingOutcome;
import io.vulnsift.engine.report.FunnelStage;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-made run reports for the page: a plain one and one full of hostile scanner text. */
final class Reports {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final String DIGEST = "sha256:" + "ab".repeat(32);

  /** Script and markup where a scanner or an inventory writes free text. */
  static final String HOSTILE_PACKAGE =
      "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

  static final String HOSTILE_STAGE = "\"><svg onload=window.__pwned=3>";

  private Reports() {}

  static Finding finding(String id, String severity, String pkg, String uri) {
    return new Finding(
        id,
        id + " in " + pkg,
        "description",
        severity,
        9.8,
        null,
        pkg,
        "1.0",
        null,
        null,
        null,
        null,
        uri,
        "123456789012",
        "payments/api",
        DIGEST,
        List.of("v1"),
        NOW.minusSeconds(7200),
        NOW.minusSeconds(3600),
        Finding.ScanType.ENHANCED,
        null,
        null);
  }

  static RunReport report(List<FindingOutcome> findings, List<GroupReport> groups) {
    return new RunReport(
        "critical-production",
        "run-1",
        NOW,
        false,
        "no",
        List.of(
            new FunnelStage("fetched", "findings", 3, 0, null),
            new FunnelStage("current", "findings", 3, 0, "not observed within 7d"),
            new FunnelStage("severity", "findings", 2, 1, "severity not in [CRITICAL]"),
            new FunnelStage("running", "findings", 1, 1, "condition false: runtime.running"),
            new FunnelStage("groups", "groups", 1, 0, null),
            new FunnelStage("new", "groups", 1, 0, null),
            new FunnelStage("delivered", "groups", 1, 0, null)),
        groups,
        List.of(),
        Map.of("jira", Map.of("POST /issue", 1)),
        Map.of(),
        Map.of(),
        List.of(),
        12,
        Map.of("fetch", 3L),
        findings);
  }

  static GroupReport group(String fingerprint, String jiraKey, String jiraUrl) {
    return new GroupReport(
        fingerprint,
        Map.of("vulnerabilityId", "CVE-2024-0001", "packageName", "openssl"),
        "title",
        "CRITICAL",
        9.8,
        List.of(DIGEST),
        List.of(new Workload("prod", "payments", "api", "production", "payments", "team", DIGEST)),
        "alerted",
        "never reported",
        Map.of(
            "jira",
            new DeliveryReport(
                "jira.create", "delivered", Map.of("jiraKey", jiraKey, "jiraUrl", jiraUrl), null)));
  }

  static FindingOutcome alerted(Finding f, String fingerprint, String stage) {
    return new FindingOutcome(
        f,
        "running",
        List.of(stage),
        List.of("payments"),
        List.of("prod"),
        List.of("prod/payments/api"),
        null,
        null,
        fingerprint);
  }

  static FindingOutcome dropped(Finding f, String stage, String reason, String runtime) {
    return new FindingOutcome(
        f, runtime, List.of(), List.of(), List.of(), List.of(), stage, reason, null);
  }

  /** Three findings: one alerted with a Jira issue, one not running, one of another severity. */
  static RunReport plain() {
    Finding alerted = finding("CVE-2024-0001", "CRITICAL", "openssl", "https://example.org/a");
    return report(
        List.of(
            alerted(alerted, "fp1", "production"),
            dropped(
                finding("CVE-2024-0002", "CRITICAL", "zlib", null),
                "running",
                "condition false: runtime.running",
                "not running"),
            dropped(
                finding("GHSA-xxxx-yyyy", "HIGH", "lodash", "https://github.com/advisories/x"),
                "severity",
                "severity not in [CRITICAL]",
                "not running")),
        List.of(group("fp1", "SEC-12", "https://acme.atlassian.net/browse/SEC-12")));
  }

  /** The same shape, every free text field hostile. */
  static RunReport hostile() {
    Finding evil = finding("CVE-2024-1\" onmouseover=\"x", "CRITICAL", HOSTILE_PACKAGE, null);
    Finding evilUri = finding("ALAS-<b>1</b>", "HIGH", "pkg", "javascript:window.__pwned=4");
    return report(
        List.of(
            alerted(evil, "fp1", HOSTILE_STAGE),
            dropped(evilUri, "severity", "<i>reason</i>", "not running")),
        List.of(group("fp1", "SEC-1<script>", "javascript:window.__pwned=5")));
  }
}
